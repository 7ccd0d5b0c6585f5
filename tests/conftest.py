import os
from urllib.parse import urlsplit, urlunsplit

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
def fresh_cache():
    """allauth counts failed logins in the cache; such a test starts with a clean slate."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def htmx_headers() -> dict:
    return {"HTTP_HX_REQUEST": "true"}


def pytest_configure(config):
    from django.conf import settings

    # Full-strength password hashing costs half a second per user; tests need no security.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    # Parallel workers share one Redis server, and cache.clear() empties a whole Redis
    # database: give each worker its own database so one cannot wipe another's counters.
    cache = settings.CACHES["default"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    if cache["BACKEND"].endswith("RedisCache") and worker.startswith("gw"):
        url = urlsplit(cache["LOCATION"])
        base = int(url.path.strip("/") or 0)
        database = (base + int(worker[2:])) % 16
        cache["LOCATION"] = urlunsplit(url._replace(path=f"/{database}"))
