"""A POST retried with the same Idempotency-Key makes one object and gets the first answer."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from api.models import ApiToken, IdempotentRequest, Scope
from api.tasks import forget_expired_idempotency_keys
from contacts.models import Tag

from .conftest import ApiClient


@pytest.mark.django_db
def test_the_same_key_twice_makes_one_row_and_the_same_answer(owner, owner_api):
    first = owner_api.post("/api/v1/tags/", {"name": "Design"}, HTTP_IDEMPOTENCY_KEY="k-1")
    again = owner_api.post("/api/v1/tags/", {"name": "Design"}, HTTP_IDEMPOTENCY_KEY="k-1")

    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Idempotent-Replayed"] == "true"
    assert Tag.objects.for_owner(owner).count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_422(owner, owner_api):
    owner_api.post("/api/v1/tags/", {"name": "Design"}, HTTP_IDEMPOTENCY_KEY="k-1")

    other = owner_api.post("/api/v1/tags/", {"name": "Buchclub"}, HTTP_IDEMPOTENCY_KEY="k-1")

    assert other.status_code == 422
    assert list(Tag.objects.for_owner(owner).values_list("name", flat=True)) == ["Design"]


@pytest.mark.django_db
def test_keys_are_per_user(owner, outsider, owner_api, outsider_api):
    owner_api.post("/api/v1/tags/", {"name": "Design"}, HTTP_IDEMPOTENCY_KEY="k-1")

    theirs = outsider_api.post("/api/v1/tags/", {"name": "Design"}, HTTP_IDEMPOTENCY_KEY="k-1")

    assert theirs.status_code == 201
    assert Tag.objects.for_owner(outsider).count() == 1


@pytest.mark.django_db
def test_a_refused_request_leaves_the_key_free_for_the_corrected_one(owner, owner_api):
    refused = owner_api.post("/api/v1/contacts/", {}, HTTP_IDEMPOTENCY_KEY="k-2")
    corrected = owner_api.post(
        "/api/v1/contacts/", {"first_name": "Anna"}, HTTP_IDEMPOTENCY_KEY="k-2"
    )

    assert refused.status_code == 422
    assert corrected.status_code == 201


@pytest.mark.django_db
def test_a_key_older_than_a_day_is_forgotten(owner, owner_api):
    import datetime

    owner_api.post("/api/v1/tags/", {"name": "Design"}, HTTP_IDEMPOTENCY_KEY="k-1")
    IdempotentRequest.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))

    again = owner_api.post("/api/v1/tags/", {"name": "Buchclub"}, HTTP_IDEMPOTENCY_KEY="k-1")

    assert again.status_code == 201


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_with_one_key_at_once_make_one_row(owner):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises the two requests")
    token = ApiToken.create_for(owner, "Skript", Scope.WRITE)[1]
    barrier = threading.Barrier(4)
    answers = []

    def send():
        barrier.wait()
        response = ApiClient(token).post(
            "/api/v1/contacts/", {"first_name": "Anna"}, HTTP_IDEMPOTENCY_KEY="same"
        )
        answers.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert owner.contacts.count() == 1
    assert answers.count(201) >= 1
    assert set(answers) <= {201, 409}


@pytest.mark.django_db
def test_the_daily_task_forgets_keys_older_than_a_day_and_keeps_fresh_ones(
    owner, outsider, owner_api, outsider_api
):
    owner_api.post("/api/v1/tags/", {"name": "Alt"}, HTTP_IDEMPOTENCY_KEY="old")
    outsider_api.post("/api/v1/tags/", {"name": "Alt"}, HTTP_IDEMPOTENCY_KEY="old")
    owner_api.post("/api/v1/tags/", {"name": "Frisch"}, HTTP_IDEMPOTENCY_KEY="fresh")
    day_ago = timezone.now() - timedelta(hours=24, minutes=1)
    IdempotentRequest.objects.filter(key="old").update(created_at=day_ago)

    assert forget_expired_idempotency_keys() == 2

    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["fresh"]
    # The fresh key still answers a retry with the first answer.
    again = owner_api.post("/api/v1/tags/", {"name": "Frisch"}, HTTP_IDEMPOTENCY_KEY="fresh")
    assert again["Idempotent-Replayed"] == "true"
    assert forget_expired_idempotency_keys() == 0
