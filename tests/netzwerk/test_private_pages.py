"""Signed-in pages are never kept by a browser or proxy cache (Back shows them as they are now)."""

import pytest
from django.urls import reverse

from ..factories import make_contact


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize(
    "name", ["reminders:dashboard", "contacts:list", "contacts:triage", "preferences"]
)
def test_signed_in_pages_are_private_and_never_stored(client_owner, name):
    response = client_owner.get(reverse(name))

    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_fragment_after_an_htmx_action_is_not_stored_either(client_owner, owner, htmx_headers):
    contact = make_contact(owner)
    response = client_owner.post(
        reverse("contacts:log", args=[contact.pk]),
        {"kind": "coffee", "notes": "Espresso"},
        HTTP_HX_TARGET="activity",
        **htmx_headers,
    )

    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_view_that_chose_its_own_caching_keeps_it(client_owner, owner):
    response = client_owner.get(reverse("reminders:calendar_feed", args=[owner.calendar_token]))

    assert response["Cache-Control"] == "private, max-age=900"


@pytest.mark.django_db
def test_the_favicon_the_browser_asks_for_is_the_svg_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
