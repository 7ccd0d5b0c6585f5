"""Queries behind the reminders: keep-in-touch rhythm, yearly dates and lunch guests.

They live on the contact queryset (as a mixin) because they select contacts; the reminders
app and the dashboard call them.
"""

import datetime

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Trim, Upper
from django.utils import timezone

from ..yearly import month_days_between
from .choices import Category, Status

# A change of any of these moves the day the contact is due.
RHYTHM_FIELDS = frozenset(
    {"category", "status", "keep_in_touch_days", "last_contacted_on", "created_at"}
)
CATEGORY_RANK = Case(
    When(category=Category.EINHORN, then=Value(0)),
    When(category=Category.FLAMINGO, then=Value(1)),
    default=Value(2),
)
# A person offered as lunch guest is not offered again for this long.
SUGGESTION_REST_DAYS = 14


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
        pairs = month_days_between(start, end)
        if not pairs:
            return self.none()
        match = Q()
        for month, day in pairs:
            match |= Q(birthday_month=month, birthday_day=day)
        return self.exclude(status=Status.ARCHIVED).filter(match)

    def lunch_suggestions(self, user, today: datetime.date):
        """Whom the user could invite for lunch, best first (see lunch_suggestions_by_owner)."""
        return self.filter(owner=user).lunch_suggestions_by_owner(today)

    def lunch_suggestions_by_owner(self, today: datetime.date):
        """Whom to invite for lunch, best first within each owner's contacts.

        Due contacts first, Einhörner before Flamingos, people in the owner's city first, then
        those not met for longest; nobody with a lunch already planned and nobody offered in
        the last two weeks. Everything is relative to each contact's owner (their lunches,
        their home city), so the weekly digest ranks many users' contacts in one query.
        """
        from reminders.models import Lunch

        rest = today - datetime.timedelta(days=SUGGESTION_REST_DAYS)
        planned = Lunch.objects.filter(owner_id=OuterRef("owner_id"), contacts=OuterRef("pk"))
        return (
            self.filter(status=Status.ACTIVE)
            .exclude(Exists(planned.upcoming(today)))
            .exclude(lunch_suggested_on__gt=rest)
            .alias(
                due_rank=Case(When(keep_in_touch_due_on__lte=today, then=Value(0)), default=1),
                rank=CATEGORY_RANK,
                home_city=Upper(Trim("owner__home_city")),
                # A blank home city matches nobody, as before.
                city_rank=Case(
                    When(Q(home_city__gt="") & Q(home_city=Upper("city")), then=Value(0)),
                    default=Value(1),
                ),
            )
            .order_by(
                "due_rank",
                "rank",
                "city_rank",
                models.F("last_contacted_on").asc(nulls_first=True),
                "id",
            )
        )

    def mark_suggested(self, today: datetime.date) -> int:
        return self.update(lunch_suggested_on=today)
