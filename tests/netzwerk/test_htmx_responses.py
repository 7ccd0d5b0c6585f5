import json

import pytest
from django.urls import reverse

from ..factories import make_contact


@pytest.mark.django_db
def test_an_expired_session_sends_an_htmx_request_to_the_login_page(client, htmx_headers):
    response = client.get(reverse("contacts:list"), {"q": "anna"}, **htmx_headers)

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login") + "?next=")
    assert not response.content


def test_a_plain_request_still_gets_a_normal_redirect(client):
    response = client.get(reverse("contacts:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_messages_of_an_htmx_write_arrive_as_a_toast_event(client_owner, owner, htmx_headers):
    contact = make_contact(owner, first_name="Anna", last_name="Adler")
    response = client_owner.post(
        reverse("contacts:log", args=[contact.pk]),
        {"kind": "call", "notes": "kurz"},
        HTTP_HX_TARGET="activity",
        **htmx_headers,
    )

    assert response.status_code == 200
    toast = json.loads(response["HX-Trigger"])["messages"]
    assert toast[0]["level"] == "success"
    assert "Anna Adler" in toast[0]["text"]
    # Handed over once: the next full page does not repeat it.
    assert "Anna Adler" not in client_owner.get(reverse("preferences")).content.decode()
