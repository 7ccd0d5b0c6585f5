"""Delivery to a real receiver: signed, each event once however often the task runs, again
after a failure, and switched off after failing for days."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from reminders.models import PeriodicRun
from webhooks import delivery, tasks
from webhooks.models import Delivery, DeliveryState, Endpoint

from .conftest import verify

CREATE_URL = reverse("contacts:create")


def create_contact(client, **fields):
    data = {"first_name": "Anna", "last_name": "Weber", "category": "pinguin", "status": "active"}
    return client.post(CREATE_URL, {**data, **fields})


def test_the_receiver_gets_each_event_once_when_the_task_runs_twice(
    client_owner, endpoint, receiver
):
    create_contact(client_owner, first_name="Anna")
    create_contact(client_owner, first_name="Ben")

    tasks.send_webhooks([endpoint.pk])
    tasks.send_webhooks([endpoint.pk])

    assert len(receiver.received) == 2
    assert len(set(receiver.event_ids)) == 2
    assert all(request["signed"] for request in receiver.received)
    first = receiver.received[0]
    assert first["body"]["type"] == "contact.created"
    assert first["body"]["data"]["name"] == "Anna Weber"
    assert first["headers"]["Netzwerk-Event-Id"] == first["body"]["id"]
    assert first["headers"]["Content-Type"] == "application/json"
    assert set(Delivery.objects.values_list("state", "status_code")) == {("sent", 200)}


def test_the_periodic_run_sends_what_is_due_and_a_second_run_nothing(
    client_owner, endpoint, receiver, tasks_run
):
    create_contact(client_owner)

    for _run in range(2):
        tasks_run(tasks.deliver_webhooks)

    assert len(receiver.received) == 1


def test_it_sends_again_exactly_once_after_a_failure(client_owner, endpoint, receiver):
    receiver.answers = [500]
    create_contact(client_owner)
    now = timezone.now()

    assert delivery.send([endpoint.pk], now) == 0
    row = Delivery.objects.get()
    assert (row.state, row.status_code, row.error, row.attempts) == ("pending", 500, "HTTP 500", 1)
    assert delivery.send([endpoint.pk], now) == 0  # not due before its backoff
    later = now + datetime.timedelta(minutes=2)
    assert delivery.send([endpoint.pk], later) == 1
    assert delivery.send([endpoint.pk], later) == 0

    assert len(receiver.received) == 2
    assert receiver.event_ids[0] == receiver.event_ids[1]
    assert receiver.received[0]["body"] == receiver.received[1]["body"]
    row.refresh_from_db()
    assert (row.state, row.status_code, row.error, row.attempts) == ("sent", 200, "", 2)


def test_a_redirect_is_not_followed(client_owner, endpoint, receiver):
    receiver.answers = [302]
    create_contact(client_owner)

    delivery.send([endpoint.pk])

    assert len(receiver.received) == 1
    assert Delivery.objects.get().error == "HTTP 302"


def test_it_gives_up_after_the_last_attempt(client_owner, endpoint, receiver, settings):
    receiver.answers = [500] * 20
    create_contact(client_owner)
    now = timezone.now()

    for hour in range(delivery.MAX_ATTEMPTS + 2):
        delivery.send([endpoint.pk], now + datetime.timedelta(hours=hour))

    assert len(receiver.received) == delivery.MAX_ATTEMPTS
    assert Delivery.objects.get().state == DeliveryState.FAILED


def test_the_name_is_resolved_once_and_that_address_connected(
    client_owner, endpoint, receiver, monkeypatch
):
    """The Host header keeps the name while the connection goes to the checked address."""
    real = __import__("socket").getaddrinfo

    def resolve(host, port, *args, **kwargs):
        return real("127.0.0.1" if host == "hooks.example" else host, port, *args, **kwargs)

    monkeypatch.setattr("webhooks.addresses.socket.getaddrinfo", resolve)
    Endpoint.objects.filter(pk=endpoint.pk).update(url=receiver.url("hooks.example"))
    create_contact(client_owner)

    delivery.send([endpoint.pk])

    assert receiver.received[0]["headers"]["Host"] == f"hooks.example:{receiver.port}"
    assert receiver.received[0]["path"] == "/hook"


def test_an_endpoint_failing_for_three_days_is_switched_off_with_an_email(
    client_owner, owner, endpoint, receiver
):
    receiver.answers = [500]
    create_contact(client_owner)
    now = timezone.now()
    delivery.send([endpoint.pk], now)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is not None

    assert delivery.switch_off_failing(now + datetime.timedelta(days=2)) == []
    assert delivery.switch_off_failing(now + datetime.timedelta(days=3, minutes=1)) == [endpoint.pk]
    assert delivery.switch_off_failing(now + datetime.timedelta(days=3, minutes=2)) == []

    endpoint.refresh_from_db()
    assert not endpoint.enabled and endpoint.disabled_reason
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [owner.email]
    assert reverse("webhooks:endpoint", args=[endpoint.pk]) in mail.outbox[0].body
    page = client_owner.get(reverse("webhooks:endpoint", args=[endpoint.pk])).text
    assert 'id="switched-off"' in page
    # Nothing is sent to a switched-off endpoint: the waiting event failed, and the log says
    # why (then prune() removes it with the other old rows).
    assert delivery.send([endpoint.pk], now + datetime.timedelta(days=4)) == 0
    waiting = endpoint.deliveries.get()
    assert waiting.state == DeliveryState.FAILED
    assert waiting.error == "Not sent: the endpoint was switched off."

    client_owner.post(reverse("webhooks:enable", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.failing_since is None and not endpoint.disabled_reason
    # Switched on again, it gets what happens from now on, not the days-old event.
    assert delivery.send([endpoint.pk], now + datetime.timedelta(days=4)) == 0
    create_contact(client_owner, first_name="Berta")
    receiver.received.clear()
    assert delivery.send([endpoint.pk], now + datetime.timedelta(days=4)) == 1
    assert [r["body"]["data"]["first_name"] for r in receiver.received] == ["Berta"]


def test_a_success_ends_the_failing_streak(client_owner, endpoint, receiver):
    receiver.answers = [500]
    create_contact(client_owner)
    now = timezone.now()
    delivery.send([endpoint.pk], now)
    delivery.send([endpoint.pk], now + datetime.timedelta(minutes=5))

    endpoint.refresh_from_db()
    assert endpoint.failing_since is None
    assert delivery.switch_off_failing(now + datetime.timedelta(days=4)) == []


def test_the_readme_verification_rejects_old_and_forged_signatures():
    body = b'{"id":"x"}'
    header = delivery.signature("whsec_k", 1_000_000, body.decode())

    assert verify("whsec_k", header, body, now=1_000_100)
    assert not verify("whsec_k", header, body, now=1_000_000 + 301)
    assert not verify("whsec_other", header, body, now=1_000_100)
    assert not verify("whsec_k", header, b'{"id":"y"}', now=1_000_100)


def test_after_a_failure_the_endpoints_other_events_wait_without_using_an_attempt(
    client_owner, endpoint, receiver
):
    receiver.answers = [500]
    for name in ("Anna", "Ben", "Carla"):
        create_contact(client_owner, first_name=name)
    now = timezone.now()

    delivery.send([endpoint.pk], now)

    assert len(receiver.received) == 1
    rows = list(Delivery.objects.order_by("id").values_list("state", "attempts"))
    assert rows == [("pending", 1), ("pending", 0), ("pending", 0)]
    assert delivery.send([endpoint.pk], now) == 0
    assert delivery.send([endpoint.pk], now + datetime.timedelta(minutes=2)) == 3
    assert [r["body"]["data"]["first_name"] for r in receiver.received] == [
        "Anna",
        "Anna",
        "Ben",
        "Carla",
    ]


def test_the_beat_runs_the_delivery_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-webhooks-every-minute"]

    assert entry["task"] == tasks.DELIVER == tasks.deliver_webhooks.name


def test_a_run_with_a_newer_one_queued_behind_it_does_nothing(client_owner, endpoint, receiver):
    create_contact(client_owner)
    tasks.record_queued(sender=tasks.DELIVER, headers={"id": "newer"})

    assert tasks.deliver_webhooks.apply(task_id="older").get() == 0
    assert PeriodicRun.objects.get(task=tasks.DELIVER).ran_at is None
    assert tasks.deliver_webhooks.apply(task_id="newer").get() == 1
