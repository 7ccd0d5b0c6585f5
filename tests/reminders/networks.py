"""A user's network with reminders of every kind, built in bulk for the query-count tests."""

import datetime
from dataclasses import dataclass

from django.test import Client
from django.utils import timezone

from contacts.models import Category, Contact, Interaction
from contacts.text import canonical
from netzwerk.models import User
from reminders.models import FollowUp, ImportantDate, Lunch, Nudge, NudgeKind
from tests.factories import make_user

CATEGORIES = [Category.EINHORN, Category.FLAMINGO, Category.PINGUIN]
CITIES = ["Köln", "Bonn", "Düsseldorf"]


@dataclass
class Network:
    owner: User
    client: Client
    contacts: list[Contact]


def build_reminder_network(size: int) -> Network:
    """`size` contacts; a follow-up, a lunch, a date and nudges for many of them."""
    today = timezone.localdate()
    owner = make_user(home_city="Köln")
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                owner=owner,
                first_name=f"Vorname{n:03}",
                last_name=f"Nachname{n:03}",
                sort_name=canonical(f"Nachname{n:03} Vorname{n:03}"),
                category=CATEGORIES[n % 3],
                city=CITIES[n % 3],
                # Every fifth has a birthday in the coming two weeks.
                birthday_day=(today + datetime.timedelta(days=n % 14)).day if n % 5 == 0 else None,
                birthday_month=(today + datetime.timedelta(days=n % 14)).month
                if n % 5 == 0
                else None,
                created_at=timezone.now() - datetime.timedelta(days=400),
            )
            for n in range(size)
        ]
    )
    interactions = Interaction.objects.bulk_create(
        [
            Interaction(owner=owner, kind="coffee", date=today - datetime.timedelta(days=n % 200))
            for n in range(size)
        ]
    )
    Interaction.contacts.through.objects.bulk_create(
        [
            Interaction.contacts.through(interaction_id=i.pk, contact_id=c.pk, date=i.date)
            for i, c in zip(interactions, contacts, strict=True)
        ]
    )
    everyone = Contact.objects.filter(owner=owner)
    everyone.refresh_last_contacted()
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                owner=owner,
                contact=c,
                due_on=today + datetime.timedelta(days=(n % 20) - 10),
                note=f"Angebot {n}",
            )
            for n, c in enumerate(contacts)
        ]
    )
    ImportantDate.objects.bulk_create(
        [
            ImportantDate(
                owner=owner,
                contact=c,
                kind="work",
                day=(today + datetime.timedelta(days=n % 10)).day,
                month=(today + datetime.timedelta(days=n % 10)).month,
                year=2015,
            )
            for n, c in enumerate(contacts)
            if n % 4 == 0
        ]
    )
    lunches = Lunch.objects.bulk_create(
        [
            Lunch(
                owner=owner,
                date=today + datetime.timedelta(days=(n % 14) - 7),
                time=datetime.time(12, 30),
                place=f"Kantine {n}",
                status="done" if n % 14 < 7 else "planned",
            )
            for n in range(max(14, size // 5))
        ]
    )
    Lunch.contacts.through.objects.bulk_create(
        [
            Lunch.contacts.through(lunch_id=lunch.pk, contact_id=contacts[(n + k) % size].pk)
            for n, lunch in enumerate(lunches)
            for k in range(2)
        ]
    )
    follow_ups = list(FollowUp.objects.filter(owner=owner))
    nudges = []
    for n, contact in enumerate(contacts):
        nudges += [
            Nudge(
                owner=owner, kind=NudgeKind.BIRTHDAY, key=f"b{n}", occurs_on=today, contact=contact
            ),
            Nudge(
                owner=owner,
                kind=NudgeKind.FOLLOW_UP,
                key=f"f{n}",
                occurs_on=today,
                follow_up=follow_ups[n],
                contact=contact,
            ),
            Nudge(
                owner=owner,
                kind=NudgeKind.LUNCH_TODAY,
                key=f"l{n}",
                occurs_on=today,
                lunch=lunches[n % len(lunches)],
            ),
        ]
    Nudge.objects.bulk_create(nudges)
    client = Client()
    client.force_login(owner)
    client.get("/week/")
    return Network(owner=owner, client=client, contacts=contacts)
