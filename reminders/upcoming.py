"""Birthdays and important dates of the coming days, merged into one list by day."""

import dataclasses
import datetime

from django.urls import reverse

from contacts.models import Contact
from contacts.yearly import next_occurrence

from .models import ImportantDate


@dataclasses.dataclass(frozen=True)
class UpcomingDay:
    on: datetime.date
    contact: Contact
    title: str  # "Birthday" or the important date's title
    emoji: str
    years: int | None  # the age or anniversary reached that day, when the year is known
    edit_url: str = ""

    def days_from(self, today: datetime.date) -> int:
        return (self.on - today).days


# Which to show first when there are more than fit: dates the user entered, then birthdays
# of Einhörner, Flamingos, Pinguine.
IMPORTANCE = {"einhorn": 1, "flamingo": 2}


def most_important(items: list, limit: int, entered=lambda item: bool(item.edit_url)) -> list:
    """The `limit` items (with .on and .contact) that matter most, in date order.

    A network of 100,000 has 2,000 birthdays in two weeks: the dashboard and the digest show
    these few and link to the whole list. `entered` tells a date the user entered.
    """
    ranked = sorted(
        items,
        key=lambda item: (
            0 if entered(item) else IMPORTANCE.get(item.contact.category, 3),
            item.on,
            item.contact.name,
        ),
    )
    return sorted(ranked[:limit], key=lambda item: (item.on, item.contact.name))


def upcoming_days(user, today: datetime.date, days: int) -> list[UpcomingDay]:
    """Birthdays and important dates from today to `days` days ahead (two queries)."""
    from django.utils.translation import gettext as _

    end = today + datetime.timedelta(days=days)
    items = []
    people = Contact.objects.for_owner(user).visible().birthdays_between(today, end)
    for contact in people.only(
        "id",
        "first_name",
        "last_name",
        "category",
        "birthday_day",
        "birthday_month",
        "birthday_year",
    ):
        on = next_occurrence(contact.birthday_month, contact.birthday_day, today)
        years = on.year - contact.birthday_year if contact.birthday_year else None
        items.append(UpcomingDay(on, contact, _("Birthday"), "🎂", years))
    dates = (
        ImportantDate.objects.for_owner(user)
        .between(today, end)
        .exclude(contact__status="archived")
        .select_related("contact")
    )
    for date in dates:
        on = date.next_on(today)
        edit = reverse("reminders:date_edit", args=[date.pk])
        items.append(UpcomingDay(on, date.contact, date.title, "📅", date.years_on(on), edit))
    return sorted(items, key=lambda item: (item.on, item.contact.name))
