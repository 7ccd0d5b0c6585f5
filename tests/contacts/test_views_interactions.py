"""Logging interactions: the quick log, the full form with several people, editing, deleting."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Interaction
from tests.factories import make_contact, make_interaction

CREATE_URL = reverse("contacts:interaction_create")
PEOPLE_URL = reverse("contacts:people_search")


def log_url(contact) -> str:
    return reverse("contacts:log", args=[contact.pk])


def edit_url(interaction) -> str:
    return reverse("contacts:interaction_edit", args=[interaction.pk])


def delete_url(interaction) -> str:
    return reverse("contacts:interaction_delete", args=[interaction.pk])


def detail_url(contact) -> str:
    return reverse("contacts:detail", args=[contact.pk])


def days_ago(n: int) -> datetime.date:
    # The same "today" as the factories use, so logged and expected dates always agree.
    return timezone.localdate() - datetime.timedelta(days=n)


def last_contacted(contact) -> datetime.date | None:
    return Contact.objects.get(pk=contact.pk).last_contacted_on


def checked_ids(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="contacts" value="(\d+)" checked', html)}


def offered_ids(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="contacts" value="(\d+)">', html)}


@pytest.fixture
def anna(owner):
    return make_contact(owner, first_name="Anna", last_name="Albers")


@pytest.fixture
def bernd(owner):
    return make_contact(owner, first_name="Bernd", last_name="Berger")


@pytest.fixture
def activity_headers(htmx_headers) -> dict:
    return {**htmx_headers, "HTTP_HX_TARGET": "activity"}


# Login, methods, ownership.


def test_it_requires_login_for_every_interaction_page(client, anna):
    interaction = make_interaction(anna)
    urls = [log_url(anna), CREATE_URL, PEOPLE_URL, edit_url(interaction), delete_url(interaction)]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_it_requires_login_to_log(client, anna):
    response = client.post(log_url(anna), {"kind": "coffee"})

    assert response.status_code == 302
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_rejects_other_methods(client_owner, anna, method):
    interaction = make_interaction(anna)

    for url in [log_url(anna), CREATE_URL, edit_url(interaction), delete_url(interaction)]:
        assert getattr(client_owner, method)(url).status_code == 405, url
    assert Interaction.objects.filter(pk=interaction.pk).exists()


def test_it_answers_people_search_only_to_get(client_owner):
    assert client_owner.post(PEOPLE_URL, {"people_q": "anna"}).status_code == 405


def test_it_hides_the_quick_log_from_the_outsider(client_outsider, anna, htmx_headers):
    assert client_outsider.get(log_url(anna)).status_code == 404
    assert client_outsider.post(log_url(anna), {"kind": "coffee"}).status_code == 404
    response = client_outsider.post(
        log_url(anna), {"kind": "coffee"}, **htmx_headers, HTTP_HX_TARGET="activity"
    )
    assert response.status_code == 404
    assert not Interaction.objects.exists()


def test_it_hides_an_interaction_from_the_outsider(client_outsider, anna):
    interaction = make_interaction(anna, notes="Vertraulich")

    assert client_outsider.get(edit_url(interaction)).status_code == 404
    assert client_outsider.get(delete_url(interaction)).status_code == 404
    response = client_outsider.post(
        edit_url(interaction), {"kind": "call", "date": "2024-01-01", "notes": "x"}
    )
    assert response.status_code == 404
    assert client_outsider.post(delete_url(interaction)).status_code == 404
    assert Interaction.objects.get(pk=interaction.pk).notes == "Vertraulich"


@pytest.mark.parametrize("name", ["log", "interaction_edit", "interaction_delete"])
def test_it_answers_404_for_unknown_ids(client_owner, name):
    assert client_owner.get(reverse(f"contacts:{name}", args=[99999])).status_code == 404


# Quick log.


def test_it_shows_the_quick_log_page(client_owner, anna):
    response = client_owner.get(log_url(anna), {"next": "/contacts/?q=anna"})

    assert response.status_code == 200
    assert response.text.count('name="kind"') == 7
    assert '<input type="hidden" name="next" value="/contacts/?q=anna">' in response.text


def test_it_logs_with_one_tap_dated_today(client_owner, anna):
    response = client_owner.post(log_url(anna), {"kind": "coffee", "notes": "", "date": ""})

    assert response.status_code == 302
    assert response.url == detail_url(anna)
    interaction = Interaction.objects.get()
    assert list(interaction.contacts.all()) == [anna]
    assert (interaction.kind, interaction.date) == ("coffee", timezone.localdate())
    assert last_contacted(anna) == timezone.localdate()


def test_it_logs_with_notes_and_an_earlier_date(client_owner, anna):
    client_owner.post(
        log_url(anna), {"kind": "call", "notes": "Über das Projekt", "date": days_ago(3)}
    )

    interaction = Interaction.objects.get()
    assert (interaction.kind, interaction.notes, interaction.date) == (
        "call",
        "Über das Projekt",
        days_ago(3),
    )
    assert set(Contact.objects.search("projekt").values_list("pk", flat=True)) == {anna.pk}


def test_it_returns_to_the_list_it_came_from(client_owner, anna):
    response = client_owner.post(log_url(anna), {"kind": "message", "next": "/contacts/?q=anna"})

    assert response.url == "/contacts/?q=anna"
    assert Interaction.objects.count() == 1


def test_it_ignores_a_next_link_to_another_site(client_owner, anna):
    response = client_owner.post(
        log_url(anna), {"kind": "message", "next": "https://evil.example/"}
    )

    assert response.url == detail_url(anna)


def test_it_swaps_the_activity_section_after_a_quick_log(client_owner, anna, activity_headers):
    response = client_owner.post(
        log_url(anna), {"kind": "lunch", "notes": "Pasta beim Italiener"}, **activity_headers
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="activity"')
    assert "<html" not in response.text
    assert "Pasta beim Italiener" in response.text
    assert response.text.count('<li class="event">') == 1
    # The form comes back empty, ready for the next entry.
    assert "Pasta beim Italiener</textarea>" not in response.text
    assert Interaction.objects.get().kind == "lunch"
    assert '"messages"' in response.headers["HX-Trigger"]


def test_it_redirects_an_htmx_quick_log_from_elsewhere(client_owner, anna, htmx_headers):
    response = client_owner.post(
        log_url(anna), {"kind": "coffee", "next": "/contacts/"}, **htmx_headers
    )

    assert response.status_code == 204
    assert response["HX-Redirect"] == "/contacts/"
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "coffee", "date": "2999-01-01"},
        {"kind": "beer"},
        {"kind": "coffee", "date": "gestern"},
        {"kind": "coffee", "notes": "x" * 10001},
        {},
    ],
)
def test_it_rejects_a_bad_quick_log_and_saves_nothing(client_owner, anna, data):
    response = client_owner.post(log_url(anna), data)

    assert response.status_code == 422
    assert '<p class="error">' in response.text
    assert not Interaction.objects.exists()
    assert last_contacted(anna) is None


def test_it_shows_quick_log_errors_inside_the_activity_section(
    client_owner, anna, activity_headers
):
    make_interaction(anna, notes="Älterer Eintrag")

    response = client_owner.post(
        log_url(anna),
        {"kind": "coffee", "date": "2999-01-01", "notes": "Behalten"},
        **activity_headers,
    )

    assert response.status_code == 422
    assert response.text.lstrip().startswith('<section id="activity"')
    assert '<p class="error">' in response.text
    assert '<details class="quick-date" open>' in response.text
    # What was typed is kept, and the timeline is still there.
    assert "Behalten</textarea>" in response.text
    assert "Älterer Eintrag" in response.text
    assert Interaction.objects.count() == 1


def test_it_escapes_html_in_logged_notes(client_owner, anna, activity_headers):
    response = client_owner.post(
        log_url(anna), {"kind": "call", "notes": "<script>alert(1)</script>"}, **activity_headers
    )

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    page = client_owner.get(detail_url(anna))
    assert "<script>alert(1)</script>" not in page.text


def test_it_dates_a_quick_log_by_the_users_time_zone(client_owner, owner, anna, monkeypatch):
    # 11:30 UTC on 1 March is already 2 March in Kiritimati (UTC+14).
    moment = datetime.datetime(2024, 3, 1, 11, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    owner.time_zone = "Pacific/Kiritimati"
    owner.save()

    client_owner.post(log_url(anna), {"kind": "call"})

    assert Interaction.objects.get().date == datetime.date(2024, 3, 2)


# The full form: several people.


def test_it_shows_the_full_form_with_the_contact_ticked(client_owner, anna, bernd):
    response = client_owner.get(CREATE_URL, {"contact": anna.pk})

    assert response.status_code == 200
    assert checked_ids(response.text) == {anna.pk}
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in response.text


def test_it_ticks_nobody_for_another_users_contact(client_owner, outsider):
    theirs = make_contact(outsider, first_name="Quirin", last_name="Outsiderson")

    response = client_owner.get(CREATE_URL, {"contact": theirs.pk})

    assert response.status_code == 200
    assert checked_ids(response.text) == set()
    assert "Outsiderson" not in response.text


@pytest.mark.parametrize("value", ["abc", "", "-1"])
def test_it_ignores_a_contact_parameter_that_is_no_id(client_owner, value):
    response = client_owner.get(CREATE_URL, {"contact": value})

    assert response.status_code == 200
    assert checked_ids(response.text) == set()


def test_it_logs_an_interaction_with_several_people(client_owner, owner, anna, bernd):
    clara = make_contact(owner, first_name="Clara", last_name="Claus")

    response = client_owner.post(
        CREATE_URL,
        {
            "kind": "meeting",
            "date": days_ago(2),
            "notes": "Workshop",
            "contacts": [bernd.pk, anna.pk, clara.pk],
        },
    )

    interaction = Interaction.objects.get()
    assert set(interaction.contacts.all()) == {anna, bernd, clara}
    assert (interaction.kind, interaction.date, interaction.notes) == (
        "meeting",
        days_ago(2),
        "Workshop",
    )
    # Back to the first of them by name.
    assert response.status_code == 302
    assert response.url == detail_url(anna)
    for person in (anna, bernd, clara):
        assert last_contacted(person) == days_ago(2)


def test_it_logs_a_full_interaction_over_htmx(client_owner, anna, bernd, htmx_headers):
    response = client_owner.post(
        CREATE_URL,
        {"kind": "event", "date": days_ago(0), "contacts": [anna.pk, bernd.pk]},
        **htmx_headers,
    )

    assert response.status_code == 204
    assert response["HX-Redirect"] == detail_url(anna)
    assert Interaction.objects.get().contacts.count() == 2


def test_it_shows_full_form_errors_and_saves_nothing(client_owner, anna):
    response = client_owner.post(
        CREATE_URL, {"kind": "lunch", "date": "2999-12-31", "contacts": []}
    )

    assert response.status_code == 422
    assert 'id="id_date_error"' in response.text
    assert 'class="people has-error"' in response.text
    assert not Interaction.objects.exists()


def test_it_keeps_the_ticked_people_when_showing_errors(client_owner, anna, bernd):
    response = client_owner.post(
        CREATE_URL, {"kind": "lunch", "date": "", "contacts": [anna.pk, bernd.pk]}
    )

    assert response.status_code == 422
    assert checked_ids(response.text) == {anna.pk, bernd.pk}


def test_it_refuses_another_users_contact_in_the_full_form(client_owner, outsider, anna):
    theirs = make_contact(outsider, first_name="Quirin", last_name="Outsiderson")

    response = client_owner.post(
        CREATE_URL, {"kind": "lunch", "date": days_ago(1), "contacts": [anna.pk, theirs.pk]}
    )

    assert response.status_code == 422
    assert not Interaction.objects.exists()
    assert "Outsiderson" not in response.text
    assert checked_ids(response.text) == {anna.pk}
    assert last_contacted(theirs) is None


def test_it_escapes_html_in_the_full_form(client_owner, owner):
    evil = make_contact(owner, first_name="<script>alert(1)</script>")

    response = client_owner.get(CREATE_URL, {"contact": evil.pk})

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


# Finding people: the no-JS button and the HTMX endpoint.


def test_it_finds_people_with_the_button_without_saving(client_owner, owner, anna, bernd):
    bertha = make_contact(owner, first_name="Bertha", last_name="Beispiel")
    make_contact(owner, first_name="Zoe", last_name="Zander")

    response = client_owner.post(
        CREATE_URL,
        {
            "kind": "coffee",
            "date": days_ago(0),
            "notes": "Noch nicht fertig",
            "contacts": [anna.pk],
            "people_q": "ber",
            "find_people": "1",
        },
    )

    assert response.status_code == 200
    assert not Interaction.objects.exists()
    assert checked_ids(response.text) == {anna.pk}
    assert offered_ids(response.text) == {bernd.pk, bertha.pk}
    assert 'value="ber"' in response.text
    assert "Noch nicht fertig</textarea>" in response.text


def test_it_saves_with_the_people_found_and_ticked(client_owner, anna, bernd):
    client_owner.post(
        CREATE_URL,
        {
            "kind": "coffee",
            "date": days_ago(0),
            "contacts": [anna.pk],
            "people_q": "bernd",
            "find_people": "1",
        },
    )

    response = client_owner.post(
        CREATE_URL,
        {
            "kind": "coffee",
            "date": days_ago(0),
            "contacts": [anna.pk, bernd.pk],
            "people_q": "bernd",
        },
    )

    assert response.status_code == 302
    assert set(Interaction.objects.get().contacts.all()) == {anna, bernd}


def test_it_finds_people_with_the_button_while_editing(client_owner, anna, bernd):
    interaction = make_interaction(anna, notes="Alt")

    response = client_owner.post(
        edit_url(interaction),
        {
            "kind": "coffee",
            "date": interaction.date,
            "notes": "Neu",
            "contacts": [anna.pk],
            "people_q": "berger",
            "find_people": "1",
        },
    )

    assert response.status_code == 200
    assert offered_ids(response.text) == {bernd.pk}
    assert Interaction.objects.get(pk=interaction.pk).notes == "Alt"


def test_it_answers_people_search_with_a_fragment(client_owner, owner, anna, bernd, htmx_headers):
    make_contact(owner, first_name="Zoe", last_name="Zander")

    response = client_owner.get(PEOPLE_URL, {"people_q": "bernd"}, **htmx_headers)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="people-results">')
    assert "<html" not in response.text
    assert offered_ids(response.text) == {bernd.pk}
    assert "Bernd Berger" in response.text


def test_it_searches_people_with_folded_umlauts(client_owner, owner, htmx_headers):
    mueller = make_contact(owner, first_name="Jana", last_name="Müller")

    response = client_owner.get(PEOPLE_URL, {"people_q": "mueller"}, **htmx_headers)

    assert offered_ids(response.text) == {mueller.pk}


def test_it_leaves_out_people_already_ticked(client_owner, anna, bernd, htmx_headers):
    response = client_owner.get(
        PEOPLE_URL, {"people_q": "e", "contacts": [anna.pk, "junk"]}, **htmx_headers
    )

    assert anna.pk not in offered_ids(response.text)
    assert bernd.pk in offered_ids(response.text)


def test_it_leaves_out_archived_and_other_users_people(client_owner, owner, outsider, htmx_headers):
    make_contact(owner, first_name="Kim", last_name="Archiv", status="archived")
    wish = make_contact(owner, first_name="Kim", last_name="Wunsch", status="wish")
    make_contact(outsider, first_name="Kim", last_name="Outsiderson")

    response = client_owner.get(PEOPLE_URL, {"people_q": "kim"}, **htmx_headers)

    assert offered_ids(response.text) == {wish.pk}
    assert "Outsiderson" not in response.text


def test_it_finds_nobody_for_an_empty_query(client_owner, anna, htmx_headers):
    response = client_owner.get(PEOPLE_URL, {"people_q": "   "}, **htmx_headers)

    assert response.status_code == 200
    assert offered_ids(response.text) == set()


def test_it_says_when_nobody_is_found(client_owner, owner, anna, htmx_headers):
    owner.language = "en"
    owner.save()

    response = client_owner.get(PEOPLE_URL, {"people_q": "zzz"}, **htmx_headers)

    assert "Nobody found." in response.text


def test_it_answers_people_search_without_htmx_too(client_owner, anna):
    response = client_owner.get(PEOPLE_URL, {"people_q": "anna"})

    assert response.status_code == 200
    assert offered_ids(response.text) == {anna.pk}


def test_it_caps_the_people_found(client_owner, owner, htmx_headers):
    for n in range(25):
        make_contact(owner, first_name="Kim", last_name=f"Viele{n:02d}")

    response = client_owner.get(PEOPLE_URL, {"people_q": "kim"}, **htmx_headers)

    assert len(offered_ids(response.text)) == 20


def test_it_escapes_html_in_people_search(client_owner, owner, htmx_headers):
    make_contact(owner, first_name="<b>Kim</b>", company="<script>x</script>")

    response = client_owner.get(PEOPLE_URL, {"people_q": "kim"}, **htmx_headers)

    assert "<b>Kim</b>" not in response.text
    assert "<script>x</script>" not in response.text
    assert "&lt;b&gt;Kim&lt;/b&gt;" in response.text


# Editing an interaction.


def test_it_shows_an_interaction_in_the_edit_form(client_owner, anna, bernd):
    interaction = make_interaction(anna, kind="call", days_ago=4, notes="Telefonat", others=[bernd])

    response = client_owner.get(edit_url(interaction))

    assert response.status_code == 200
    assert checked_ids(response.text) == {anna.pk, bernd.pk}
    assert "Telefonat</textarea>" in response.text
    assert f'value="{days_ago(4):%Y-%m-%d}"' in response.text
    assert reverse("contacts:interaction_delete", args=[interaction.pk]) in response.text


def test_it_saves_an_edited_interaction(client_owner, anna, bernd):
    make_interaction(anna, days_ago=10)
    interaction = make_interaction(anna, days_ago=1, notes="Alt", others=[bernd])

    response = client_owner.post(
        edit_url(interaction),
        {"kind": "lunch", "date": days_ago(20), "notes": "Neu", "contacts": [anna.pk]},
    )

    assert response.status_code == 302
    assert response.url == detail_url(anna)
    interaction.refresh_from_db()
    assert (interaction.kind, interaction.date, interaction.notes) == ("lunch", days_ago(20), "Neu")
    assert list(interaction.contacts.all()) == [anna]
    assert last_contacted(anna) == days_ago(10)
    assert last_contacted(bernd) is None
    assert set(Contact.objects.search("neu").values_list("pk", flat=True)) == {anna.pk}
    assert not Contact.objects.search("alt").exists()


def test_it_saves_an_edited_interaction_over_htmx(client_owner, anna, htmx_headers):
    interaction = make_interaction(anna)

    response = client_owner.post(
        edit_url(interaction),
        {"kind": "call", "date": days_ago(0), "contacts": [anna.pk]},
        **htmx_headers,
    )

    assert response.status_code == 204
    assert response["HX-Redirect"] == detail_url(anna)
    assert Interaction.objects.get(pk=interaction.pk).kind == "call"


def test_it_keeps_an_interaction_unchanged_for_bad_input(client_owner, anna):
    interaction = make_interaction(anna, kind="coffee", notes="Alt")

    response = client_owner.post(
        edit_url(interaction), {"kind": "call", "date": days_ago(0), "notes": "Neu", "contacts": []}
    )

    assert response.status_code == 422
    interaction.refresh_from_db()
    assert (interaction.kind, interaction.notes) == ("coffee", "Alt")
    assert list(interaction.contacts.all()) == [anna]


# Deleting an interaction.


def test_it_asks_before_deleting_an_interaction(client_owner, anna):
    interaction = make_interaction(anna, notes="<i>Notiz</i>")

    response = client_owner.get(delete_url(interaction))

    assert response.status_code == 200
    assert "&lt;i&gt;Notiz&lt;/i&gt;" in response.text
    assert Interaction.objects.filter(pk=interaction.pk).exists()


def test_it_deletes_an_interaction_and_returns_to_the_contact(client_owner, anna):
    make_interaction(anna, days_ago=7)
    interaction = make_interaction(anna, days_ago=1, notes="Weg damit")

    response = client_owner.post(delete_url(interaction))

    assert response.status_code == 302
    assert response.url == detail_url(anna)
    assert not Interaction.objects.filter(pk=interaction.pk).exists()
    assert last_contacted(anna) == days_ago(7)
    assert not Contact.objects.search("weg damit").exists()


def test_it_deletes_an_interaction_over_htmx(client_owner, anna, htmx_headers):
    interaction = make_interaction(anna)

    response = client_owner.post(delete_url(interaction), **htmx_headers)

    assert response.status_code == 204
    assert response["HX-Redirect"] == detail_url(anna)
    assert last_contacted(anna) is None


def test_it_serves_the_interaction_pages_to_htmx_requests_too(client_owner, anna, htmx_headers):
    interaction = make_interaction(anna, notes="Sichtbar")

    for url in [log_url(anna), CREATE_URL, edit_url(interaction), delete_url(interaction)]:
        response = client_owner.get(url, **htmx_headers)
        assert response.status_code == 200, url
    assert "Sichtbar" in client_owner.get(edit_url(interaction), **htmx_headers).text
