"""A big network's birthdays: the dashboard shows the most important few, a page shows all."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Category
from reminders.clock import iso_week
from reminders.digest import build_digest
from reminders.emails import DATES_SHOWN, digest_message
from reminders.upcoming import most_important, most_important_days, upcoming_days
from reminders.views.dashboard import DATES_PAGE_SIZE, SHOWN_DATES
from tests.factories import make_contact, make_important_date


def birthday_in(owner, days: int, **fields):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return make_contact(owner, birthday_day=day.day, birthday_month=day.month, **fields)


def test_the_dashboard_shows_einhoerner_and_entered_dates_first_and_links_to_all(
    client_owner, owner, outsider
):
    today = timezone.localdate()
    pinguine = [birthday_in(owner, n % 14, first_name=f"Pingu{n:02}") for n in range(40)]
    birthday_in(owner, 13, first_name="Uma", category=Category.EINHORN)
    birthday_in(owner, 12, first_name="Flo", category=Category.FLAMINGO)
    anniversary = make_important_date(pinguine[0], month=today.month, day=today.day)
    birthday_in(outsider, 0, first_name="Stranger", category=Category.EINHORN)

    html = client_owner.get(reverse("reminders:dashboard")).content.decode()
    section = html.split('id="dashboard-dates"')[1].split("</section>")[0]

    assert section.count('<li class="row">') == SHOWN_DATES
    for name in ("Uma", "Flo"):
        assert name in section
    assert anniversary.title in section
    assert "Stranger" not in html
    total = len(pinguine) + 3
    assert f"({total - SHOWN_DATES} " in section
    assert reverse("reminders:upcoming_dates") in section


def test_the_dates_page_lists_every_date_by_day_in_pages(client_owner, owner, outsider):
    people = [birthday_in(owner, n % 14, first_name=f"P{n:02}") for n in range(DATES_PAGE_SIZE + 5)]
    birthday_in(outsider, 0, first_name="Stranger")
    url = reverse("reminders:upcoming_dates")

    first = client_owner.get(url).content.decode()
    second = client_owner.get(url, {"page": 2}).content.decode()

    rows = first.count('<li class="row">') + second.count('<li class="row">')
    assert rows == len(people)
    assert "Stranger" not in first + second
    assert "?page=2" in first


def test_the_dates_page_speaks_german(client_owner, owner):
    owner.language = "de"
    owner.save()
    birthday_in(owner, 1, first_name="Anna")

    html = client_owner.get(reverse("reminders:upcoming_dates")).content.decode()

    assert "Geburtstage und Daten" in html
    assert "Anna" in html


def test_the_digest_lists_the_most_important_dates_and_links_to_all(owner):
    today = timezone.localdate()
    for n in range(30):
        birthday_in(owner, n % 14, first_name=f"Pingu{n:02}")
    birthday_in(owner, 13, first_name="Uma", category=Category.EINHORN)

    data = build_digest(owner, today)
    text = digest_message(data, iso_week(today)).body

    dates = text.split("== ")[1]
    assert "Uma" in dates
    assert sum(f"Pingu{n:02}" in dates for n in range(30)) == DATES_SHOWN - 1
    assert f"{31 - DATES_SHOWN} " in dates
    assert reverse("reminders:upcoming_dates") in dates


def test_the_dashboards_few_are_those_of_the_whole_list_read_a_few_rows_at_a_time(owner):
    today = timezone.localdate()
    christmas = datetime.date(today.year, 12, 25)
    for n in range(30):
        day = christmas + datetime.timedelta(days=n % 12)  # over New Year
        category = [Category.PINGUIN, Category.FLAMINGO, Category.EINHORN][n % 3]
        make_contact(
            owner,
            first_name=f"P{n:02}",
            category=category,
            birthday_day=day.day,
            birthday_month=day.month,
        )
    make_important_date(make_contact(owner, first_name="Jubi"), month=1, day=2)

    with CaptureQueriesContext(connection) as queries:
        shown, more = most_important_days(owner, christmas, 14, SHOWN_DATES)
    everything = upcoming_days(owner, christmas, 14)

    assert shown == most_important(everything, SHOWN_DATES)
    assert more == len(everything) - SHOWN_DATES
    assert [d.on for d in shown] == sorted(d.on for d in shown)
    read = [q["sql"] for q in queries.captured_queries]
    birthdays = [
        sql
        for sql in read
        if '"contacts_contact"."first_name"' in sql and "reminders_importantdate" not in sql
    ]
    assert len(birthdays) == 1
    if connection.vendor == "postgresql":
        # Each category's days of December and of January, read in order up to the limit.
        assert birthdays[0].count(f"LIMIT {SHOWN_DATES}") == 3 * 2
    else:
        assert f"LIMIT {SHOWN_DATES}" in birthdays[0]
