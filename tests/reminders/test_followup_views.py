"""Follow-up pages: list, create from a contact, edit, done, snooze, delete."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from contacts.models import Interaction
from reminders.models import FollowUp
from tests.factories import make_contact, make_follow_up

TODAY = timezone.localdate()
LIST = reverse("reminders:followup_list")


@pytest.fixture
def anna(owner):
    return make_contact(owner, first_name="Anna", last_name="Adler")


def test_the_list_groups_open_follow_ups_and_hides_done_ones(client_owner, anna):
    make_follow_up(anna, -2, note="Überfällig")
    make_follow_up(anna, 0, note="Heute fällig")
    make_follow_up(anna, 5, note="Nächste Woche")
    make_follow_up(anna, -1, note="Abgehakt").mark_done(TODAY)

    text = client_owner.get(LIST).text

    overdue = text.split('id="followups-overdue"')[1].split("</ul>")[0]
    today = text.split('id="followups-today"')[1].split("</ul>")[0]
    upcoming = text.split('id="followups-upcoming"')[1].split("</ul>")[0]
    assert "Überfällig" in overdue
    assert "Heute fällig" in today
    assert "Nächste Woche" in upcoming
    assert "Abgehakt" not in text
    assert "Abgehakt" in client_owner.get(LIST + "?show=done").text


def test_the_list_shows_only_the_users_own(client_outsider, anna):
    make_follow_up(anna, 0, note="Geheim")

    assert "Geheim" not in client_outsider.get(LIST).text


def test_it_creates_a_follow_up_from_the_contact_page(client_owner, anna):
    url = reverse("reminders:followup_create", args=[anna.pk])
    page = client_owner.get(url)
    week = (TODAY + datetime.timedelta(weeks=1)).isoformat()
    assert f'value="{week}"' in page.text

    response = client_owner.post(
        url, {"due_on": "2030-05-02", "note": "Angebot", "repeat": "monthly"}
    )

    assert response.status_code == 302
    assert response.url == anna.get_absolute_url()
    follow_up = FollowUp.objects.get()
    assert (follow_up.owner, follow_up.contact, follow_up.due_on, follow_up.repeat) == (
        anna.owner,
        anna,
        datetime.date(2030, 5, 2),
        "monthly",
    )


def test_it_answers_422_with_field_errors(client_owner, anna):
    url = reverse("reminders:followup_create", args=[anna.pk])

    response = client_owner.post(url, {"due_on": "32.13.2030", "note": ""})

    assert response.status_code == 422
    assert 'class="error"' in response.text
    assert not FollowUp.objects.exists()


def test_the_contact_page_lists_open_follow_ups_and_dates_with_add_links(client_owner, anna):
    make_follow_up(anna, 3, note="Portfolio schicken")
    make_follow_up(anna, 1, note="Schon erledigt").mark_done(TODAY)

    text = client_owner.get(anna.get_absolute_url()).text

    assert "Portfolio schicken" in text
    assert "Schon erledigt" not in text
    assert reverse("reminders:followup_create", args=[anna.pk]) in text
    assert reverse("reminders:date_create", args=[anna.pk]) in text


def test_it_edits_a_follow_up(client_owner, anna):
    follow_up = make_follow_up(anna, 0, note="Alt")

    response = client_owner.post(
        reverse("reminders:followup_edit", args=[follow_up.pk]),
        {"due_on": "2031-01-31", "note": "Neu", "repeat": ""},
    )

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.note, follow_up.due_on) == ("Neu", datetime.date(2031, 1, 31))


def test_done_over_htmx_swaps_the_row(client_owner, anna, htmx_headers):
    follow_up = make_follow_up(anna, -1, note="Anrufen")

    response = client_owner.post(
        reverse("reminders:followup_done", args=[follow_up.pk]), {"next": "/week/"}, **htmx_headers
    )

    assert response.status_code == 200
    assert response.text.strip().startswith(
        f'<li class="row fu is-done" id="followup-{follow_up.pk}"'
    )
    assert "HX-Trigger" in response.headers
    follow_up.refresh_from_db()
    assert follow_up.is_done


def test_done_without_javascript_goes_back_to_the_page(client_owner, anna):
    follow_up = make_follow_up(anna, -1)

    response = client_owner.post(
        reverse("reminders:followup_done", args=[follow_up.pk]), {"next": "/week/"}
    )

    assert response.status_code == 302
    assert response.url == "/week/"


def test_done_on_a_repeating_follow_up_plans_the_next(client_owner, anna, htmx_headers):
    follow_up = make_follow_up(anna, 0, repeat="weekly")

    response = client_owner.post(
        reverse("reminders:followup_done", args=[follow_up.pk]), **htmx_headers
    )

    following = FollowUp.objects.open().get()
    assert following.due_on == TODAY + datetime.timedelta(weeks=1)
    toast = json.loads(response.headers["HX-Trigger"])["messages"][0]["text"]
    assert formats.date_format(following.due_on) in toast
    assert formats.date_format(following.due_on) in response.text


@pytest.mark.parametrize(("days", "expected"), [(None, 7), ("1", 1), ("7", 7), ("30", 30)])
def test_snooze_pushes_it_a_week_by_default_or_the_chosen_time(client_owner, anna, days, expected):
    follow_up = make_follow_up(anna, -3)
    data = {"days": days} if days else {}

    response = client_owner.post(reverse("reminders:followup_snooze", args=[follow_up.pk]), data)

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.due_on == TODAY + datetime.timedelta(days=expected)


def test_snooze_refuses_an_unknown_length(client_owner, anna):
    follow_up = make_follow_up(anna, -3)

    client_owner.post(reverse("reminders:followup_snooze", args=[follow_up.pk]), {"days": "999"})

    follow_up.refresh_from_db()
    assert follow_up.due_on == TODAY - datetime.timedelta(days=3)


def test_snooze_over_htmx_shows_the_new_day_in_the_row(client_owner, anna, htmx_headers):
    follow_up = make_follow_up(anna, 0)

    response = client_owner.post(
        reverse("reminders:followup_snooze", args=[follow_up.pk]), {"days": "7"}, **htmx_headers
    )

    assert response.status_code == 200
    assert f'id="followup-{follow_up.pk}"' in response.text


@pytest.mark.parametrize("name", ["followup_done", "followup_snooze"])
def test_actions_refuse_a_get(client_owner, anna, name):
    follow_up = make_follow_up(anna, 0)

    assert client_owner.get(reverse(f"reminders:{name}", args=[follow_up.pk])).status_code == 405


def test_it_deletes_after_asking(client_owner, anna):
    follow_up = make_follow_up(anna, 0, note="Weg damit")
    url = reverse("reminders:followup_delete", args=[follow_up.pk])

    assert "Weg damit" in client_owner.get(url).text
    response = client_owner.post(url)

    assert response.status_code == 302
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(("choice", "days"), [("1w", 7), ("2w", 14)])
def test_the_quick_log_plans_a_follow_up(client_owner, anna, choice, days):
    client_owner.post(
        reverse("contacts:log", args=[anna.pk]),
        {"kind": "coffee", "notes": "Über das Projekt\nDetails", "follow_up_in": choice},
    )

    follow_up = FollowUp.objects.get()
    assert follow_up.contact == anna
    assert follow_up.due_on == TODAY + datetime.timedelta(days=days)
    assert follow_up.interaction == Interaction.objects.get()
    assert follow_up.note == "Über das Projekt"


def test_the_quick_log_plans_none_by_default(client_owner, anna):
    client_owner.post(reverse("contacts:log", args=[anna.pk]), {"kind": "coffee"})

    assert Interaction.objects.count() == 1
    assert not FollowUp.objects.exists()


def test_the_quick_log_refuses_an_unknown_follow_up_choice(client_owner, anna):
    response = client_owner.post(
        reverse("contacts:log", args=[anna.pk]), {"kind": "coffee", "follow_up_in": "1y"}
    )

    assert response.status_code == 422
    assert not Interaction.objects.exists()


def test_the_interaction_form_plans_a_follow_up_with_every_person(client_owner, owner, anna):
    ben = make_contact(owner, first_name="Ben")

    client_owner.post(
        reverse("contacts:interaction_create"),
        {
            "kind": "meeting",
            "date": TODAY.isoformat(),
            "contacts": [anna.pk, ben.pk],
            "follow_up_in": "3m",
        },
    )

    follow_ups = FollowUp.objects.order_by("contact__first_name")
    assert [f.contact for f in follow_ups] == [anna, ben]
    assert {f.interaction_id for f in follow_ups} == {Interaction.objects.get().pk}
    assert follow_ups[0].due_on.month == (TODAY.month + 2) % 12 + 1


def test_editing_an_interaction_offers_no_follow_up(client_owner, anna):
    interaction = anna.log_interaction("call", TODAY)

    text = client_owner.get(reverse("contacts:interaction_edit", args=[interaction.pk])).text

    assert 'name="follow_up_in"' not in text
