"""What the REST API writes sends the same events as the pages (the API saves through the
same forms and models), and a retried idempotent POST sends one event."""

import pytest

from api.models import ApiToken, Scope
from contacts.models import Contact, Interaction
from tests.api.conftest import ApiClient
from webhooks.models import Delivery


@pytest.fixture
def owner_api(owner) -> ApiClient:
    return ApiClient(ApiToken.create_for(owner, "Skript", Scope.WRITE)[1])


def test_a_contact_created_through_the_api_is_contact_created_once(owner, owner_api, endpoint):
    body = {"first_name": "Anna", "last_name": "Berg", "category": "einhorn"}

    for _retry in range(2):
        response = owner_api.post("/api/v1/contacts/", body, HTTP_IDEMPOTENCY_KEY="k-1")
        assert response.status_code == 201

    contact = Contact.objects.get(owner=owner)
    assert list(Delivery.objects.values_list("event", "object_id")) == [
        ("contact.created", contact.pk)
    ]


def test_an_interaction_logged_through_the_api_is_interaction_logged(owner, owner_api, endpoint):
    contact = Contact.objects.create(owner=owner, first_name="Ben")
    Delivery.objects.all().delete()

    owner_api.post(
        "/api/v1/interactions/", {"kind": "coffee", "date": "2026-11-30", "contacts": [contact.pk]}
    )

    assert list(Delivery.objects.values_list("event", "object_id")) == [
        ("interaction.logged", Interaction.objects.get().pk)
    ]
