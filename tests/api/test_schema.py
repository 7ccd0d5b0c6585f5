"""schemathesis against the live schema with a read-write token: for every operation, no
answer is a server error and every answer matches the schema.

A few examples per operation with a fixed seed keep the run short and the same every time;
the owner has one object of every kind, so ids in paths sometimes find one.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from ninja.main import NinjaAPI
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.endpoints import api
from api.models import ApiToken, Scope
from tests.test_isolation import build_owned_objects

# What the API promises: no server error, and every answer (status, type, body) as the schema
# says. (schemathesis' other checks also expect, e.g., any string to be a valid cursor.)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = settings(
    max_examples=4,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.django_db
def test_every_operation_answers_as_its_schema_says(owner, settings):
    # The throttle is tested on its own; here it would only turn answers into 429s.
    settings.API_THROTTLE_RATE = "100000/m"
    build_owned_objects(owner)
    token = ApiToken.create_for(owner, "fuzz", Scope.WRITE)[1]
    # The WSGI transport does not decompress; the answers are checked as sent.
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
    # As Django's test client does: the end of a request must not close the test's database
    # connection (on PostgreSQL that would end the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        failures, tested = _run(headers)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert tested > 50
    assert failures == {}, "\n\n".join(f"{k}: {v}" for k, v in failures.items())


def _run(headers: dict) -> tuple[dict, int]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    failures, tested = {}, 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @EXAMPLES
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        tested += 1
        try:
            check()
        # Every operation is tried; the failures are listed together.
        except (Exception, BaseExceptionGroup) as error:
            failures[operation.label] = str(error)[:2000]
    return failures, tested


@pytest.mark.django_db
def test_the_schema_is_built_once_and_served_the_same_to_everyone(
    client_owner, client_outsider, monkeypatch
):
    """Building it walks every operation; the docs page loads it each time."""
    built = []
    build = NinjaAPI.get_openapi_schema
    monkeypatch.setattr(api, "_schemas", {})
    monkeypatch.setattr(
        NinjaAPI, "get_openapi_schema", lambda self, **kw: built.append(1) or build(self, **kw)
    )
    url = reverse("api:openapi-json")

    first = client_owner.get(url)
    again = client_owner.get(url)
    other = client_outsider.get(url)

    assert first.status_code == again.status_code == other.status_code == 200
    assert first.json() == again.json() == other.json()
    assert "/api/v1/contacts/" in first.json()["paths"]
    assert len(built) == 1
