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


BIRTHDAY_FIELDS = ("id", "first_name", "last_name", "category")
BIRTHDAY_FIELDS += ("birthday_day", "birthday_month", "birthday_year")


def _birthday(contact: Contact, today: datetime.date) -> UpcomingDay:
    from django.utils.translation import gettext as _

    on = next_occurrence(contact.birthday_month, contact.birthday_day, today)
    years = on.year - contact.birthday_year if contact.birthday_year else None
    return UpcomingDay(on, contact, _("Birthday"), "🎂", years)


def _entered_dates(user, today: datetime.date, end: datetime.date) -> list[UpcomingDay]:
    dates = (
        ImportantDate.objects.for_owner(user)
        .between(today, end)
        .exclude(contact__status="archived")
        .select_related("contact")
    )
    items = []
    for date in dates:
        on = date.next_on(today)
        edit = reverse("reminders:date_edit", args=[date.pk])
        items.append(UpcomingDay(on, date.contact, date.title, "📅", date.years_on(on), edit))
    return items


def _birthdays(user, today: datetime.date, end: datetime.date):
    return Contact.objects.for_owner(user).visible().birthdays_between(today, end)


def upcoming_days(user, today: datetime.date, days: int) -> list[UpcomingDay]:
    """Birthdays and important dates from today to `days` days ahead (two queries)."""
    end = today + datetime.timedelta(days=days)
    people = _birthdays(user, today, end).only(*BIRTHDAY_FIELDS)
    items = [_birthday(contact, today) for contact in people] + _entered_dates(user, today, end)
    return sorted(items, key=lambda item: (item.on, item.contact.name))


def most_important_days(
    user, today: datetime.date, days: int, limit: int
) -> tuple[list[UpcomingDay], int]:
    """most_important(upcoming_days(…), limit) and how many days it leaves out, reading at
    most `limit` birthdays (three queries): a big network has thousands in two weeks. Where
    people of one category share a birthday at the cut, the older contacts are shown."""
    end = today + datetime.timedelta(days=days)
    people = Contact.objects.for_owner(user).visible()
    first = people.only(*BIRTHDAY_FIELDS).first_birthdays_between(today, end, limit)
    items = [_birthday(contact, today) for contact in first]
    dates = _entered_dates(user, today, end)
    shown = most_important(items + dates, limit)
    return shown, people.birthdays_between(today, end).count() + len(dates) - len(shown)
