"""No server-side request forgery: private addresses are refused when an endpoint is saved
and again when a delivery is sent (the address connected is the one checked)."""

import socket

import pytest
from django.urls import reverse

from webhooks import delivery
from webhooks.models import Delivery, Endpoint

from .conftest import make_endpoint

URL = reverse("webhooks:endpoints")
REAL_GETADDRINFO = socket.getaddrinfo
PRIVATE_URLS = [
    "http://127.0.0.1/hook",
    "http://10.1.2.3/hook",
    "http://[::1]/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]/hook",
    "http://192.168.0.10:8080/hook",
    "http://0.0.0.0/hook",
    "http://localhost/hook",
    "http://internal.example/hook",
]


@pytest.fixture
def dns(monkeypatch):
    """Names of the tests' own: internal.example is 127.0.0.1, public.example is public."""
    names = {"internal.example": "127.0.0.1", "public.example": "93.184.215.14"}

    def getaddrinfo(host, port, *args, **kwargs):
        return REAL_GETADDRINFO(names.get(host, host), port, *args, **kwargs)

    monkeypatch.setattr("webhooks.addresses.socket.getaddrinfo", getaddrinfo)
    return names


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_a_private_address_is_refused_when_saved(client_owner, dns, url):
    response = client_owner.post(URL, {"url": url, "events": ["contact.created"]})

    assert response.status_code == 422
    assert "Webhooks gehen nur an öffentliche Adressen" in response.text
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize("url", ["ftp://93.184.215.14/", "https://user:pw@public.example/"])
def test_other_schemes_and_credentials_are_refused(client_owner, dns, url):
    response = client_owner.post(URL, {"url": url, "events": ["contact.created"]})

    assert response.status_code == 422
    assert not Endpoint.objects.exists()


def test_a_public_address_is_saved(client_owner, dns):
    response = client_owner.post(
        URL, {"url": "https://public.example/hook", "events": ["contact.created"]}
    )

    assert response.status_code == 302
    assert Endpoint.objects.get().url == "https://public.example/hook"


def test_the_operator_may_allow_private_addresses(client_owner, dns, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True

    response = client_owner.post(URL, {"url": "http://10.1.2.3/hook", "events": ["nudge.due"]})

    assert response.status_code == 302


def test_a_private_address_is_refused_in_english_too(client_owner, owner, dns):
    owner.language = "en"
    owner.save()

    response = client_owner.post(URL, {"url": "http://127.0.0.1/", "events": ["nudge.due"]})

    assert "Webhooks go only to public addresses" in response.text


@pytest.mark.parametrize("private", ["127.0.0.1", "10.0.0.7", "169.254.169.254", "::1"])
def test_a_name_that_turns_private_after_saving_is_refused_when_sent(
    owner, client_owner, receiver, dns, private
):
    """DNS rebinding: public when saved, private when sent. Nothing reaches the receiver."""
    client_owner.post(
        URL,
        {"url": f"http://public.example:{receiver.port}/hook", "events": ["contact.created"]},
    )
    endpoint = Endpoint.objects.get()
    dns["public.example"] = private
    client_owner.post(
        reverse("contacts:create"),
        {"first_name": "Anna", "category": "pinguin", "status": "active"},
    )

    assert delivery.send([endpoint.pk]) == 0

    assert receiver.received == []
    row = Delivery.objects.get()
    assert row.state == "pending" and "öffentliche Adressen" in row.error


def test_an_endpoint_stored_with_a_private_address_is_refused_when_sent(
    owner, client_owner, receiver
):
    """A row from before a setting changed (or written around the form) is checked again."""
    endpoint = make_endpoint(owner, receiver.url())
    client_owner.post(
        reverse("contacts:create"),
        {"first_name": "Anna", "category": "pinguin", "status": "active"},
    )

    delivery.send([endpoint.pk])

    assert receiver.received == []
    assert "öffentliche Adressen" in Delivery.objects.get().error
