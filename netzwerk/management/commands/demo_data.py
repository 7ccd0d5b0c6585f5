"""The demo account: Mia, a freelance UX designer in Köln, and the network she keeps.

`bin/run` calls `demo_data --if-empty` on every start, so a fresh install has something to
show and a second start changes nothing. The demo spans every app, so it is put together here:
each app builds its own part (contacts/demo.py, reminders/demo.py, strategy/demo.py), the
contacts first, since the other parts are about them.
"""

import datetime

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from contacts.demo import build_demo_contacts
from contacts.models import Category, Contact
from netzwerk.models import User
from reminders.demo import build_demo_reminders
from strategy.demo import build_demo_strategy

DEMO_EMAIL = "demo@netzwerk.example"
# Published on purpose: the demo account of a local quick start.
DEMO_PASSWORD = "netzwerk-demo"  # nosec B105


class Command(BaseCommand):
    help = f"Create the demo account {DEMO_EMAIL} (password {DEMO_PASSWORD}) with its network."

    def add_arguments(self, parser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the demo user exists already (used on every start).",
        )
        mode.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo user with all its data and create it afresh.",
        )

    def handle(self, *args, if_empty: bool = False, reset: bool = False, **options) -> None:
        existing = User.objects.filter(email=DEMO_EMAIL).first()
        if existing and if_empty:
            self.stdout.write(f"Demo user {DEMO_EMAIL} exists already; nothing to do.")
            return
        if existing and not reset:
            self.stdout.write(
                self.style.WARNING(
                    f"Demo user {DEMO_EMAIL} exists already; nothing was changed. "
                    "Run `manage.py demo_data --reset` to delete its data and create it afresh."
                )
            )
            return
        with transaction.atomic():
            if existing:
                # Deleting the user cascades to everything it owns, in every app, so a reset
                # cannot leave parts of the old demo behind.
                existing.delete()
            user = build_demo_account(today=timezone.localdate(), now=timezone.now())
        contacts = Contact.objects.for_owner(user)
        per_category = ", ".join(
            f"{contacts.filter(category=c).count()} {c.label}" for c in Category
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Recreated' if existing else 'Created'} demo user {DEMO_EMAIL} "
                f"(password {DEMO_PASSWORD}): {contacts.count()} contacts ({per_category}), "
                f"{user.interactions.count()} interactions, {user.tags.count()} tags."
            )
        )


def build_demo_account(today: datetime.date, now: datetime.datetime) -> User:
    """Mia and everything she keeps in each app; dates count back from today."""
    user = User.objects.create_user(
        email=DEMO_EMAIL,
        password=DEMO_PASSWORD,
        first_name="Mia",
        language="de",
        time_zone="Europe/Berlin",
        home_city="Köln",
    )
    # A verified address lets the demo log in even where email verification is mandatory.
    EmailAddress.objects.create(user=user, email=DEMO_EMAIL, verified=True, primary=True)
    contacts = build_demo_contacts(user, today, now)
    build_demo_reminders(user, contacts, today)
    build_demo_strategy(user, contacts, today)
    return user
