"""The push notification page: turning them on for a device, the switches, turning off."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reminders.models import PushSubscription

pytestmark = pytest.mark.django_db

ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc123"


def subscription(owner, endpoint=ENDPOINT) -> PushSubscription:
    return PushSubscription.objects.create(
        owner=owner, name="Pixel", endpoint=endpoint, p256dh="BPk", auth="c2VjcmV0"
    )


def test_the_page_offers_this_device_with_the_servers_key(client_owner):
    page = client_owner.get("/push/")

    assert page.status_code == 200
    assert 'data-server-key="B' in page.content.decode()


def test_a_browser_subscribes_with_its_push_service(client_owner, owner):
    answer = client_owner.post(
        "/push/subscribe/",
        {"endpoint": ENDPOINT, "p256dh": "BPk", "auth": "c2VjcmV0", "name": "Pixel · Chrome"},
    )

    assert answer.status_code == 201
    device = PushSubscription.objects.get(owner=owner)
    assert device.name == "Pixel · Chrome"
    assert set(device.topics) == {"birthday", "followup", "lunch", "review"}


def test_an_endpoint_that_is_no_push_service_is_refused(client_owner):
    answer = client_owner.post(
        "/push/subscribe/",
        {"endpoint": "https://internal.example/hook", "p256dh": "BPk", "auth": "c2VjcmV0"},
    )

    assert answer.status_code == 422
    assert not PushSubscription.objects.exists()


def test_a_browser_subscribing_again_under_another_account_moves_to_it(
    client_owner, owner, outsider
):
    subscription(outsider)

    client_owner.post("/push/subscribe/", {"endpoint": ENDPOINT, "p256dh": "BPk", "auth": "x"})

    assert PushSubscription.objects.get().owner == owner


def test_the_switches_of_a_device_are_saved(client_owner, owner):
    device = subscription(owner)

    answer = client_owner.post(f"/push/{device.pk}/", {"name": "Handy", "topics": ["touch"]})

    assert answer.status_code == 302
    device.refresh_from_db()
    assert (device.name, device.topics) == ("Handy", ["touch"])


def test_turning_a_device_off_deletes_its_subscription(client_owner, owner, htmx_headers):
    device = subscription(owner)

    assert client_owner.get(f"/push/{device.pk}/delete/").status_code == 200
    assert client_owner.post(f"/push/{device.pk}/delete/", **htmx_headers).status_code == 204
    assert not PushSubscription.objects.exists()


def test_another_users_device_is_a_404(client_outsider, owner):
    device = subscription(owner)

    for url in (f"/push/{device.pk}/", f"/push/{device.pk}/delete/"):
        assert client_outsider.get(url).status_code == 404
        assert client_outsider.post(url).status_code == 404


def test_the_wrong_method_is_a_405(client_owner):
    assert client_owner.get("/push/subscribe/").status_code == 405
    assert client_owner.post("/push/").status_code == 405


def test_the_page_costs_the_same_queries_for_one_and_many_devices(client_owner, owner):
    counts = []
    for total in (1, 8):
        while PushSubscription.objects.count() < total:
            subscription(owner, endpoint=f"{ENDPOINT}/{PushSubscription.objects.count()}")
        with CaptureQueriesContext(connection) as queries:
            assert client_owner.get("/push/").status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
