"""A contact's keep-in-touch rhythm and yearly dates: who is due, whose birthday falls when.

They live on the contact queryset (as a mixin) because they read contact data alone.
"""

import datetime

from django.db.models import Case, Q, Value, When
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
