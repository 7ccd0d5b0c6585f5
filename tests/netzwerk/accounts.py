"""A full account for the tests of backup, restore, forgetting a person and deleting an account:
at least one row in every owned model of every app, and rows that name one person.

The tests check against the model registry that no owned model is left empty, so a model
added later fails them until it gets a row here.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Model
from django.utils import timezone

from api.models import ApiToken, IdempotentRequest
from contacts.carddav.models import AddressBook, AppPassword, ContactCard
from contacts.models import (
    ColumnMapping,
    Contact,
    ContactMark,
    ForgottenPerson,
    ImportBatch,
    NotDuplicate,
    Submission,
)
from netzwerk.account.registry import owned_models
from reminders.models import Digest, DigestState, Nudge, PushDelivery, PushSubscription
from strategy.models import GoalReview
from tests.factories import (
    make_channel,
    make_contact,
    make_event,
    make_follow_up,
    make_goal,
    make_goal_contact,
    make_group,
    make_help,
    make_important_date,
    make_interaction,
    make_introduction,
    make_lunch,
    make_nudge,
    make_request_prep,
)
from webhooks.models import Delivery, Endpoint, Event


@dataclass
class Account:
    owner: object
    person: Contact  # the person the forget tests forget: named by a row of every kind
    friend: Contact  # shares interactions, a lunch and an introduction with the person


def fill_account(owner, prefix: str = "") -> Account:
    # Made first, so the person is "B" of their introduction (the pair is stored in id order).
    elder = make_contact(owner, first_name=f"{prefix}Anna", last_name="Adler")
    person = make_contact(
        owner,
        first_name=f"{prefix}Jürgen",
        last_name="Weiß",
        company="Weiß & Söhne",
        emails=["juergen@example.com"],
        phones=["+49 171 1234567"],
        birthday_day=29,
        birthday_month=2,
        notes="Mag Typografie.\nZweite Zeile.",
        tags=["Design", "Köln"],
        category="einhorn",
    )
    person.set_links({"linkedin": "https://www.linkedin.com/in/juergen-weiss"})
    friend = make_contact(owner, first_name=f"{prefix}Zoë", last_name="Łukasz", tags=["Design"])
    make_interaction(person, kind="coffee", days_ago=3, notes="Nur wir zwei")
    make_interaction(person, kind="call", days_ago=8, notes="Zu dritt", others=[friend])
    make_interaction(friend, kind="message", days_ago=1, notes="Ohne ihn")
    make_help(person, note="Preisliste geteilt")
    make_request_prep(person, does_today="Gestaltet Schriften")
    make_introduction(person, friend, why="Beide lieben Typografie")
    make_introduction(elder, person, why="Beide in Köln")
    NotDuplicate.objects.dismiss(owner, elder, person)
    NotDuplicate.objects.dismiss(owner, person, friend)
    goal = make_goal(owner, title=f"{prefix}Neue Kundschaft")
    make_goal_contact(goal, person, next_step="Kaffee")
    make_channel(goal, "linkedin", weekly_minutes=60)
    GoalReview.objects.create(owner=owner, goal=goal, reviewed_on=timezone.localdate())
    make_group(owner, contacts=[person, friend], goals=[goal], name=f"{prefix}Stammtisch")
    event = make_event(owner, days_ago=5, title=f"{prefix}Typo-Abend")
    event.record_met([person, friend])
    follow_up = make_follow_up(person, days_from_today=2, note="Angebot schicken")
    date = make_important_date(person, day=1, month=4, year=2015)
    alone = make_lunch(owner, person, days_from_today=1, place="Kantine")
    together = make_lunch(owner, person, friend, days_from_today=-2, place="Bistro")
    together.mark_done(timezone.localdate())
    make_nudge(owner, "followup", follow_up=follow_up, contact=person)
    make_nudge(owner, "date", important_date=date, contact=person)
    make_nudge(owner, "lunchday", lunch=alone)
    make_nudge(owner, "review", goal=goal)
    make_nudge(owner, "touch", contact=friend)
    Digest.objects.create(owner=owner, week="2026-W48", state=DigestState.SENT)
    ForgottenPerson.objects.remember(owner, [("email", f"{prefix}old@example.com")])
    Submission.objects.create(owner=owner, key=uuid.uuid4(), result_url="/contacts/")
    ImportBatch.objects.create(owner=owner, title=f"{prefix}Connections.csv", state="done")
    ColumnMapping.objects.create(
        owner=owner, signature=f"{prefix}0123456789abcdef", headers=["Name"], fields=["full_name"]
    )
    device = PushSubscription.objects.create(
        owner=owner,
        name=f"{prefix}Telefon",
        endpoint=f"https://fcm.googleapis.com/fcm/send/{uuid.uuid4()}",
        p256dh="BPk",
        auth="c2VjcmV0",
    )
    PushDelivery.objects.create(owner=owner, nudge=owner_nudge(owner), subscription=device)
    # The phone's address book: a device password, a book with its cards, and what the
    # phone sent about the person that Netzwerk has no field for (a photo).
    AppPassword.create_for(owner, f"{prefix}iPhone")
    AddressBook.objects.ensure_one(owner)
    AddressBook.objects.get(owner=owner).refresh()
    ContactCard.objects.create(
        contact=person,
        owner=owner,
        uid=f"{prefix}{uuid.uuid4()}",
        photo=b"\xff\xd8",
        photo_type="jpeg",
    )
    # Tools the user connected: an API token with a remembered retry, a webhook and its outbox.
    ApiToken.create_for(owner, f"{prefix}Kurzbefehl")
    IdempotentRequest.objects.create(owner=owner, key=f"{prefix}{uuid.uuid4()}", fingerprint="0")
    endpoint = Endpoint.objects.create(
        owner=owner, url="https://hooks.example.org/netzwerk", events=[Event.CONTACT_CREATED]
    )
    Delivery.objects.create(
        owner=owner,
        endpoint=endpoint,
        event_id=str(uuid.uuid4()),
        event=Event.CONTACT_CREATED,
        object_id=person.pk,
    )
    # A tag change whose contacts the background has not marked yet.
    ContactMark.objects.create(owner=owner, contact=person)
    return Account(owner, person, friend)


def owner_nudge(owner) -> Nudge:
    return Nudge.objects.filter(owner=owner).order_by("id").first()


def rows_per_model(user) -> dict[str, int]:
    return {owned.label: owned.rows_of(user).count() for owned in owned_models()}


def backed_up_rows(user) -> dict[str, int]:
    """rows_per_model() of the models a backup holds (not device secrets or sync state)."""
    return {o.label: o.rows_of(user).count() for o in owned_models() if o.in_backup}


def empty_models(user) -> list[str]:
    return [label for label, count in rows_per_model(user).items() if not count]


def nudges_about(contact: Contact) -> int:
    return Nudge.objects.filter(contact=contact).count()


def today_minus(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


__all__ = ["Account", "Model", "empty_models", "fill_account", "rows_per_model"]
