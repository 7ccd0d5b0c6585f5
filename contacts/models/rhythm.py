"""A contact's keep-in-touch rhythm and yearly dates: who is due, whose birthday falls when.

They live on the contact queryset (as a mixin) because they read contact data alone.
"""

import datetime

from django.db import connections
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from ..yearly import day_runs_between
from .choices import Category, Status

# A change of any of these moves the day the contact is due.
RHYTHM_FIELDS = frozenset(
    {"category", "status", "keep_in_touch_days", "last_contacted_on", "created_at"}
)
# Einhörner first, then Flamingos, then the rest (Pinguine): CATEGORY_RANK in SQL,
# category_rank() in Python.
RANKED = (Category.EINHORN, Category.FLAMINGO)
CATEGORY_RANK = Case(
    *(When(category=category, then=Value(rank)) for rank, category in enumerate(RANKED)),
    default=Value(len(RANKED)),
)


def category_rank(category: str) -> int:
    return RANKED.index(category) if category in RANKED else len(RANKED)


def keep_in_touch_due(contact, owner) -> datetime.date | None:
    """The day the contact is due: last contact (or when added) plus the rhythm.

    Only active contacts have a rhythm; wish contacts are not yet in touch and archived
    ones are out of it.
    """
    if contact.status != Status.ACTIVE:
        return None
    days = contact.keep_in_touch_days or owner.rhythm_days(contact.category)
    if not days:
        return None
    anchor = contact.last_contacted_on or timezone.localdate(contact.created_at)
    return anchor + datetime.timedelta(days=days)


class ContactReminderQueries:
    def refresh_keep_in_touch_due(self) -> int:
        """Recompute keep_in_touch_due_on for these contacts (one read, bulk writes)."""
        contacts = list(
            self.select_related("owner").only(
                "id",
                "status",
                "category",
                "keep_in_touch_days",
                "last_contacted_on",
                "created_at",
                "keep_in_touch_due_on",
                "owner__rhythm_einhorn_days",
                "owner__rhythm_flamingo_days",
                "owner__rhythm_pinguin_days",
            )
        )
        changed = []
        for contact in contacts:
            due = keep_in_touch_due(contact, contact.owner)
            if due != contact.keep_in_touch_due_on:
                contact.keep_in_touch_due_on = due
                changed.append(contact)
        self.model.objects.bulk_update(changed, ["keep_in_touch_due_on"], batch_size=500)
        return len(changed)

    def due_for_contact(self, on: datetime.date):
        """Active contacts whose rhythm says "get in touch" by this day, Einhörner first."""
        return (
            self.filter(keep_in_touch_due_on__lte=on)
            .alias(rank=CATEGORY_RANK)
            .order_by("rank", "keep_in_touch_due_on", "id")
        )

    def birthdays_between(self, start: datetime.date, end: datetime.date):
        """Visible contacts whose birthday falls between the two days (both included).

        A 29 February birthday falls on 28 February in common years.
        """
        runs = day_runs_between(start, end)
        if not runs:
            return self.none()
        match = Q()
        for month, first, last in runs:
            match |= Q(birthday_month=month, birthday_day__gte=first, birthday_day__lte=last)
        return self.exclude(status=Status.ARCHIVED).filter(match)

    def first_birthdays_between(self, start: datetime.date, end: datetime.date, limit: int):
        """The `limit` birthdays between the two days that matter most: Einhörner, Flamingos,
        then Pinguine, each in date order; among people of one category with the same
        birthday the older contact comes first. One query.

        A network of 100,000 has 2,500 birthdays in two weeks. On PostgreSQL each category's
        run of days is read in order from the index contact_owner_cat_birthday, at most
        `limit` rows each, instead of ranking them all.
        """
        runs = day_runs_between(start, end)
        if not runs:
            return []
        if not connections[self.db].features.supports_slicing_ordering_in_compound:
            # SQLite: the embedded database of a single user ranks them all.
            wrapped = Case(When(birthday_month__lt=start.month, then=Value(1)), default=Value(0))
            ranked = self.birthdays_between(start, end).alias(rank=CATEGORY_RANK, wrapped=wrapped)
            return list(
                ranked.order_by("rank", "wrapped", "birthday_month", "birthday_day", "id")[:limit]
            )
        visible = self.exclude(status=Status.ARCHIVED)
        parts = [
            visible.filter(category=category, birthday_month=month, birthday_day__gte=first)
            .filter(birthday_day__lte=last)
            .order_by("birthday_day", "id")[:limit]
            for category in Category
            for month, first, last in runs
        ]
        run_of = {
            (month, day): n for n, (month, a, b) in enumerate(runs) for day in range(a, b + 1)
        }
        # A window of more than a year names a month twice: each person is kept once.
        found = {contact.pk: contact for contact in parts[0].union(*parts[1:], all=True)}
        rows = sorted(
            found.values(),
            key=lambda c: (
                category_rank(c.category),
                run_of[c.birthday_month, c.birthday_day],
                c.birthday_day,
                c.id,
            ),
        )
        return rows[:limit]
