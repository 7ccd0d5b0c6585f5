"""Triage: one unplaced Pinguin at a time, placed with one tap."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from tests.factories import make_contact
from tests.pages import without_random_values

TRIAGE_URL = reverse("contacts:triage")
RESTART_URL = reverse("contacts:triage_restart")


def contact_url(contact) -> str:
    return reverse("contacts:triage_contact", args=[contact.pk])


def card_contact_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'action="/contacts/triage/(\d+)/"', html)]


def reloaded(contact) -> Contact:
    return Contact.objects.get(pk=contact.pk)


@pytest.fixture
def queue(owner) -> list[Contact]:
    """Three Pinguine, oldest first, and contacts that must never show up in triage."""
    start = timezone.now() - datetime.timedelta(days=30)
    people = [
        make_contact(
            owner,
            first_name=name,
            last_name="Pinguin",
            created_at=start + datetime.timedelta(days=n),
        )
        for n, name in enumerate(["Anna", "Bernd", "Clara"])
    ]
    make_contact(owner, first_name="Eddi", last_name="Einhorn", category="einhorn")
    make_contact(owner, first_name="Archie", last_name="Archiv", status="archived")
    return people


def test_it_requires_login(client, queue):
    for url in [TRIAGE_URL, contact_url(queue[0])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    response = client.post(contact_url(queue[0]), {"action": "einhorn"})
    assert response.status_code == 302
    assert reloaded(queue[0]).category == "pinguin"


def test_it_requires_login_to_restart(client, db):
    response = client.post(RESTART_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_shows_the_triage_page_only_to_get(client_owner, method):
    assert getattr(client_owner, method)(TRIAGE_URL).status_code == 405


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_rejects_other_methods_for_a_card(client_owner, queue, method):
    assert getattr(client_owner, method)(contact_url(queue[0])).status_code == 405
    assert reloaded(queue[0]).triaged_at is None


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_restarts_only_on_post(client_owner, method):
    assert getattr(client_owner, method)(RESTART_URL).status_code == 405


def test_it_answers_404_for_an_unknown_contact(client_owner):
    assert client_owner.get(reverse("contacts:triage_contact", args=[99999])).status_code == 404
    response = client_owner.post(
        reverse("contacts:triage_contact", args=[99999]), {"action": "keep"}
    )
    assert response.status_code == 404


def test_it_keeps_the_outsider_from_triaging(client_outsider, queue, htmx_headers):
    anna = queue[0]

    assert client_outsider.get(contact_url(anna)).status_code == 404
    assert client_outsider.post(contact_url(anna), {"action": "einhorn"}).status_code == 404
    response = client_outsider.post(contact_url(anna), {"action": "archive"}, **htmx_headers)
    assert response.status_code == 404
    anna = reloaded(anna)
    assert (anna.category, anna.status, anna.triaged_at) == ("pinguin", "active", None)


def test_it_shows_the_outsider_only_their_own_pinguine(client_outsider, outsider, queue):
    theirs = make_contact(outsider, first_name="Quirin", last_name="Outsiderson")

    response = client_outsider.get(TRIAGE_URL)

    assert card_contact_ids(response.text) == [theirs.pk]
    assert "Anna" not in without_random_values(response.text)  # the CSRF token could hold it


# One card at a time.


def test_it_shows_the_oldest_unplaced_pinguin_first(client_owner, owner, queue):
    owner.language = "en"
    owner.save()

    response = client_owner.get(TRIAGE_URL)

    assert response.status_code == 200
    assert card_contact_ids(response.text) == [queue[0].pk]
    assert "Anna Pinguin" in response.text
    assert "Bernd" not in response.text
    assert "3 Pinguin contacts left to place" in response.text
    for action in ["einhorn", "flamingo", "keep", "archive"]:
        assert f'name="action" value="{action}"' in response.text


def test_it_shows_a_chosen_pinguin(client_owner, queue):
    response = client_owner.get(contact_url(queue[2]))

    assert response.status_code == 200
    assert card_contact_ids(response.text) == [queue[2].pk]


def test_it_shows_a_chosen_pinguin_as_a_card_over_htmx(client_owner, queue, htmx_headers):
    response = client_owner.get(contact_url(queue[1]), **htmx_headers)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="triage"')
    assert "<html" not in response.text
    assert card_contact_ids(response.text) == [queue[1].pk]


def test_it_escapes_html_on_the_card(client_owner, owner):
    make_contact(owner, first_name="<script>alert(1)</script>", how_we_met="<b>Party</b>")

    response = client_owner.get(TRIAGE_URL)

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "&lt;b&gt;Party&lt;/b&gt;" in response.text


@pytest.mark.parametrize(
    ("action", "category", "status"),
    [
        ("einhorn", "einhorn", "active"),
        ("flamingo", "flamingo", "active"),
        ("keep", "pinguin", "active"),
        ("archive", "pinguin", "archived"),
    ],
)
def test_it_applies_the_action_and_moves_to_the_next_pinguin(
    client_owner, queue, action, category, status
):
    response = client_owner.post(contact_url(queue[0]), {"action": action})

    assert response.status_code == 302
    assert response.url == TRIAGE_URL
    anna = reloaded(queue[0])
    assert (anna.category, anna.status) == (category, status)
    assert anna.triaged_at is not None
    next_page = client_owner.get(response.url)
    assert card_contact_ids(next_page.text) == [queue[1].pk]


@pytest.mark.parametrize(
    ("action", "category", "status"),
    [
        ("einhorn", "einhorn", "active"),
        ("flamingo", "flamingo", "active"),
        ("keep", "pinguin", "active"),
        ("archive", "pinguin", "archived"),
    ],
)
def test_it_answers_htmx_with_the_next_card(
    client_owner, owner, queue, htmx_headers, action, category, status
):
    owner.language = "en"
    owner.save()

    response = client_owner.post(contact_url(queue[0]), {"action": action}, **htmx_headers)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="triage"')
    assert "<html" not in response.text
    assert card_contact_ids(response.text) == [queue[1].pk]
    assert "2 Pinguin contacts left to place" in response.text
    anna = reloaded(queue[0])
    assert (anna.category, anna.status) == (category, status)
    assert '"messages"' in response.headers["HX-Trigger"]


def test_it_works_through_the_whole_queue_to_the_end(client_owner, owner, queue, htmx_headers):
    owner.language = "en"
    owner.save()

    for person, action in zip(queue, ["einhorn", "keep", "archive"], strict=True):
        response = client_owner.post(contact_url(person), {"action": action}, **htmx_headers)

    assert card_contact_ids(response.text) == []
    assert "All placed" in response.text
    assert f'action="{RESTART_URL}"' in response.text
    assert not Contact.objects.for_owner(owner).untriaged_pinguine().exists()


def test_it_can_triage_a_pinguin_out_of_order(client_owner, queue):
    client_owner.post(contact_url(queue[2]), {"action": "flamingo"})

    response = client_owner.get(TRIAGE_URL)

    assert reloaded(queue[2]).category == "flamingo"
    assert card_contact_ids(response.text) == [queue[0].pk]


@pytest.mark.parametrize("data", [{"action": "drache"}, {"action": "pinguin"}, {}])
def test_it_keeps_the_pinguin_for_an_unknown_action(client_owner, queue, data):
    response = client_owner.post(contact_url(queue[1]), data)

    assert response.status_code == 422
    assert card_contact_ids(response.text) == [queue[1].pk]
    assert 'class="msg msg-error"' in response.text
    bernd = reloaded(queue[1])
    assert (bernd.category, bernd.status, bernd.triaged_at) == ("pinguin", "active", None)


def test_it_keeps_the_card_for_an_unknown_action_over_htmx(client_owner, queue, htmx_headers):
    response = client_owner.post(contact_url(queue[1]), {"action": "drache"}, **htmx_headers)

    assert response.status_code == 422
    assert card_contact_ids(response.text) == [queue[1].pk]
    assert '"messages"' in response.headers["HX-Trigger"]


def test_it_shows_the_empty_state_without_pinguine(client_owner, owner):
    owner.language = "en"
    owner.save()
    make_contact(owner, category="einhorn")

    response = client_owner.get(TRIAGE_URL)

    assert response.status_code == 200
    assert card_contact_ids(response.text) == []
    assert "All placed" in response.text


# Restart.


def test_it_offers_kept_pinguine_again_after_a_restart(client_owner, owner, queue):
    for person in queue:
        client_owner.post(contact_url(person), {"action": "keep"})
    einhorn = make_contact(owner, category="flamingo")
    einhorn.set_category("einhorn")

    response = client_owner.post(RESTART_URL)

    assert response.status_code == 302
    assert response.url == TRIAGE_URL
    assert card_contact_ids(client_owner.get(TRIAGE_URL).text) == [queue[0].pk]
    assert list(Contact.objects.for_owner(owner).untriaged_pinguine()) == queue
    # Placed contacts stay placed.
    assert reloaded(einhorn).category == "einhorn"
    assert reloaded(einhorn).triaged_at is not None


def test_it_does_not_bring_archived_contacts_back_on_restart(client_owner, owner, queue):
    client_owner.post(contact_url(queue[0]), {"action": "archive"})

    client_owner.post(RESTART_URL)

    assert queue[0] not in Contact.objects.for_owner(owner).untriaged_pinguine()
    assert reloaded(queue[0]).status == "archived"


def test_it_restarts_only_the_owners_triage(client_owner, outsider):
    theirs = make_contact(outsider)
    theirs.keep_as_pinguin()

    client_owner.post(RESTART_URL)

    assert reloaded(theirs).triaged_at is not None


def test_it_answers_an_htmx_request_for_the_triage_page_with_the_card(
    client_owner, queue, htmx_headers
):
    response = client_owner.get(TRIAGE_URL, **htmx_headers)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="triage"')
    assert card_contact_ids(response.text) == [queue[0].pk]


def test_it_restarts_over_htmx_too(client_owner, owner, queue, htmx_headers):
    for person in queue:
        person.keep_as_pinguin()

    response = client_owner.post(RESTART_URL, **htmx_headers)

    assert response.status_code in (200, 204, 302)
    assert list(Contact.objects.for_owner(owner).untriaged_pinguine()) == queue


def test_a_new_account_gets_first_steps_instead_of_all_placed(client_owner):
    response = client_owner.get(reverse("contacts:triage"))

    assert response.status_code == 200
    steps = response.text.split('id="first-steps"')[1]
    assert reverse("contacts:create") in steps
    assert reverse("strategy:goal_create") in steps
    assert "All placed" not in response.text and "Alle einsortiert" not in response.text


def test_an_account_whose_pinguine_are_placed_hears_all_placed(client_owner, owner):
    make_contact(owner, category="einhorn")

    response = client_owner.get(reverse("contacts:triage"))

    assert 'id="first-steps"' not in response.text
    assert 'action="' + reverse("contacts:triage_restart") in response.text


def test_the_last_triage_tap_can_be_undone(client_owner, owner):
    anna = make_contact(owner, first_name="Anna", category="pinguin")
    client_owner.post(reverse("contacts:triage_contact", args=[anna.pk]), {"action": "archive"})
    anna.refresh_from_db()
    assert anna.status == "archived"

    response = client_owner.post(reverse("contacts:triage_undo"))

    anna.refresh_from_db()
    assert (anna.status, anna.category, anna.triaged_at) == ("active", "pinguin", None)
    assert response.url == reverse("contacts:triage_contact", args=[anna.pk])
    # Undone once: a second undo has nothing left to do.
    client_owner.post(reverse("contacts:triage_undo"))
    anna.refresh_from_db()
    assert anna.status == "active"


def test_undo_answers_htmx_with_the_card_of_the_contact_back(client_owner, owner, htmx_headers):
    anna = make_contact(owner, first_name="Anna", last_name="Adler", category="pinguin")
    client_owner.post(reverse("contacts:triage_contact", args=[anna.pk]), {"action": "flamingo"})

    response = client_owner.post(reverse("contacts:triage_undo"), **htmx_headers)

    assert response.status_code == 200
    assert "Anna Adler" in response.text
    anna.refresh_from_db()
    assert anna.category == "pinguin"


def test_undo_only_takes_a_post(client_owner):
    assert client_owner.get(reverse("contacts:triage_undo")).status_code == 405
