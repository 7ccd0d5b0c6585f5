import gc
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


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache, as it starts with an empty database. The rate
    limits count per client address in the cache (allauth's sign-up and login counters, the
    API throttle, CardDAV's failed logins), and every test client has the same address:
    sign-ups left by an earlier test on the same worker made a later test's three sign-ups
    answer 429, when the two happened to run within the same minute."""
    from django.core.cache import caches

    # The rendered template fragments too: a test's settings may change what they hold.
    for alias in ("default", "template_fragments"):
        caches[alias].clear()
    yield
    for alias in ("default", "template_fragments"):
        caches[alias].clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Once the test database is built, what is alive is kept for the whole session (Django's
    apps, URL resolvers, translation catalogues, the test items): set it aside from Python's
    full garbage collections, which otherwise walk all of it again every few thousand
    allocations, and the benchmark's tests ask for a full collection before each case."""
    gc.collect()
    gc.freeze()
    yield
    # A database connection that a finished thread or a replaced wrapper left behind is
    # closed only when its wrapper is collected (the wrapper refers to itself): collect before
    # the test database is dropped, which fails while any session is still open.
    gc.unfreeze()
    gc.collect()


@pytest.fixture
def htmx_headers() -> dict:
    return {"HTTP_HX_REQUEST": "true"}


# The longest tests start first, shared out over the workers. pytest-xdist's worksteal hands
# each worker one contiguous part of the tests in this order (the first worker the first
# half), and a worker that runs out takes the end of another's queue: so each part begins
# with its share of the long tests, which would otherwise all queue up on the first worker.
# Longest first, as the `--durations` list of a run tells (.ci/run prints the slowest).
RUN_FIRST = (
    "tests/test_hostile_input.py::test_no_page_or_form",
    "tests/reminders/test_scan_scale.py",
    "tests/reminders/test_integration_recovery.py",
    "tests/bench/test_benchmark_command.py",
    "tests/netzwerk/test_safe_next.py",
    "tests/contacts/carddav/test_vdirsyncer.py",
    "tests/api/test_schema.py",
    "tests/e2e/test_phone_layout_journeys.py::test_no_page_is_wider",
    "tests/test_docker_entrypoint.py",
    "tests/bench/test_http.py",
    "tests/reminders/test_integration_",
    "tests/webhooks/test_integration_worker.py",
    "tests/netzwerk/test_demo_data.py",
    "tests/api/test_query_counts.py",
    "tests/netzwerk/test_secrets.py",
    "tests/netzwerk/test_instance_backup.py",
)


def _start_order(item) -> int:
    for position, prefix in enumerate(RUN_FIRST):
        if item.nodeid.startswith(prefix):
            return position
    return len(RUN_FIRST)


def _parts(count: int, workers: int) -> list[int]:
    """The sizes of the parts worksteal first hands to idle workers, in its arithmetic."""
    sizes = []
    for taken in range(workers):
        sizes.append((count - sum(sizes)) // (workers - taken))
    return sizes


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected
def pytest_collection_modifyitems(config, items):
    items.sort(key=_start_order)  # stable: the rest keep their order
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    if workers < 2:
        return
    long = [item for item in items if _start_order(item) < len(RUN_FIRST)]
    rest = items[len(long) :]
    parts: list[list] = [[] for _ in range(workers)]
    for n, item in enumerate(long):
        parts[n % workers].append(item)
    for part, size in zip(parts, _parts(len(items), workers), strict=True):
        take = max(0, size - len(part))
        part.extend(rest[:take])
        rest = rest[take:]
    parts[-1].extend(rest)
    items[:] = [item for part in parts for item in part]


def _empty_tables_with_delete() -> None:
    """After each transactional test (browser journeys, integration tests) Django empties every
    table. On PostgreSQL it does so with TRUNCATE, which gives each of the tables and their
    indexes new files, synced to disk: seconds per test. A test leaves a few rows, which
    DELETE removes in milliseconds; the foreign keys are deferred, so the order is free."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        delete = f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')}"
        return [
            "SET CONSTRAINTS ALL DEFERRED;",
            *(f"{delete} {style.SQL_FIELD(self.quote_name(table))};" for table in tables),
        ]

    DatabaseOperations.sql_flush = sql_flush


def pytest_configure(config):
    from django.conf import settings

    # Full-strength password hashing costs half a second per user; tests need no security.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if settings.IS_POSTGRES:
        _empty_tables_with_delete()
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
