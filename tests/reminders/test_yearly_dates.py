"""Yearly dates: next occurrence and day windows, with 29 February in common years."""

import datetime

import pytest
from django.utils import translation

from contacts.models import Contact
from contacts.yearly import day_runs_between, month_days_between, next_occurrence, occurrence_in
from reminders.models import ImportantDate
from tests.factories import make_contact


def test_a_leap_day_birthday_is_celebrated_on_28_february_in_common_years():
    assert occurrence_in(2027, 2, 29) == datetime.date(2027, 2, 28)
    assert occurrence_in(2028, 2, 29) == datetime.date(2028, 2, 29)


def test_next_occurrence_rolls_into_next_year_once_passed():
    assert next_occurrence(11, 21, datetime.date(2026, 11, 22)) == datetime.date(2027, 11, 21)
    assert next_occurrence(11, 22, datetime.date(2026, 11, 22)) == datetime.date(2026, 11, 22)


def test_a_window_over_new_year_covers_both_years():
    pairs = month_days_between(datetime.date(2026, 12, 30), datetime.date(2027, 1, 2))
    assert pairs == [(12, 30), (12, 31), (1, 1), (1, 2)]


def test_a_window_over_28_february_of_a_common_year_includes_the_leap_day():
    pairs = month_days_between(datetime.date(2027, 2, 27), datetime.date(2027, 3, 1))
    assert (2, 29) in pairs
    leap = month_days_between(datetime.date(2028, 2, 27), datetime.date(2028, 2, 28))
    assert (2, 29) not in leap


def test_birthdays_between_finds_the_leap_day_child_in_a_common_year(owner):
    leap = make_contact(owner, birthday_day=29, birthday_month=2)
    make_contact(owner, birthday_day=1, birthday_month=3)
    found = Contact.objects.for_owner(owner).birthdays_between(
        datetime.date(2027, 2, 28), datetime.date(2027, 2, 28)
    )
    assert list(found) == [leap]


def test_birthdays_between_skips_archived_contacts(owner):
    gone = make_contact(owner, birthday_day=5, birthday_month=5)
    gone.archive()
    day = datetime.date(2026, 5, 5)
    assert not Contact.objects.for_owner(owner).birthdays_between(day, day).exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "valid"),
    [(29, 2, None, True), (29, 2, 2024, True), (29, 2, 2023, False), (31, 4, None, False)],
)
def test_an_important_date_must_exist(owner, day, month, year, valid):
    contact = make_contact(owner)
    date = ImportantDate(owner=owner, contact=contact, kind="work", day=day, month=month, year=year)
    if valid:
        date.full_clean()
    else:
        # The message is matched in English; the German catalogue translates it.
        with translation.override("en"), pytest.raises(Exception, match="does not exist"):
            date.full_clean()


def test_important_dates_between_uses_the_same_leap_rule(owner):
    contact = make_contact(owner)
    founded = ImportantDate.objects.create(
        owner=owner, contact=contact, kind="founding", day=29, month=2, year=2016
    )
    day = datetime.date(2026, 2, 28)
    assert list(ImportantDate.objects.for_owner(owner).between(day, day)) == [founded]
    assert founded.years_on(day) == 10


@pytest.mark.parametrize(
    ("start", "end", "runs"),
    [
        # Over New Year: December's days, then January's, in date order.
        ((2026, 12, 25), (2027, 1, 8), [(12, 25, 31), (1, 1, 8)]),
        # A common year's 28 February is also the day of those born on the 29th.
        ((2027, 2, 20), (2027, 3, 2), [(2, 20, 29), (3, 1, 2)]),
        # In a leap year the 29th is its own day, outside a window that ends on the 28th.
        ((2028, 2, 20), (2028, 2, 28), [(2, 20, 28)]),
        ((2026, 6, 1), (2026, 5, 1), []),
    ],
)
def test_a_window_of_days_is_read_as_runs_of_each_months_days(start, end, runs):
    assert day_runs_between(datetime.date(*start), datetime.date(*end)) == runs


def test_the_first_birthdays_of_a_window_longer_than_a_year_name_each_person_once(owner):
    make_contact(owner, first_name="Ada", birthday_day=10, birthday_month=12)
    start = datetime.date(2026, 12, 6)
    end = start + datetime.timedelta(days=380)  # 10 December twice

    first = Contact.objects.for_owner(owner).first_birthdays_between(start, end, 12)

    assert [contact.first_name for contact in first] == ["Ada"]
