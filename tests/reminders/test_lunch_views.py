"""#neverlunchalone pages: plan, edit, mark done, cancel, delete, suggestions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from reminders.models import Lunch
from tests.factories import make_contact, make_lunch
from tests.pages import without_random_values

from .networks import build_reminder_network

LIST = reverse("reminders:lunch_list")
NEW = reverse("reminders:lunch_create")
# Session, user, badge, the week's lunches and their people, suggestions, planned lunches and
# their people, past lunches and their people.
LUNCH_PAGE_MAX_QUERIES = 10


@pytest.fixture
def ben(owner):
    return make_contact(
        owner,
        first_name="Ben",
        last_name="Berger",
        category="einhorn",
        created_at=timezone.now() - datetime.timedelta(days=60),
    )


def test_the_page_shows_the_week_planned_and_past_lunches(client_owner, owner, ben):
    make_lunch(owner, ben, days_from_today=2, place="Zukunft")
    make_lunch(owner, ben, days_from_today=-30, place="Vergangen", status="done")
    make_lunch(owner, ben, days_from_today=5, place="Abgesagt", status="cancelled")

    text = client_owner.get(LIST).text

    planned = text.split('id="planned-lunches"')[1].split("</ul>")[0]
    past = text.split('id="past-lunches"')[1].split("</ul>")[0]
    assert "Zukunft" in planned
    assert "Vergangen" in past
    assert "Abgesagt" in past


def test_planning_from_a_suggestion_prefills_the_person(client_owner, ben):
    response = client_owner.get(f"{NEW}?contact={ben.pk}")

    assert response.status_code == 200
    assert f'name="contacts" value="{ben.pk}" checked' in response.text


def test_a_suggestion_for_someone_elses_contact_prefills_nobody(client_outsider, ben):
    response = client_outsider.get(f"{NEW}?contact={ben.pk}")

    assert response.status_code == 200
    # Without the random CSRF token, which could hold "Ben".
    assert "Ben" not in without_random_values(response.text)


def test_it_plans_a_lunch_with_several_people(client_owner, owner, ben):
    today = timezone.localdate()
    cem = make_contact(owner, first_name="Cem")

    response = client_owner.post(
        NEW,
        {
            "date": (today + datetime.timedelta(days=1)).isoformat(),
            "time": "12:30",
            "place": "Hafenküche",
            "contacts": [ben.pk, cem.pk],
        },
    )

    assert response.status_code == 302
    lunch = Lunch.objects.get()
    assert (lunch.owner, lunch.place, lunch.time) == (owner, "Hafenküche", datetime.time(12, 30))
    assert set(lunch.contacts.all()) == {ben, cem}


def test_it_needs_someone_to_have_lunch_with(client_owner):
    today = timezone.localdate()
    response = client_owner.post(NEW, {"date": today.isoformat()})

    assert response.status_code == 422
    assert not Lunch.objects.exists()


def test_it_does_not_invite_someone_elses_contact(client_owner, outsider):
    today = timezone.localdate()
    stranger = make_contact(outsider)

    response = client_owner.post(NEW, {"date": today.isoformat(), "contacts": [stranger.pk]})

    assert response.status_code == 422
    assert not Lunch.objects.exists()


def test_the_find_button_without_javascript_lists_people(client_owner, ben):
    today = timezone.localdate()
    response = client_owner.post(
        NEW, {"date": today.isoformat(), "people_q": "berger", "find_people": "1"}
    )

    assert response.status_code == 200
    assert f'name="contacts" value="{ben.pk}"' in response.text
    assert not Lunch.objects.exists()


def test_marking_done_logs_a_lunch_in_the_timeline(client_owner, owner, ben, htmx_headers):
    lunch = make_lunch(owner, ben, place="Hafenküche")

    response = client_owner.post(reverse("reminders:lunch_done", args=[lunch.pk]), **htmx_headers)

    assert response.status_code == 200
    assert 'class="row lunch lunch-done"' in response.text
    lunch.refresh_from_db()
    assert lunch.status == "done"
    assert lunch.interaction.kind == "lunch"
    timeline = client_owner.get(ben.get_absolute_url()).text.split('class="timeline"')[1]
    assert "Hafenküche" in timeline


def test_marking_a_future_lunch_done_is_refused_with_what_to_do(client_owner, owner, ben):
    today = timezone.localdate()
    lunch = make_lunch(owner, ben, days_from_today=3)

    response = client_owner.post(reverse("reminders:lunch_done", args=[lunch.pk]), follow=True)

    lunch.refresh_from_db()
    planned_for = today + datetime.timedelta(days=3)
    assert (lunch.status, lunch.date, lunch.interaction) == ("planned", planned_for, None)
    assert not ben.interactions.exists()
    assert "kannst du ihn als erledigt markieren" in response.text


def test_marking_a_future_lunch_done_over_htmx_keeps_the_row_planned(
    client_owner, owner, ben, htmx_headers
):
    lunch = make_lunch(owner, ben, days_from_today=3)

    response = client_owner.post(reverse("reminders:lunch_done", args=[lunch.pk]), **htmx_headers)

    assert 'class="row lunch lunch-planned"' in response.text
    assert "kannst du ihn als erledigt markieren" in response.headers["HX-Trigger"]


def test_only_a_lunch_whose_day_has_come_offers_done(client_owner, owner, ben):
    today = make_lunch(owner, ben, days_from_today=0)
    tomorrow = make_lunch(owner, ben, days_from_today=1)

    html = client_owner.get(reverse("reminders:lunch_list")).text

    assert f'action="{reverse("reminders:lunch_done", args=[today.pk])}"' in html
    assert f'action="{reverse("reminders:lunch_done", args=[tomorrow.pk])}"' not in html


def test_it_cancels_and_deletes(client_owner, owner, ben):
    lunch = make_lunch(owner, ben)

    client_owner.post(reverse("reminders:lunch_cancel", args=[lunch.pk]))
    lunch.refresh_from_db()
    assert lunch.status == "cancelled"

    assert client_owner.get(reverse("reminders:lunch_delete", args=[lunch.pk])).status_code == 200
    client_owner.post(reverse("reminders:lunch_delete", args=[lunch.pk]))
    assert not Lunch.objects.exists()


def test_it_edits_a_lunch(client_owner, owner, ben):
    today = timezone.localdate()
    lunch = make_lunch(owner, ben, place="Alt")

    response = client_owner.post(
        reverse("reminders:lunch_edit", args=[lunch.pk]),
        {"date": today.isoformat(), "time": "", "place": "Neu", "contacts": [ben.pk]},
    )

    assert response.status_code == 302
    lunch.refresh_from_db()
    assert (lunch.place, lunch.time) == ("Neu", None)


@pytest.mark.parametrize("name", ["lunch_done", "lunch_cancel"])
def test_actions_refuse_a_get(client_owner, owner, ben, name):
    lunch = make_lunch(owner, ben)

    assert client_owner.get(reverse(f"reminders:{name}", args=[lunch.pk])).status_code == 405


def test_not_now_rests_a_suggestion_and_swaps_the_list(client_owner, ben, htmx_headers):
    today = timezone.localdate()
    url = reverse("reminders:suggestion_skip", args=[ben.pk])
    assert f"?contact={ben.pk}" in client_owner.get(LIST).text

    response = client_owner.post(url, {"limit": "page"}, **htmx_headers)

    assert response.status_code == 200
    assert 'id="lunch-suggestions"' in response.text
    assert f"?contact={ben.pk}" not in response.text
    assert Contact.objects.get(pk=ben.pk).lunch_suggested_on == today
    assert client_owner.get(url).status_code == 405


def test_not_now_without_javascript_goes_back(client_owner, ben):
    response = client_owner.post(
        reverse("reminders:suggestion_skip", args=[ben.pk]), {"next": "/week/"}
    )

    assert response.status_code == 302
    assert response.url == "/week/"


def test_the_lunch_page_runs_the_same_queries_for_10_and_300_contacts(db):
    counts = {}
    for size in (10, 300):
        network = build_reminder_network(size)
        with CaptureQueriesContext(connection) as captured:
            response = network.client.get(LIST)
        assert response.status_code == 200
        assert response.text.count('class="row suggestion"') == (5 if size == 300 else 2)
        counts[size] = [q["sql"] for q in captured.captured_queries]

    listing = "\n".join(counts[300])
    assert len(counts[10]) == len(counts[300]), listing
    assert len(counts[300]) <= LUNCH_PAGE_MAX_QUERIES, listing
