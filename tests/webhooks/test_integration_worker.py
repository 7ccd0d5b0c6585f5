"""A real Celery worker with its beat, on a real Redis, delivers a webhook to a local
receiver: signed, and exactly once however many runs of the minute follow."""

import time

import pytest

from tests.factories import make_contact
from tests.reminders.integration import wait_for
from webhooks.models import Delivery, DeliveryState

from .conftest import make_endpoint

pytestmark = pytest.mark.integration


def test_the_beat_and_worker_deliver_contact_created_once_and_signed(
    owner, receiver, allow_private, workers
):
    endpoint = make_endpoint(owner, receiver.url(), ["contact.created"])
    receiver.secret = endpoint.secret
    # The beat queues every periodic task each second; the receiver is on 127.0.0.1, which
    # the operator allows the worker with WEBHOOKS_ALLOW_PRIVATE.
    worker = workers(beat=True, BEAT_EVERY_SECONDS="1", WEBHOOKS_ALLOW_PRIVATE="true")

    anna = make_contact(owner, first_name="Anna", last_name="Weber")

    wait_for(lambda: receiver.received, timeout=90, what="the webhook")
    # Several more runs of the delivery come and go.
    time.sleep(4)
    assert len(receiver.received) == 1, worker.output()[-3000:]
    (request,) = receiver.received
    assert request["signed"]
    assert request["body"]["type"] == "contact.created"
    assert request["body"]["data"]["id"] == anna.pk
    assert request["body"]["data"]["name"] == "Anna Weber"
    assert request["headers"]["Netzwerk-Event-Id"] == request["body"]["id"]
    row = Delivery.objects.get()
    assert (row.state, row.attempts, row.status_code) == (DeliveryState.SENT, 1, 200)
