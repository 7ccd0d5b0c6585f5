"""Benchmark data of the reminders and strategy pages: follow-ups, dates, lunches, goals.

Steps of data.GENERATORS, run after the contacts exist. The heavy user gets long lists for
every page (2,000 follow-ups, 300 lunches, 20 goals, important dates, groups and events);
every light user gets two follow-ups and a lunch, so the digest and the nudge scan meet real
rows for every user. Big tables go through the Writer (COPY); the few goals, groups and events
go through the model layer, which derives their fields.
"""

import datetime
import random

from django.utils import timezone

from contacts.models import Category, Contact, Status
from netzwerk.models import User
from reminders.models import FollowUp, ImportantDate, Lunch
from reminders.models.followup import Repeat
from reminders.models.important_date import DateKind
from reminders.models.lunch import LunchStatus
from strategy.models import Event, Goal, GoalChannel, GoalContact, Group
from strategy.models.choices import Engagement, GoalKind, GoalStatus, GroupKind, Platform

HEAVY_FOLLOW_UPS = 2_000
HEAVY_OPEN_FOLLOW_UPS = 400  # the rest are done; of the open ones about a third are overdue
HEAVY_LUNCHES = 300
HEAVY_DATES = 300
HEAVY_GOALS = 20
HEAVY_GROUPS = 15
HEAVY_EVENTS = 80
LIGHT_FOLLOW_UPS = 2


def _heavy_contacts(dataset) -> list[tuple[int, str, str]]:
    return list(
        Contact.objects.for_owner(dataset.heavy)
        .order_by("id")
        .values_list("id", "category", "status")
    )


def follow_ups(plan, dataset, writer, rng: random.Random, progress) -> None:
    """2,000 for the heavy user (400 open, a third of them overdue), two per light user."""
    today = timezone.localdate()
    now = timezone.now()
    heavy = [pk for pk, _category, status in _heavy_contacts(dataset) if status == Status.ACTIVE]
    rows = []
    for n in range(HEAVY_FOLLOW_UPS):
        is_open = n < HEAVY_OPEN_FOLLOW_UPS
        due = today + datetime.timedelta(
            days=rng.randint(-40, 80) if is_open else -rng.randint(1, 900)
        )
        done_at = None if is_open else now - datetime.timedelta(days=(today - due).days)
        repeat = rng.choice([Repeat.NONE] * 8 + [Repeat.MONTHLY, Repeat.QUARTERLY])
        note = rng.choice(["Angebot nachfassen", "Wie lief das Gespräch?", "Artikel schicken"])
        rows.append((dataset.heavy.pk, rng.choice(heavy), due, note, repeat, done_at, now))
    light = Contact.objects.exclude(owner=dataset.heavy).filter(status=Status.ACTIVE)
    by_owner: dict[int, list[int]] = {}
    for pk, owner_id in light.values_list("id", "owner_id").iterator(chunk_size=10_000):
        by_owner.setdefault(owner_id, []).append(pk)
    for owner_id, contact_ids in by_owner.items():
        for contact_id in rng.sample(contact_ids, min(LIGHT_FOLLOW_UPS, len(contact_ids))):
            due = today + datetime.timedelta(days=rng.randint(-10, 30))
            rows.append((owner_id, contact_id, due, "", Repeat.NONE, None, now))
    ids = writer.ids(FollowUp, len(rows))
    fields = ["id", "owner", "contact", "due_on", "note", "repeat", "done_at", "created_at"]
    writer.insert(FollowUp, fields, ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
    dataset.counts["follow_ups"] += len(rows)
    progress(f"follow-ups: {len(rows):,}")


def important_dates(plan, dataset, writer, rng: random.Random, progress) -> None:
    contacts = [
        pk for pk, _category, status in _heavy_contacts(dataset) if status != Status.ARCHIVED
    ]
    rows = []
    for pk in rng.sample(contacts, min(HEAVY_DATES, len(contacts))):
        kind = rng.choice(list(DateKind))
        year = rng.randint(1990, 2024) if rng.random() < 0.6 else None
        rows.append((dataset.heavy.pk, pk, kind, "", rng.randint(1, 28), rng.randint(1, 12), year))
    ids = writer.ids(ImportantDate, len(rows))
    fields = ["id", "owner", "contact", "kind", "label", "day", "month", "year"]
    writer.insert(ImportantDate, fields, ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
    dataset.counts["important_dates"] += len(rows)


def lunches(plan, dataset, writer, rng: random.Random, progress) -> None:
    """300 lunches of the heavy user over six years and the next weeks; one per light user."""
    today = timezone.localdate()
    now = timezone.now()
    contacts = _heavy_contacts(dataset)
    # Lunch guests are mostly the people who matter.
    guests = [pk for pk, category, status in contacts if status == Status.ACTIVE]
    weights = [6 if category == Category.EINHORN else 2 if category == Category.FLAMINGO else 1
               for pk, category, status in contacts if status == Status.ACTIVE]  # fmt: skip
    lunch_rows, people = [], []
    lunch_ids = iter(writer.ids(Lunch, HEAVY_LUNCHES))
    for n in range(HEAVY_LUNCHES):
        pk = next(lunch_ids)
        upcoming = n < 6  # this and the next weeks
        date = today + datetime.timedelta(
            days=rng.randint(0, 20) if upcoming else -rng.randint(1, 6 * 365)
        )
        if upcoming:
            status = LunchStatus.PLANNED
        else:
            status = LunchStatus.CANCELLED if rng.random() < 0.08 else LunchStatus.DONE
        time = datetime.time(rng.choice([12, 12, 13]), rng.choice([0, 30]))
        place = rng.choice(["Kantine", "Markthalle", "Café am Park", "Trattoria", ""])
        lunch_rows.append((pk, dataset.heavy.pk, date, time, place, "", status, now))
        for guest in set(rng.choices(guests, weights=weights, k=rng.choice([1, 1, 1, 2, 3]))):
            people.append((pk, guest))
    light = Contact.objects.exclude(owner=dataset.heavy).filter(status=Status.ACTIVE)
    firsts: dict[int, int] = {}
    for pk, owner_id in (
        light.order_by("owner_id", "id").values_list("id", "owner_id").iterator(chunk_size=10_000)
    ):
        firsts.setdefault(owner_id, pk)
    light_ids = iter(writer.ids(Lunch, len(firsts)))
    for owner_id, contact_id in firsts.items():
        pk = next(light_ids)
        date = today + datetime.timedelta(days=rng.randint(-3, 10))
        lunch_rows.append((pk, owner_id, date, None, "", "", LunchStatus.PLANNED, now))
        people.append((pk, contact_id))
    fields = ["id", "owner", "date", "time", "place", "notes", "status", "created_at"]
    writer.insert(Lunch, fields, lunch_rows)
    writer.insert(Lunch.contacts.through, ["lunch", "contact"], people)
    dataset.counts["lunches"] += len(lunch_rows)
    progress(f"lunches: {len(lunch_rows):,}")


def strategy(plan, dataset, writer, rng: random.Random, progress) -> None:
    """20 goals with channels and linked contacts, groups and events of the heavy user."""
    heavy: User = dataset.heavy
    today = timezone.localdate()
    contacts = [
        pk for pk, _category, status in _heavy_contacts(dataset) if status != Status.ARCHIVED
    ]
    goals = []
    for n in range(HEAVY_GOALS):
        goal = Goal(
            owner=heavy,
            title=f"Ziel {n + 1}: {rng.choice(['Sichtbarkeit', 'Neukunden', 'Fachkreis'])}",
            kind=rng.choice(list(GoalKind)),
            status=GoalStatus.ACTIVE if n < 14 else rng.choice(list(GoalStatus)),
            created_on=today - datetime.timedelta(days=rng.randint(30, 700)),
            review_every_days=rng.choice([30, 90, 90, 180]),
        )
        goal.save()
        goals.append(goal)
    GoalChannel.objects.bulk_create(
        GoalChannel(
            owner=heavy,
            goal=goal,
            platform=platform,
            weekly_minutes=rng.choice([15, 30, 60, 90]),
        )
        for goal in goals
        for platform in rng.sample(list(Platform), 2)
    )
    GoalContact.objects.bulk_create(
        GoalContact(owner=heavy, goal=goal, contact_id=pk, next_step="Kaffee vorschlagen")
        for goal in goals
        for pk in rng.sample(contacts, min(len(contacts), rng.randint(5, 60)))
    )
    groups = Group.objects.bulk_create(
        Group(
            owner=heavy,
            name=f"Gruppe {n + 1}",
            kind=rng.choice(list(GroupKind)),
            engagement=rng.choice(list(Engagement)),
            outside_bubble=rng.random() < 0.3,
        )
        for n in range(HEAVY_GROUPS)
    )
    for group in groups:
        group.contacts.set(rng.sample(contacts, min(len(contacts), rng.randint(3, 40))))
        group.goals.set(rng.sample(goals, 2))
    Event.objects.bulk_create(
        Event(
            owner=heavy,
            title=f"Treffen {n + 1}",
            date=today + datetime.timedelta(days=rng.randint(-720, 60)),
            group=rng.choice(groups) if rng.random() < 0.7 else None,
            outside_bubble=rng.random() < 0.3,
        )
        for n in range(HEAVY_EVENTS)
    )
    dataset.counts["goals"] += len(goals)
    dataset.counts["groups"] += len(groups)
    dataset.counts["events"] += HEAVY_EVENTS


STEPS = [follow_ups, important_dates, lunches, strategy]
