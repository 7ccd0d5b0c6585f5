"""Entries a phone may send twice (queued offline, retried after a lost answer, two tabs)
carry an idempotency key, and each key is saved once."""

import uuid

import pytest

from contacts.models import Contact, Interaction, Submission
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


def test_a_quick_log_sent_twice_with_one_key_is_saved_once(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    data = {"kind": "coffee", "notes": "Keller", "idempotency_key": str(uuid.uuid4())}

    first = client_owner.post(f"/contacts/{anna.pk}/log/", data)
    second = client_owner.post(f"/contacts/{anna.pk}/log/", data)

    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == first.headers["Location"]
    assert Interaction.objects.count() == 1


def test_an_htmx_repeat_answers_without_content(client_owner, owner, htmx_headers):
    anna = make_contact(owner, first_name="Anna")
    data = {"kind": "call", "idempotency_key": str(uuid.uuid4())}
    client_owner.post(f"/contacts/{anna.pk}/log/", data)

    again = client_owner.post(f"/contacts/{anna.pk}/log/", data, **htmx_headers)

    assert again.status_code == 204
    assert Interaction.objects.count() == 1


def test_different_keys_are_different_entries(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    for _ in range(2):
        key = str(uuid.uuid4())
        client_owner.post(f"/contacts/{anna.pk}/log/", {"kind": "coffee", "idempotency_key": key})

    assert Interaction.objects.count() == 2


def test_a_new_contact_sent_twice_is_one_contact(client_owner, owner):
    data = {"first_name": "Nora", "last_name": "Neu", "category": "pinguin", "status": "active"}
    data["idempotency_key"] = str(uuid.uuid4())

    client_owner.post("/contacts/new/", data)
    client_owner.post("/contacts/new/", data)

    assert Contact.objects.for_owner(owner).count() == 1


def test_a_refused_form_keeps_no_key_so_the_corrected_one_is_saved(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    key = str(uuid.uuid4())

    refused = client_owner.post(f"/contacts/{anna.pk}/log/", {"idempotency_key": key})
    saved = client_owner.post(
        f"/contacts/{anna.pk}/log/", {"kind": "coffee", "idempotency_key": key}
    )

    assert (refused.status_code, saved.status_code) == (422, 302)
    assert Interaction.objects.count() == 1


def test_keys_are_per_user(client_owner, client_outsider, owner, outsider):
    key = str(uuid.uuid4())
    mine = make_contact(owner)
    theirs = make_contact(outsider)

    client_owner.post(f"/contacts/{mine.pk}/log/", {"kind": "coffee", "idempotency_key": key})
    client_outsider.post(f"/contacts/{theirs.pk}/log/", {"kind": "coffee", "idempotency_key": key})

    assert Interaction.objects.count() == 2
    assert Submission.objects.count() == 2


def test_a_broken_key_is_ignored_and_the_entry_saved(client_owner, owner):
    anna = make_contact(owner)

    answer = client_owner.post(
        f"/contacts/{anna.pk}/log/", {"kind": "coffee", "idempotency_key": "not-a-uuid"}
    )

    assert answer.status_code == 302
    assert Interaction.objects.count() == 1
