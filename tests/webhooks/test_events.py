"""Each event comes from what the user really does (a page's POST, the nudge scan), once per
endpoint that wants it, in the change's transaction: a rolled-back change sends nothing."""

import datetime
import zoneinfo

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from reminders import tasks as reminder_tasks
from tests.contacts.imports import commit, made, upload
from tests.factories import make_contact, make_follow_up, make_tag
from webhooks import delivery, tasks
from webhooks.models import Delivery

from .conftest import make_endpoint


def events() -> list[tuple[str, int]]:
    return list(Delivery.objects.order_by("id").values_list("event", "object_id"))


@pytest.fixture
def anna(owner):
    return make_contact(owner, first_name="Anna", last_name="Weber")


@pytest.fixture
def hooked(endpoint):
    """The owner's endpoint, with what the test's setup recorded cleared: only the action
    under test counts."""
    Delivery.objects.all().delete()
    return endpoint


def start() -> None:
    Delivery.objects.all().delete()


def test_creating_a_contact_is_contact_created(client_owner, endpoint):
    client_owner.post(
        reverse("contacts:create"),
        {"first_name": "Ben", "category": "pinguin", "status": "active"},
    )

    assert events() == [("contact.created", Contact.objects.get().pk)]


def test_editing_a_contact_is_contact_updated(client_owner, anna, hooked):
    client_owner.post(
        reverse("contacts:edit", args=[anna.pk]),
        {"first_name": "Anna", "last_name": "Wolf", "category": "einhorn", "status": "active"},
    )

    assert events() == [("contact.updated", anna.pk)]


def test_switching_the_category_is_contact_updated(client_owner, anna, hooked):
    client_owner.post(reverse("contacts:category", args=[anna.pk]), {"category": "flamingo"})

    assert events() == [("contact.updated", anna.pk)]


def test_a_bulk_action_on_the_desk_is_one_event_per_contact(client_owner, owner, endpoint):
    ticked = [make_contact(owner) for _ in range(3)]
    make_contact(owner)
    start()

    client_owner.post(
        reverse("contacts:bulk"),
        {"action": "category:flamingo", "contacts": [c.pk for c in ticked]},
    )

    assert sorted(events()) == sorted(("contact.updated", c.pk) for c in ticked)


def test_bulk_tagging_is_an_event_for_each_contact_that_changed(client_owner, owner, endpoint):
    tag = make_tag(owner, "Messe")
    tagged, untagged = make_contact(owner), make_contact(owner)
    tagged.tags.add(tag)
    start()

    client_owner.post(
        reverse("contacts:bulk"),
        {"action": "tag:add", "tag": "Messe", "contacts": [tagged.pk, untagged.pk]},
    )
    client_owner.post(
        reverse("contacts:bulk"), {"action": "tag:remove", "tag": "Messe", "contacts": [tagged.pk]}
    )

    assert events() == [("contact.updated", untagged.pk), ("contact.updated", tagged.pk)]


def test_an_import_is_contact_created_for_each_new_contact(
    client_owner, owner, endpoint, tasks_run
):
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{last};{first};;;\r\nFN:{first} {last}\r\nEND:VCARD\r\n"
        for first, last in [("Carla", "Kurz"), ("Daniel", "Lang")]
    )
    _response, batch = upload(client_owner, tasks_run, made("people.vcf", cards))
    batch.refresh_from_db()

    commit(client_owner, tasks_run, batch)

    created = set(Contact.objects.for_owner(owner).values_list("pk", flat=True))
    assert len(created) == 2
    assert sorted(events()) == sorted(("contact.created", pk) for pk in created)


def test_logging_an_interaction_is_interaction_logged(client_owner, anna, hooked, receiver):
    client_owner.post(reverse("contacts:log", args=[anna.pk]), {"kind": "coffee", "notes": "Hi"})

    ((event, interaction_id),) = events()
    assert event == "interaction.logged"
    delivery.send([hooked.pk])
    data = receiver.received[0]["body"]["data"]
    assert data["id"] == interaction_id and data["kind"] == "coffee"
    assert data["contacts"] == [{"id": anna.pk, "name": "Anna Weber"}]


def test_marking_a_follow_up_done_is_followup_done_once(
    client_owner, anna, endpoint, receiver, tasks_run
):
    follow_up = make_follow_up(anna, 0, note="Angebot schicken")
    start()
    client_owner.post(reverse("reminders:followup_done", args=[follow_up.pk]))

    tasks_run(tasks.deliver_webhooks)
    tasks_run(tasks.deliver_webhooks)

    assert [r["body"]["type"] for r in receiver.received] == ["followup.done"]
    assert receiver.received[0]["body"]["data"]["note"] == "Angebot schicken"
    assert receiver.received[0]["signed"]


def test_a_nudge_made_by_the_scan_is_nudge_due_once(owner, endpoint, anna, receiver, tasks_run):
    Delivery.objects.all().delete()
    make_follow_up(anna, 0, note="Anrufen")
    # The scan runs in the user's daytime (Berlin), after the endpoint was registered.
    morning = datetime.datetime.combine(
        timezone.localdate(), datetime.time(10), tzinfo=zoneinfo.ZoneInfo("Europe/Berlin")
    )
    type(endpoint).objects.filter(pk=endpoint.pk).update(
        created_at=morning - datetime.timedelta(days=1)
    )
    reminder_tasks.scan_nudges(morning.isoformat())

    tasks_run(tasks.deliver_webhooks, morning.isoformat())
    tasks_run(tasks.deliver_webhooks, (morning + datetime.timedelta(minutes=1)).isoformat())

    nudges = [r["body"] for r in receiver.received if r["body"]["data"]["kind"] == "followup"]
    assert len(nudges) == 1 and nudges[0]["type"] == "nudge.due"
    assert nudges[0]["data"]["contact_id"] == anna.pk
    assert len(set(receiver.event_ids)) == len(receiver.received)


def test_a_rolled_back_change_records_no_event(client_owner, anna, hooked):
    with transaction.atomic():
        client_owner.post(reverse("contacts:log", args=[anna.pk]), {"kind": "coffee"})
        client_owner.post(reverse("contacts:category", args=[anna.pk]), {"category": "einhorn"})
        assert len(events()) == 2
        transaction.set_rollback(True)

    assert events() == []


def test_only_the_events_an_endpoint_chose_and_only_while_it_is_on(
    client_owner, owner, anna, allow_private
):
    interactions_only = make_endpoint(owner, "http://127.0.0.1/a", ["interaction.logged"])
    make_endpoint(owner, "http://127.0.0.1/b", ["interaction.logged"], enabled=False)

    client_owner.post(reverse("contacts:category", args=[anna.pk]), {"category": "einhorn"})
    client_owner.post(reverse("contacts:log", args=[anna.pk]), {"kind": "call"})

    assert list(Delivery.objects.values_list("endpoint_id", "event")) == [
        (interactions_only.pk, "interaction.logged")
    ]


def test_two_endpoints_get_the_same_event_id(client_owner, owner, anna, allow_private):
    make_endpoint(owner, "http://127.0.0.1/a")
    make_endpoint(owner, "http://127.0.0.1/b")

    client_owner.post(reverse("contacts:log", args=[anna.pk]), {"kind": "call"})

    assert Delivery.objects.count() == 2
    assert len(set(Delivery.objects.values_list("event_id", flat=True))) == 1


def test_another_users_changes_reach_no_endpoint_of_mine(client_outsider, endpoint):
    client_outsider.post(
        reverse("contacts:create"),
        {"first_name": "Mallory", "category": "pinguin", "status": "active"},
    )

    assert events() == []


def test_a_triage_that_keeps_the_pinguin_is_no_update(client_owner, owner, endpoint):
    pinguin = make_contact(owner, category="pinguin")
    start()

    client_owner.post(reverse("contacts:triage_contact", args=[pinguin.pk]), {"choice": "pinguin"})

    assert events() == []
