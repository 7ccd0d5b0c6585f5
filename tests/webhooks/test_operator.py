"""What the operator sees of webhooks: `manage.py delivery_status` counts the outbox and
names failing endpoints; the admin lists endpoints (host only, never the secret) and
deliveries, read-mostly."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from reminders.delivery import CLAIM_TIMEOUT
from tests.factories import make_user
from webhooks.models import Delivery, DeliveryState, Endpoint

from .conftest import make_endpoint

SECRET_PATH = "/webhook/7f3c2a-secret-path"


@pytest.fixture
def hook(owner, allow_private):
    return make_endpoint(owner, "https://hooks.example.org" + SECRET_PATH)


def deliver(endpoint, n: int, **fields) -> Delivery:
    return Delivery.objects.create(
        owner_id=endpoint.owner_id,
        endpoint=endpoint,
        event_id=f"e{n}",
        event="contact.created",
        object_id=n,
        **fields,
    )


@pytest.fixture
def backlog(hook):
    now = timezone.now()
    deliver(hook, 1, occurred_at=now - datetime.timedelta(hours=3))
    deliver(hook, 2, state=DeliveryState.PENDING, attempts=2, next_try_at=now)
    stale = deliver(
        hook,
        3,
        state=DeliveryState.SENDING,
        attempts=1,
        claimed_at=now - CLAIM_TIMEOUT - datetime.timedelta(minutes=1),
    )
    deliver(hook, 4, state=DeliveryState.FAILED, attempts=8, claimed_at=now, error="HTTP 500")
    Endpoint.objects.filter(pk=hook.pk).update(failing_since=now - datetime.timedelta(days=1))
    return stale


def status() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("delivery_status", stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_delivery_status_shows_the_webhook_backlog_and_failing_endpoints(owner, hook, backlog):
    code, text = status()

    assert code == 1
    assert "webhooks:\n  pending 3, oldest since" in text
    assert "webhooks:\n  pending 3" in text and "claims held longer than the lease: 1" in text
    webhooks = text.split("webhooks:")[1]
    assert re.search(r"failed for good \(last 7 days\): \d{4}-\d\d-\d\d: 1", webhooks)
    assert f"endpoint {hook.pk} (hooks.example.org) of user {owner.pk}: failing since" in text
    assert SECRET_PATH not in text and hook.secret not in text


def test_an_endpoint_switched_off_for_failing_is_named_too(owner, hook):
    Endpoint.objects.filter(pk=hook.pk).update(
        enabled=False, disabled_reason="Switched off.", failing_since=timezone.now()
    )

    code, text = status()

    assert code == 1 and f"endpoint {hook.pk} (hooks.example.org)" in text
    assert "switched off, failed since" in text


def test_delivery_status_is_quiet_about_webhooks_that_work(owner, hook):
    deliver(hook, 1, state=DeliveryState.SENT, sent_at=timezone.now(), status_code=200)
    Endpoint.objects.create(owner=owner, url="https://quiet.example.org/", enabled=False)

    code, text = status()

    assert code == 0
    assert "webhooks:\n  pending 0" in text and "endpoint " not in text


def test_the_webhook_status_costs_the_same_queries_for_few_and_many(
    owner, allow_private, django_assert_num_queries
):
    from webhooks.status import webhook_queue

    counts = []
    for size in (1, 30):
        for n in range(size):
            endpoint = make_endpoint(owner, f"https://h{size}-{n}.example.org/")
            Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now())
            deliver(endpoint, n)
        with django_assert_num_queries(5) as captured:
            webhook_queue(timezone.now())
        counts.append(len(captured.captured_queries))
    assert counts == [5, 5]


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("admin@example.com", is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_endpoints_by_host_without_the_secret(admin_client, hook, backlog):
    listing = admin_client.get("/admin/webhooks/endpoint/?failing=yes").text
    change = admin_client.get(f"/admin/webhooks/endpoint/{hook.pk}/change/").text

    assert f"/admin/webhooks/endpoint/{hook.pk}/change/" in listing
    for page in (listing, change):
        assert "hooks.example.org" in page
        assert hook.secret not in page and SECRET_PATH not in page
    assert admin_client.get("/admin/webhooks/endpoint/add/").status_code == 403


def test_the_operator_can_switch_an_endpoint_on_again(admin_client, hook):
    Endpoint.objects.filter(pk=hook.pk).update(
        enabled=False, disabled_reason="Switched off.", failing_since=timezone.now()
    )
    admin_client.post(f"/admin/webhooks/endpoint/{hook.pk}/change/", {"enabled": "on"})

    hook.refresh_from_db()
    assert hook.enabled and hook.failing_since is None and hook.disabled_reason == ""
    assert hook.url.endswith(SECRET_PATH) and hook.events


def test_the_operator_switching_an_endpoint_off_fails_its_waiting_events(admin_client, hook):
    waiting = deliver(hook, 1, state=DeliveryState.PENDING, next_try_at=timezone.now())
    sent = deliver(hook, 2, state=DeliveryState.SENT, sent_at=timezone.now(), status_code=200)

    admin_client.post(f"/admin/webhooks/endpoint/{hook.pk}/change/", {})

    hook.refresh_from_db()
    waiting.refresh_from_db()
    sent.refresh_from_db()
    assert not hook.enabled
    assert waiting.state == DeliveryState.FAILED
    assert waiting.error == "Not sent: the endpoint was switched off."
    assert sent.state == DeliveryState.SENT


def test_the_admin_shows_deliveries_read_only_with_the_emails_filters(admin_client, hook, backlog):
    stale = admin_client.get("/admin/webhooks/delivery/?delivery=stale").text
    assert set(re.findall(r"/admin/webhooks/delivery/(\d+)/change/", stale)) == {str(backlog.pk)}
    retry = admin_client.get("/admin/webhooks/delivery/?delivery=retry").text
    assert len(set(re.findall(r"/admin/webhooks/delivery/(\d+)/change/", retry))) == 1

    page = admin_client.get(f"/admin/webhooks/delivery/{backlog.pk}/change/")
    assert page.status_code == 200 and 'name="state"' not in page.text
    admin_client.post(f"/admin/webhooks/delivery/{backlog.pk}/change/", {"state": "sent"})
    backlog.refresh_from_db()
    assert backlog.state == DeliveryState.SENDING


def test_staff_without_the_personal_data_permission_see_no_webhooks(client, hook):
    client.force_login(make_user("staff@example.com", is_staff=True))

    assert client.get("/admin/webhooks/endpoint/").status_code == 403
    assert client.get("/admin/webhooks/delivery/").status_code == 403
