"""The webhooks pages: linked from the preferences, the secret shown once, the delivery log
with a fixed number of queries, another user's endpoint a 404."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from webhooks.models import Delivery, Endpoint

from .conftest import make_endpoint

LIST = reverse("webhooks:endpoints")


@pytest.fixture
def mine(owner, allow_private):
    return make_endpoint(owner, "http://127.0.0.1:9/hook")


def test_the_preferences_link_to_the_webhooks(client_owner):
    assert f'href="{LIST}"' in client_owner.get(reverse("preferences")).text


def test_it_requires_login(client):
    assert client.get(LIST).status_code == 302


def test_the_secret_is_shown_once_after_creation(client_owner, allow_private):
    response = client_owner.post(
        LIST, {"url": "http://127.0.0.1:9/hook", "events": ["contact.created", "nudge.due"]}
    )

    endpoint = Endpoint.objects.get()
    page = reverse("webhooks:endpoint", args=[endpoint.pk])
    assert response.status_code == 302 and response.url == page
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.events == ["contact.created", "nudge.due"] and endpoint.enabled
    assert endpoint.secret in client_owner.get(page).text
    assert endpoint.secret not in client_owner.get(page).text
    assert endpoint.secret not in client_owner.get(LIST).text


def test_an_endpoint_needs_an_event(client_owner, allow_private):
    response = client_owner.post(LIST, {"url": "http://127.0.0.1:9/hook"})

    assert response.status_code == 422
    assert not Endpoint.objects.exists()


def test_rotating_shows_a_new_secret_that_replaces_the_old(client_owner, mine):
    old = mine.secret

    response = client_owner.post(reverse("webhooks:rotate_secret", args=[mine.pk]), follow=True)

    mine.refresh_from_db()
    assert mine.secret != old and mine.secret in response.text and old not in response.text


def test_editing_changes_url_events_and_switch(client_owner, mine):
    response = client_owner.post(
        reverse("webhooks:endpoint", args=[mine.pk]),
        {"url": "http://127.0.0.1:9/other", "events": ["followup.done"]},
    )

    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.url, mine.events, mine.enabled) == (
        "http://127.0.0.1:9/other",
        ["followup.done"],
        False,
    )


def test_deleting_asks_first(client_owner, mine):
    url = reverse("webhooks:delete", args=[mine.pk])

    assert client_owner.get(url).status_code == 200
    assert Endpoint.objects.exists()
    assert client_owner.post(url).status_code == 302
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("endpoint", "get"),
        ("endpoint", "post"),
        ("rotate_secret", "post"),
        ("enable", "post"),
        ("delete", "get"),
        ("delete", "post"),
    ],
)
def test_another_users_endpoint_is_a_404(client_outsider, mine, name, method):
    response = getattr(client_outsider, method)(reverse(f"webhooks:{name}", args=[mine.pk]))

    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.enabled


@pytest.mark.parametrize("name", ["rotate_secret", "enable"])
def test_posts_only(client_owner, mine, name):
    assert client_owner.get(reverse(f"webhooks:{name}", args=[mine.pk])).status_code == 405


def _deliveries(endpoint, count: int) -> None:
    Delivery.objects.bulk_create(
        Delivery(
            owner_id=endpoint.owner_id,
            endpoint=endpoint,
            event_id=f"e{endpoint.pk}-{n}",
            event="contact.created",
            object_id=n,
            state="failed" if n % 2 else "sent",
            status_code=500 if n % 2 else 200,
            attempts=8 if n % 2 else 1,
            error="HTTP 500" if n % 2 else "",
        )
        for n in range(count)
    )


def test_the_log_shows_the_last_50_with_status_attempts_and_error(client_owner, mine):
    _deliveries(mine, 60)

    page = client_owner.get(reverse("webhooks:endpoint", args=[mine.pk])).text

    assert page.count("<li>") - page.count("<li><a") >= 50
    assert "HTTP 500" in page and "8 Versuche" in page and "HTTP 200" in page


def test_the_log_page_costs_the_same_queries_for_5_and_60_deliveries(
    client_owner, owner, allow_private
):
    counts = []
    for size in (5, 60):
        endpoint = make_endpoint(owner, f"http://127.0.0.1:9/{size}")
        _deliveries(endpoint, size)
        url = reverse("webhooks:endpoint", args=[endpoint.pk])
        client_owner.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client_owner.get(url).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_the_list_page_costs_the_same_queries_for_1_and_10_endpoints(
    client_owner, owner, allow_private
):
    counts = []
    for size in (1, 10):
        Endpoint.objects.all().delete()
        for n in range(size):
            make_endpoint(owner, f"http://127.0.0.1:9/{n}")
        with CaptureQueriesContext(connection) as queries:
            assert client_owner.get(LIST).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_both_languages(client_owner, owner, mine):
    assert "Deine Webhooks" in client_owner.get(LIST).text
    owner.language = "en"
    owner.save()
    assert "Your webhooks" in client_owner.get(LIST).text


@pytest.mark.parametrize(
    "language, note",
    [
        ("de", "Nicht gesendet: der Webhook wurde ausgeschaltet."),
        ("en", "the endpoint was switched off"),
    ],
)
def test_switching_off_fails_the_waiting_events_and_the_log_says_why(
    client_owner, owner, mine, language, note
):
    waiting = Delivery.objects.create(
        owner=owner, endpoint=mine, event_id="evt_waiting", event="contact.created", object_id=1
    )
    url = reverse("webhooks:endpoint", args=[mine.pk])

    # Unticking "enabled" switches it off; the event waiting for it is not kept for later.
    client_owner.post(url, {"url": mine.url, "events": mine.events})

    waiting.refresh_from_db()
    assert waiting.state == "failed"
    # Switched off in German, read in either language: the log speaks the owner's language.
    owner.language = language
    owner.save()
    page = client_owner.get(url).text
    assert note in page
    # It was never tried: the log does not say "0 attempts".
    assert not re.search(r">0 (Versuche|attempts)<", page)
