"""A user without endpoints pays no query for webhooks when a contact is saved or an
interaction logged; registering one is noticed at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_contact, make_interaction, make_user
from webhooks import hooked
from webhooks.models import Delivery, Endpoint

from .conftest import make_endpoint


@pytest.fixture
def shared_cache(monkeypatch):
    """The cache as production has it: one for every process (Redis). The test's local-memory
    cache serves as one here, as the test is a single process. It starts empty: what the
    fixtures before it left there is forgotten."""
    monkeypatch.setattr(hooked, "cache_is_shared", lambda: True)
    cache.clear()


def webhook_queries(action) -> list[str]:
    """The queries of `action` that read or write the webhooks' tables."""
    with CaptureQueriesContext(connection) as queries:
        action()
    return [q["sql"] for q in queries.captured_queries if '"webhooks_' in q["sql"]]


@pytest.fixture
def anna(owner):
    return make_contact(owner, first_name="Anna")


def test_saving_a_contact_without_endpoints_costs_no_webhook_query(owner, anna, shared_cache):
    assert len(webhook_queries(anna.save)) == 1  # the first save of the day asks once

    anna.company = "Weber Design"
    assert webhook_queries(anna.save) == []
    assert webhook_queries(lambda: make_interaction(anna)) == []
    assert not Delivery.objects.exists()


def test_saving_a_contact_with_an_endpoint_looks_it_up_and_records_the_event(
    owner, anna, shared_cache, allow_private
):
    make_endpoint(owner, "http://127.0.0.1/hook")
    anna.save()
    Delivery.objects.all().delete()

    anna.company = "Weber Design"
    # The endpoints wanting the event, the outbox row.
    assert len(webhook_queries(anna.save)) == 2
    assert Delivery.objects.get().event == "contact.updated"


def test_an_endpoint_registered_after_none_was_remembered_gets_the_next_event(
    client_owner, owner, anna, shared_cache, allow_private
):
    anna.save()
    assert not hooked.has_endpoints(owner.pk)

    client_owner.post(
        reverse("webhooks:endpoints"),
        {"url": "http://127.0.0.1/hook", "events": ["interaction.logged"]},
    )
    client_owner.post(reverse("contacts:log", args=[anna.pk]), {"kind": "coffee"})

    assert list(Delivery.objects.values_list("event", flat=True)) == ["interaction.logged"]


def test_an_answer_read_before_a_new_endpoint_cannot_hide_it_afterwards(
    owner, anna, shared_cache, allow_private, monkeypatch
):
    class Racing:
        """The endpoints as a request read them just before another one added one."""

        def filter(self, **lookups):
            return self

        def exists(self):
            make_endpoint(owner, "http://127.0.0.1/hook")
            return False

    monkeypatch.setattr(hooked, "Endpoint", type("E", (), {"objects": Racing()}))
    assert hooked.has_endpoints(owner.pk) is False
    monkeypatch.undo()
    monkeypatch.setattr(hooked, "cache_is_shared", lambda: True)

    anna.save()

    assert Delivery.objects.get().event == "contact.updated"


def test_deleting_the_last_endpoint_ends_the_events(
    client_owner, owner, anna, shared_cache, allow_private
):
    endpoint = make_endpoint(owner, "http://127.0.0.1/hook")
    client_owner.post(reverse("webhooks:delete", args=[endpoint.pk]))
    assert not Endpoint.objects.exists()

    anna.save()

    assert not Delivery.objects.exists()


def test_without_a_shared_cache_every_save_looks_in_the_database(owner, anna, settings):
    # The quick start's local-memory cache is one per process: a worker's "none" could hide
    # an endpoint the web process just saved.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert len(webhook_queries(anna.save)) == 1
    assert len(webhook_queries(anna.save)) == 1


def test_a_new_user_pays_no_webhook_query_from_the_first_contact(db, shared_cache):
    # Query counts stay the same from a user's first save on (none asks the database).
    user = make_user("neu@example.com")

    assert webhook_queries(lambda: make_contact(user)) == []
    assert webhook_queries(lambda: make_contact(user)) == []
