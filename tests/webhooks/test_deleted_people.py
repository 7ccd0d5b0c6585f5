"""A delivery still waiting for its retry when the person it is about is deleted, forgotten
or goes with the account never sends their name afterwards: each attempt builds its body
from the rows as they are then, and nothing about a person waits in the outbox."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone

from tests.factories import make_contact, make_follow_up, make_interaction
from webhooks import delivery
from webhooks.models import Delivery

LATER = datetime.timedelta(minutes=5)


def texts(receiver) -> list[str]:
    return [json.dumps(request["body"], ensure_ascii=False) for request in receiver.received]


def test_a_retry_after_the_contact_was_deleted_says_only_deleted(
    client_owner, owner, endpoint, receiver
):
    anna = make_contact(owner, first_name="Anna", last_name="Weber")
    follow_up = make_follow_up(anna, 0, note="Angebot an Anna")
    follow_up.mark_done(timezone.localdate())
    Delivery.objects.create(
        owner=owner, endpoint=endpoint, event_id="done-1", event="followup.done",
        object_id=follow_up.pk,
    )  # fmt: skip
    receiver.answers = [500, 500]
    now = timezone.now()
    delivery.send([endpoint.pk], now)
    delivery.send([endpoint.pk], now + LATER)  # the other one, after the first failure
    assert all("Anna" in text for text in texts(receiver))

    client_owner.post(reverse("contacts:delete", args=[anna.pk]))
    assert delivery.send([endpoint.pk], now + 3 * LATER) == 2

    retries = [request["body"] for request in receiver.received[2:]]
    assert sorted(r["type"] for r in retries) == ["contact.created", "followup.done"]
    assert {json.dumps(r["data"], sort_keys=True) for r in retries} == {
        json.dumps({"deleted": True, "id": anna.pk}, sort_keys=True),
        json.dumps({"deleted": True, "id": follow_up.pk}, sort_keys=True),
    }
    assert not any("Anna" in text or "Weber" in text for text in texts(receiver)[2:])
    assert all(request["signed"] for request in receiver.received)


def test_forgetting_a_person_leaves_them_out_of_a_waiting_interaction(
    client_owner, owner, endpoint, receiver
):
    anna = make_contact(owner, first_name="Anna", last_name="Weber")
    ben = make_contact(owner, first_name="Ben", last_name="Kurz")
    make_interaction(anna, others=[ben])
    Delivery.objects.exclude(event="interaction.logged").delete()
    receiver.answers = [500]
    now = timezone.now()
    delivery.send([endpoint.pk], now)
    first = receiver.received[0]["body"]["data"]["contacts"]
    assert sorted(person["name"] for person in first) == ["Anna Weber", "Ben Kurz"]

    client_owner.post(reverse("data:forget", args=[anna.pk]), {"keep_hashes": ""})
    assert delivery.send([endpoint.pk], now + LATER) == 1

    retry = receiver.received[1]["body"]
    assert retry["id"] == receiver.received[0]["body"]["id"]
    assert retry["data"]["contacts"] == [{"id": ben.pk, "name": "Ben Kurz"}]
    assert "Anna" not in texts(receiver)[1]


def test_a_deleted_account_sends_nothing_more(client_owner, owner, endpoint, receiver):
    make_contact(owner, first_name="Anna", last_name="Weber")
    receiver.answers = [500]
    now = timezone.now()
    delivery.send([endpoint.pk], now)

    client_owner.post(reverse("data:delete_account"), {"password": "a-Good-passw0rd"})

    assert not Delivery.objects.exists()
    assert delivery.send([endpoint.pk], now + LATER) == 0
    assert len(receiver.received) == 1


def test_nothing_about_a_person_waits_in_the_outbox(owner, endpoint, receiver):
    make_contact(owner, first_name="Anna", last_name="Weber")
    receiver.answers = [500]

    delivery.send([endpoint.pk])

    row = Delivery.objects.values().get()
    assert row["state"] == "pending" and row["attempts"] == 1
    assert not any("Anna" in str(value) for value in row.values())
