"""https receivers: the connection goes to the address that was checked, while TLS names
and verifies the URL's host. A real local HTTPS receiver with certificates from `trustme`;
it listens on 127.0.0.1, which the operator allows here with WEBHOOKS_ALLOW_PRIVATE (the
`endpoint` fixture's `allow_private`), and the CA is trusted through WEBHOOKS_CA_BUNDLE."""

import datetime
import logging
import socket
import ssl

import pytest
import trustme
from django.urls import reverse
from django.utils import timezone

from webhooks import delivery
from webhooks.models import Delivery, Endpoint

from .conftest import Receiver, running

HOST = "hooks.example"
REAL_GETADDRINFO = socket.getaddrinfo


@pytest.fixture
def ca(settings, tmp_path):
    authority = trustme.CA()
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    settings.WEBHOOKS_CA_BUNDLE = str(bundle)
    return authority


@pytest.fixture
def hooks_example(monkeypatch):
    """hooks.example resolves to 127.0.0.1 (for the delivery's check and nobody else)."""

    def resolve(host, port, *args, **kwargs):
        return REAL_GETADDRINFO("127.0.0.1" if host == HOST else host, port, *args, **kwargs)

    monkeypatch.setattr("webhooks.addresses.socket.getaddrinfo", resolve)


def https_receiver(ca, name: str) -> tuple[Receiver, list[str]]:
    """A receiver whose certificate is for `name`; the list collects the names clients
    asked for in their TLS greeting (SNI)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(context)
    asked: list[str] = []
    context.sni_callback = lambda sock, server_name, ctx: asked.append(server_name)
    return Receiver(tls=context), asked


def contact_created(client):
    client.post(
        reverse("contacts:create"),
        {"first_name": "Anna", "last_name": "Weber", "category": "pinguin", "status": "active"},
    )


def test_https_to_the_checked_address_verifies_the_certificate_of_the_host_name(
    client_owner, endpoint, ca, hooks_example
):
    server, asked = https_receiver(ca, HOST)
    with running(server):
        server.secret = endpoint.secret
        Endpoint.objects.filter(pk=endpoint.pk).update(url=server.url(HOST))
        contact_created(client_owner)

        assert delivery.send([endpoint.pk]) == 1

    assert asked == [HOST]
    (request,) = server.received
    assert request["headers"]["Host"] == f"{HOST}:{server.port}"
    assert request["signed"] and request["body"]["type"] == "contact.created"
    assert Delivery.objects.get().state == "sent"


def test_a_certificate_for_another_name_fails_the_delivery_and_it_is_retried(
    client_owner, endpoint, ca, hooks_example, caplog
):
    server, asked = https_receiver(ca, "other.example")
    with running(server):
        server.secret = endpoint.secret
        Endpoint.objects.filter(pk=endpoint.pk).update(url=server.url(HOST))
        contact_created(client_owner)
        now = timezone.now()

        with caplog.at_level(logging.WARNING, logger="reminders.delivery"):
            assert delivery.send([endpoint.pk], now) == 0

    assert asked == [HOST] and server.received == []
    row = Delivery.objects.get()
    assert (row.state, row.attempts, row.status_code) == ("pending", 1, None)
    assert "SSLError" in row.error and "certificate" in row.error.lower()
    assert row.next_try_at == now + datetime.timedelta(minutes=1)
    assert "will be retried" in caplog.text and "SSLError" in caplog.text
    page = client_owner.get(reverse("webhooks:endpoint", args=[endpoint.pk]))
    assert page.status_code == 200 and "SSLError" in page.text


def test_a_certificate_from_an_unknown_authority_fails_the_delivery(
    client_owner, endpoint, ca, hooks_example
):
    server, _asked = https_receiver(trustme.CA(), HOST)
    with running(server):
        Endpoint.objects.filter(pk=endpoint.pk).update(url=server.url(HOST))
        contact_created(client_owner)

        assert delivery.send([endpoint.pk]) == 0

    assert server.received == []
    assert "certificate verify failed" in Delivery.objects.get().error
