import pytest
from django.test import Client

from .factories import make_user


@pytest.fixture
def owner(db):
    return make_user("owner@example.com", first_name="Olga")


@pytest.fixture
def outsider(db):
    return make_user("outsider@example.com")


@pytest.fixture
def client_owner(owner) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def client_outsider(outsider) -> Client:
    client = Client()
    client.force_login(outsider)
    return client


@pytest.fixture
def htmx_headers() -> dict:
    return {"HTTP_HX_REQUEST": "true"}
