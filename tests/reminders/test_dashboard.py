"""The "This week" dashboard: what it shows, and a constant query count as the network grows."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from tests.factories import (
    make_contact,
    make_follow_up,
    make_important_date,
    make_interaction,
    make_lunch,
    make_nudge,
)
from tests.pages import without_random_values

from .networks import build_reminder_network

URL = reverse("reminders:dashboard")
# Session, user, nudge badge, nudges (+ their lunches' people), birthdays, important dates,
# due follow-ups, due contacts, this week's lunches (+ their people), lunch suggestions.
DASHBOARD_MAX_QUERIES = 12


def test_it_requires_login(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_rejects_a_post(client_owner):
    assert client_owner.post(URL).status_code == 405


def test_the_home_page_and_the_login_land_here(client_owner, settings):
    assert client_owner.get("/").url == URL
    assert reverse(settings.LOGIN_REDIRECT_URL) == URL


def test_it_shows_an_empty_week_kindly(client_owner, owner):
    make_contact(owner)
    response = client_owner.get(URL)

    assert response.status_code == 200
    assert 'id="dashboard-followups"' in response.text
    assert 'id="dashboard-nudges"' not in response.text
    assert "0 of 2" in response.text or "0 von 2" in response.text


def test_it_shows_due_follow_ups_but_not_later_or_done_ones(client_owner, owner, outsider):
    today = timezone.localdate()
    anna = make_contact(owner, first_name="Anna", last_name="Adler")
    make_follow_up(anna, -3, note="Angebot schicken")
    make_follow_up(anna, 0, note="Heute anrufen")
    make_follow_up(anna, 2, note="Später")
    done = make_follow_up(anna, -1, note="Schon erledigt")
    done.mark_done(today)
    make_follow_up(make_contact(outsider), -1, note="Fremd")

    text = client_owner.get(URL).text

    assert "Angebot schicken" in text
    assert "Heute anrufen" in text
    assert "Später" not in text
    assert "Schon erledigt" not in text
    assert "Fremd" not in text


def test_it_lists_birthdays_and_dates_of_the_next_14_days(client_owner, owner):
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=3)
    late = today + datetime.timedelta(days=20)
    make_contact(owner, first_name="Bea", birthday_day=soon.day, birthday_month=soon.month)
    make_contact(owner, first_name="Later", birthday_day=late.day, birthday_month=late.month)
    cem = make_contact(owner, first_name="Cem")
    make_important_date(cem, label="Firmenjubiläum", day=today.day, month=today.month, year=2016)

    page = client_owner.get(URL).text
    text = page.split('id="dashboard-dates"')[1].split('id="dashboard-due"')[0]

    assert "Bea" in text
    assert "Later" not in text
    assert "Firmenjubiläum" in text
    assert f"{today.year - 2016} " in text


def test_it_lists_overdue_contacts_einhoerner_first_with_a_show_all_link(client_owner, owner):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    flamingo = make_contact(owner, first_name="Fiona", category="flamingo", created_at=long_ago)
    einhorn = make_contact(owner, first_name="Emil", category="einhorn", created_at=long_ago)
    for n in range(6):
        make_contact(owner, first_name=f"Extra{n}", category="flamingo", created_at=long_ago)

    text = client_owner.get(URL).text

    assert text.index(einhorn.name) < text.index(flamingo.name)
    assert reverse("reminders:due_contacts") in text
    all_due = client_owner.get(reverse("reminders:due_contacts")).text
    assert all_due.count('class="row due-contact"') == 8


def test_it_counts_this_weeks_lunches_against_the_target(client_owner, owner):
    owner.lunch_target = 3
    owner.save()
    ben = make_contact(owner, first_name="Ben")
    make_lunch(owner, ben, days_from_today=0, place="Hafenküche")
    make_lunch(owner, ben, days_from_today=0, status="cancelled")

    text = client_owner.get(URL).text

    assert "1 von 3" in text
    assert '<progress class="progress" value="1" max="3"' in text
    assert "Hafenküche" in text


def test_it_suggests_whom_to_invite_with_a_prefilled_plan_link(client_owner, owner):
    due = make_contact(
        owner,
        first_name="Dora",
        category="einhorn",
        created_at=timezone.now() - datetime.timedelta(days=100),
    )

    text = client_owner.get(URL).text

    assert f"{reverse('reminders:lunch_create')}?contact={due.pk}" in text
    assert reverse("reminders:suggestion_skip", args=[due.pk]) in text


def test_it_shows_unread_nudges_with_their_text(client_owner, owner):
    anna = make_contact(owner, first_name="Anna", last_name="Adler")
    make_nudge(owner, "birthday", contact=anna)
    make_nudge(owner, "touch", contact=anna, read_at=timezone.now())

    text = client_owner.get(URL).text

    assert "Anna Adler hat heute Geburtstag." in text
    assert "Zeit, dich wieder bei Anna Adler zu melden." not in text


def test_it_speaks_english_for_an_english_user(client_owner, owner):
    owner.language = "en"
    owner.save()
    make_contact(owner)

    text = client_owner.get(URL).text

    assert "This week" in text
    assert "0 of 2" in text


def test_it_runs_the_same_queries_for_10_and_300_contacts(db):
    counts = {}
    sizes = {}
    for size in (10, 300):
        network = build_reminder_network(size)
        with CaptureQueriesContext(connection) as captured:
            response = network.client.get(URL)
        assert response.status_code == 200
        counts[size] = [q["sql"] for q in captured.captured_queries]
        sizes[size] = response.text.count('class="row')
        assert Contact.objects.filter(owner=network.owner).count() == size

    listing = "\n".join(counts[300])
    assert len(counts[10]) == len(counts[300]), listing
    assert len(counts[300]) <= DASHBOARD_MAX_QUERIES, listing
    # The big network really fills the page more.
    assert sizes[10] < sizes[300]


def test_logging_an_interaction_takes_a_contact_off_the_due_list(client_owner, owner):
    due = make_contact(
        owner, first_name="Ida", created_at=timezone.now() - datetime.timedelta(days=100)
    )
    assert "Ida" in client_owner.get(URL).text

    make_interaction(due)

    # Without the random CSRF token, which could hold "Ida".
    page = without_random_values(client_owner.get(URL).text)
    assert "Ida" not in page.split('id="dashboard-due"')[1]


def test_a_new_account_gets_first_steps_instead_of_congratulations(client_owner):
    response = client_owner.get(URL)

    assert response.status_code == 200
    steps = response.text.split('id="first-steps"')[1]
    assert reverse("contacts:create") in steps
    assert reverse("preferences") + "#prefs-lunch" in steps
    assert reverse("strategy:goal_create") in steps
    assert "Well done" not in response.text and "Gut gemacht" not in response.text
    assert 'id="dashboard-due"' not in response.text


def test_an_account_with_contacts_gets_no_first_steps(client_owner, owner):
    make_contact(owner, status="archived")

    response = client_owner.get(URL)

    assert 'id="first-steps"' not in response.text
    assert 'id="dashboard-followups"' in response.text


def due_page(client, page=None) -> tuple[str, list[str]]:
    query = {} if page is None else {"page": page}
    with CaptureQueriesContext(connection) as queries:
        text = client.get(reverse("reminders:due_contacts"), query).text
    return text, [q["sql"] for q in queries.captured_queries]


def test_the_due_list_pages_on_without_counting_everyone_due(client_owner, owner):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for n in range(10):
        make_contact(owner, first_name=f"Due{n}", category="einhorn", created_at=long_ago)
    _, few_queries = due_page(client_owner)
    for n in range(10, 55):
        make_contact(owner, first_name=f"Due{n}", category="einhorn", created_at=long_ago)

    first, many_queries = due_page(client_owner)
    second, _ = due_page(client_owner, 2)

    assert len(many_queries) == len(few_queries)
    assert not any(sql.startswith("SELECT COUNT(") for sql in many_queries)
    assert first.count('class="row due-contact"') == 50
    assert 'href="?page=2"' in first
    assert "Seite 1" in first
    assert second.count('class="row due-contact"') == 5
    assert 'href="?page=1"' in second
    assert 'href="?page=3"' not in second


def test_a_due_page_past_the_end_or_not_a_number_shows_the_first(client_owner, owner):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    make_contact(owner, first_name="Emil", category="einhorn", created_at=long_ago)

    for page in ["7", "0", "-1", "x", "99999999999999999999"]:
        text, _ = due_page(client_owner, page)
        assert text.count('class="row due-contact"') == 1, page
        assert "Emil" in text
