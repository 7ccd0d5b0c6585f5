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


# The longest tests start first: pytest-xdist hands the tests out in this order, so the two
# workers end together instead of one waiting for the other's last long test. The slowest
# tests of a run are in its `--durations` list (.ci/run prints them).
RUN_FIRST = (
    "tests/reminders/test_integration_recovery.py",
    "tests/test_hostile_input.py::test_no_page_or_form",
    "tests/reminders/test_scan_scale.py",
    "tests/reminders/test_integration_",
    "tests/contacts/carddav/test_vdirsyncer.py",
    "tests/bench/test_benchmark_command.py",
    "tests/test_docker_entrypoint.py",
    "tests/netzwerk/test_secrets.py",
    "tests/netzwerk/test_instance_backup.py",
    "tests/netzwerk/test_safe_next.py",
)


def _start_order(item) -> int:
    for position, prefix in enumerate(RUN_FIRST):
        if item.nodeid.startswith(prefix):
            return position
    return len(RUN_FIRST)


def pytest_collection_modifyitems(items):
    items.sort(key=_start_order)  # stable: the rest keep their order


def pytest_configure(config):
    from django.conf import settings

    # Full-strength password hashing costs half a second per user; tests need no security.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The query counts the page tests state include the session's, with or without Redis;
    # tests/netzwerk/test_session_engine.py covers the cache-backed engine Redis brings.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"

    # Parallel workers share one Redis server, and cache.clear() empties a whole Redis
    # database: give each worker its own database so one cannot wipe another's counters.
    cache = settings.CACHES["default"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    if cache["BACKEND"].endswith("RedisCache") and worker.startswith("gw"):
        url = urlsplit(cache["LOCATION"])
        base = int(url.path.strip("/") or 0)
        database = (base + int(worker[2:])) % 16
        cache["LOCATION"] = urlunsplit(url._replace(path=f"/{database}"))
