"""Follow-up pages: list, create from a contact, edit, done, snooze, delete."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from contacts.models import Interaction
from reminders.models import FollowUp
from tests.factories import make_contact, make_follow_up

LIST = reverse("reminders:followup_list")


@pytest.fixture
def anna(owner):
    return make_contact(owner, first_name="Anna", last_name="Adler")


def test_the_list_groups_open_follow_ups_and_hides_done_ones(client_owner, anna):
    today = timezone.localdate()
    make_follow_up(anna, -2, note="Überfällig")
    make_follow_up(anna, 0, note="Heute fällig")
    make_follow_up(anna, 6, note="Diese Woche")
    make_follow_up(anna, 7, note="Nächste Woche")
    make_follow_up(anna, -1, note="Abgehakt").mark_done(today)

    text = client_owner.get(LIST).text

    overdue = text.split('id="followups-overdue"')[1].split("</ul>")[0]
    today = text.split('id="followups-today"')[1].split("</ul>")[0]
    week = text.split('id="followups-week"')[1].split("</ul>")[0]
    later = text.split('id="followups-later"')[1].split("</ul>")[0]
    assert "Überfällig" in overdue
    assert "Heute fällig" in today
    assert "Diese Woche" in week
    assert "Nächste Woche" in later
    assert "Abgehakt" not in text
    assert "Abgehakt" in client_owner.get(LIST + "?show=done").text


def test_the_list_shows_only_the_users_own(client_outsider, anna):
    today = timezone.localdate()
    make_follow_up(anna, 0, note="Geheim")
    make_follow_up(anna, 30, note="Später geheim")
    make_follow_up(anna, 1, note="Erledigt geheim").mark_done(today)

    assert "geheim" not in client_outsider.get(LIST).text.lower()
    assert "geheim" not in client_outsider.get(LIST + "?show=done").text.lower()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("followup_edit", "get"),
        ("followup_edit", "post"),
        ("followup_done", "post"),
        ("followup_snooze", "post"),
        ("followup_delete", "get"),
        ("followup_delete", "post"),
    ],
)
def test_another_users_follow_up_is_a_404(client_outsider, anna, name, method):
    today = timezone.localdate()
    follow_up = make_follow_up(anna, 0)

    response = getattr(client_outsider, method)(reverse(f"reminders:{name}", args=[follow_up.pk]))

    assert response.status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.due_on == today and not follow_up.is_done


def _ids(text: str) -> list[int]:
    return [int(chunk.split('"')[0]) for chunk in text.split('id="followup-')[1:]]


def _more(text: str, section: str) -> str | None:
    marker = f'id="more-{section}">'
    if marker not in text:
        return None
    return text.split(marker)[1].split('href="')[1].split('"')[0].replace("&amp;", "&")


@pytest.mark.parametrize("htmx", [True, False])
@pytest.mark.parametrize(("section", "days", "show"), [("later", 30, ""), ("done", 0, "done")])
def test_load_more_shows_every_follow_up_exactly_once(
    client_owner, anna, htmx_headers, htmx, section, days, show
):
    today = timezone.localdate()
    made = []
    for n in range(47):
        # Pairs on the same day: the id must break the tie.
        follow_up = make_follow_up(anna, days + n // 2, note=f"Nr {n}")
        if show:
            follow_up.mark_done(today)
        made.append(follow_up.pk)

    text = client_owner.get(LIST + ("?show=done" if show else "")).text
    page = text.split(f'id="followups-{section}"')[1]
    seen = _ids(page)
    url = _more(page, section)
    while url:
        response = client_owner.get(url, **(htmx_headers if htmx else {}))
        part = response.text
        if htmx:
            assert "<html" not in part
        else:
            assert "<html" in part
            part = part.split(f'id="followups-{section}"')[1]
        seen += _ids(part)
        url = _more(part, section)

    assert sorted(seen) == sorted(made)
    assert len(seen) == len(set(seen))


def test_a_broken_page_link_shows_the_start(client_owner, anna):
    make_follow_up(anna, 30, note="Später")

    response = client_owner.get(LIST + "?section=later&after=kaputt", follow=True)

    assert "Später" in response.text
    assert "Seitenlink war kaputt" in response.text


def test_the_list_runs_the_same_queries_for_10_and_300_follow_ups(client_owner, owner):
    today = timezone.localdate()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    made = 0
    for size in (10, 300):
        people = [make_contact(owner, first_name=f"P{n}") for n in range(3)]
        while made < size:
            follow_up = make_follow_up(people[made % 3], made % 40 - 10)
            if made % 4 == 0:
                follow_up.mark_done(today)
            made += 1
        for url in (LIST, LIST + "?show=done"):
            with CaptureQueriesContext(connection) as captured:
                assert client_owner.get(url).status_code == 200
            counts.append(len(captured.captured_queries))

    assert counts[:2] == counts[2:]


def test_it_creates_a_follow_up_from_the_contact_page(client_owner, anna):
    today = timezone.localdate()
    url = reverse("reminders:followup_create", args=[anna.pk])
    page = client_owner.get(url)
    week = (today + datetime.timedelta(weeks=1)).isoformat()
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
    today = timezone.localdate()
    make_follow_up(anna, 3, note="Portfolio schicken")
    make_follow_up(anna, 1, note="Schon erledigt").mark_done(today)

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
    today = timezone.localdate()
    follow_up = make_follow_up(anna, 0, repeat="weekly")

    response = client_owner.post(
        reverse("reminders:followup_done", args=[follow_up.pk]), **htmx_headers
    )

    following = FollowUp.objects.open().get()
    assert following.due_on == today + datetime.timedelta(weeks=1)
    toast = json.loads(response.headers["HX-Trigger"])["messages"][0]["text"]
    assert formats.date_format(following.due_on) in toast
    assert formats.date_format(following.due_on) in response.text


@pytest.mark.parametrize(("days", "expected"), [(None, 7), ("1", 1), ("7", 7), ("30", 30)])
def test_snooze_pushes_it_a_week_by_default_or_the_chosen_time(client_owner, anna, days, expected):
    today = timezone.localdate()
    follow_up = make_follow_up(anna, -3)
    data = {"days": days} if days else {}

    response = client_owner.post(reverse("reminders:followup_snooze", args=[follow_up.pk]), data)

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.due_on == today + datetime.timedelta(days=expected)


def test_snooze_refuses_an_unknown_length(client_owner, anna):
    today = timezone.localdate()
    follow_up = make_follow_up(anna, -3)

    client_owner.post(reverse("reminders:followup_snooze", args=[follow_up.pk]), {"days": "999"})

    follow_up.refresh_from_db()
    assert follow_up.due_on == today - datetime.timedelta(days=3)


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
    today = timezone.localdate()
    client_owner.post(
        reverse("contacts:log", args=[anna.pk]),
        {"kind": "coffee", "notes": "Über das Projekt\nDetails", "follow_up_in": choice},
    )

    follow_up = FollowUp.objects.get()
    assert follow_up.contact == anna
    assert follow_up.due_on == today + datetime.timedelta(days=days)
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
    today = timezone.localdate()
    ben = make_contact(owner, first_name="Ben")

    client_owner.post(
        reverse("contacts:interaction_create"),
        {
            "kind": "meeting",
            "date": today.isoformat(),
            "contacts": [anna.pk, ben.pk],
            "follow_up_in": "3m",
        },
    )

    follow_ups = FollowUp.objects.order_by("contact__first_name")
    assert [f.contact for f in follow_ups] == [anna, ben]
    assert {f.interaction_id for f in follow_ups} == {Interaction.objects.get().pk}
    assert follow_ups[0].due_on.month == (today.month + 2) % 12 + 1


def test_editing_an_interaction_offers_no_follow_up(client_owner, anna):
    today = timezone.localdate()
    interaction = anna.log_interaction("call", today)

    text = client_owner.get(reverse("contacts:interaction_edit", args=[interaction.pk])).text

    assert 'name="follow_up_in"' not in text


def test_a_follow_up_can_be_snoozed_to_a_picked_date(client_owner, owner):
    follow_up = make_follow_up(make_contact(owner), 0)
    text = client_owner.get(reverse("reminders:followup_list")).text

    link = text.split(f'id="snooze-date-{follow_up.pk}"')[1].split(">")[0]
    assert reverse("reminders:followup_edit", args=[follow_up.pk]) in link
    assert link.rstrip('"').endswith("#id_due_on")
