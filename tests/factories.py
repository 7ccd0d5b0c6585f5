"""Small builders for test data; each takes the owner explicitly so data never mixes."""

import datetime
import itertools

from django.utils import timezone

from contacts.models import Contact, HelpEntry, Interaction, Introduction, RequestPrep, Tag
from netzwerk.models import User
from reminders.models import FollowUp, ImportantDate, Lunch, Nudge
from strategy.models import Event, Goal, GoalChannel, GoalContact, Group

_counter = itertools.count(1)


def make_user(email: str | None = None, password: str = "a-Good-passw0rd", **extra) -> User:
    email = email or f"user{next(_counter)}@example.com"
    return User.objects.create_user(email=email, password=password, **extra)


def make_contact(owner: User, **fields) -> Contact:
    n = next(_counter)
    fields.setdefault("first_name", f"Vorname{n}")
    fields.setdefault("last_name", f"Nachname{n}")
    tags = fields.pop("tags", [])
    contact = Contact.objects.create(owner=owner, **fields)
    if tags:
        contact.set_tags(Tag.objects.get_or_create_named(owner, tags))
    return contact


def make_interaction(
    contact: Contact, kind: str = "coffee", days_ago: int = 0, notes: str = "", others=()
):
    date = timezone.localdate() - datetime.timedelta(days=days_ago)
    return contact.log_interaction(kind=kind, date=date, notes=notes, others=others)


def make_tag(owner: User, name: str | None = None) -> Tag:
    return Tag.objects.create(owner=owner, name=name or f"Tag{next(_counter)}")


def make_follow_up(contact: Contact, days_from_today: int = 0, **fields) -> FollowUp:
    due_on = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return FollowUp.objects.create(owner=contact.owner, contact=contact, due_on=due_on, **fields)


def make_important_date(contact: Contact, **fields) -> ImportantDate:
    fields.setdefault("kind", "work")
    return ImportantDate.objects.create(owner=contact.owner, contact=contact, **fields)


def make_lunch(owner: User, *people: Contact, days_from_today: int = 0, **fields) -> Lunch:
    date = timezone.localdate() + datetime.timedelta(days=days_from_today)
    lunch = Lunch.objects.create(owner=owner, date=date, **fields)
    lunch.contacts.set(people)
    return lunch


def make_nudge(owner: User, kind: str, key: str | None = None, **fields) -> Nudge:
    fields.setdefault("occurs_on", timezone.localdate())
    return Nudge.objects.create(owner=owner, kind=kind, key=key or f"k{next(_counter)}", **fields)


def make_goal(owner: User, **fields) -> Goal:
    fields.setdefault("title", f"Ziel {next(_counter)}")
    return Goal.objects.create(owner=owner, **fields)


def make_channel(goal: Goal, platform: str = "linkedin", **fields) -> GoalChannel:
    return GoalChannel.objects.create(goal=goal, platform=platform, **fields)


def make_goal_contact(goal: Goal, contact: Contact, next_step: str = "") -> GoalContact:
    return GoalContact.objects.create(goal=goal, contact=contact, next_step=next_step)


def make_group(owner: User, contacts=(), goals=(), **fields) -> Group:
    fields.setdefault("name", f"Gruppe {next(_counter)}")
    group = Group.objects.create(owner=owner, **fields)
    group.contacts.set(contacts)
    group.goals.set(goals)
    return group


def make_event(owner: User, days_ago: int = 0, **fields) -> Event:
    fields.setdefault("title", f"Treffen {next(_counter)}")
    fields.setdefault("date", timezone.localdate() - datetime.timedelta(days=days_ago))
    return Event.objects.create(owner=owner, **fields)


def make_introduction(a: Contact, b: Contact, **fields) -> Introduction:
    return Introduction.objects.create(owner=a.owner, contact_a=a, contact_b=b, **fields)


def make_help(contact: Contact, days_ago: int = 0, **fields) -> HelpEntry:
    fields.setdefault("date", timezone.localdate() - datetime.timedelta(days=days_ago))
    return HelpEntry.objects.create(owner=contact.owner, contact=contact, **fields)


def make_request_prep(contact: Contact, **fields) -> RequestPrep:
    return RequestPrep.objects.create(contact=contact, **fields)


__all__ = [
    "Interaction",
    "make_channel",
    "make_contact",
    "make_event",
    "make_follow_up",
    "make_goal",
    "make_goal_contact",
    "make_group",
    "make_help",
    "make_important_date",
    "make_interaction",
    "make_introduction",
    "make_lunch",
    "make_nudge",
    "make_request_prep",
    "make_tag",
    "make_user",
]
