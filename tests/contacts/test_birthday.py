import datetime

import pytest

from contacts.models import contact as contact_module

from ..factories import make_contact


@pytest.fixture
def today(monkeypatch):
    def set_today(date: datetime.date) -> None:
        monkeypatch.setattr(contact_module.timezone, "localdate", lambda: date)

    return set_today


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (datetime.date(2026, 3, 13), 39),
        (datetime.date(2026, 3, 14), 40),
        (datetime.date(2026, 12, 31), 40),
    ],
)
def test_it_counts_full_years(owner, today, on, age):
    today(on)
    contact = make_contact(owner, birthday_day=14, birthday_month=3, birthday_year=1986)
    assert contact.age == age


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (datetime.date(2027, 2, 28), 26),
        (datetime.date(2027, 3, 1), 27),
        (datetime.date(2028, 2, 29), 28),
    ],
)
def test_a_leap_day_birthday_is_reached_on_the_first_of_march_in_common_years(
    owner, today, on, age
):
    today(on)
    contact = make_contact(owner, birthday_day=29, birthday_month=2, birthday_year=2000)
    assert contact.age == age


def test_without_a_year_there_is_no_age(owner):
    assert make_contact(owner, birthday_day=29, birthday_month=2).age is None


def test_the_contact_page_shows_the_age_in_the_users_language(client_owner, owner, today):
    today(datetime.date(2026, 11, 22))
    owner.language = "en"
    owner.save()
    contact = make_contact(owner, birthday_day=14, birthday_month=3, birthday_year=1986)

    html = client_owner.get(contact.get_absolute_url()).content.decode()

    assert "14 March 1986 · 40 years old" in html
