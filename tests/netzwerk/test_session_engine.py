"""With Redis, sessions are read from the cache and written through to the database
(settings.SESSION_ENGINE): a page reads no session row, and ending a session ends it."""

import importlib
from importlib import import_module

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netzwerk.account.deletion import end_sessions
from tests.netzwerk.test_sessions import (
    FIREFOX_ON_LINUX,
    SAFARI_ON_IPHONE,
    SESSIONS_URL,
    is_logged_in,
    log_in,
)

CACHED_DB = "netzwerk.session_store"


@pytest.fixture
def cached_sessions(settings):
    """The engine production uses with Redis; a local-memory cache stands in for Redis."""
    settings.SESSION_ENGINE = CACHED_DB
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "session-engine-tests",
        },
    }


@pytest.fixture
def laptop(owner, cached_sessions):
    return log_in(owner, FIREFOX_ON_LINUX, "198.51.100.1")


@pytest.fixture
def phone(owner, cached_sessions):
    return log_in(owner, SAFARI_ON_IPHONE, "203.0.113.9")


def session_store(key: str):
    return import_module(django_settings.SESSION_ENGINE).SessionStore(key)


@pytest.mark.parametrize(
    ("redis_url", "engine"),
    [("redis://127.0.0.1:6379/0", CACHED_DB), ("", "django.contrib.sessions.backends.db")],
)
def test_the_engine_reads_from_the_cache_only_where_redis_is_configured(
    monkeypatch, redis_url, engine
):
    import netzwerk.settings

    monkeypatch.setenv("REDIS_URL", redis_url)
    try:
        loaded = importlib.reload(netzwerk.settings).SESSION_ENGINE
        assert loaded == engine
    finally:
        monkeypatch.undo()
        importlib.reload(netzwerk.settings)


def test_a_signed_in_page_reads_no_session_row(laptop):
    laptop.get(reverse("contacts:list"))

    with CaptureQueriesContext(connection) as queries:
        assert laptop.get(reverse("contacts:list")).status_code == 200

    assert not [q for q in queries if "django_session" in q["sql"]]
    # The database keeps every session, for the sessions page.
    assert Session.objects.filter(session_key=laptop.session.session_key).exists()


def test_the_sessions_page_lists_both_devices(laptop, phone):
    page = laptop.get(SESSIONS_URL)

    assert "198.51.100.1" in page.text and "203.0.113.9" in page.text


def test_signing_out_one_device_ends_it(owner, laptop, phone):
    session = UserSession.objects.get(user=owner, user_agent=SAFARI_ON_IPHONE)

    laptop.post(reverse("end_session"), {"session": session.pk})

    assert not is_logged_in(phone)
    assert is_logged_in(laptop)


def test_signing_out_everywhere_ends_the_other_devices(laptop, phone):
    laptop.post(reverse("sign_out_everywhere"))

    assert not is_logged_in(phone)
    assert is_logged_in(laptop)


def test_ending_all_sessions_of_an_account_removes_their_cached_copies(owner, laptop, phone):
    keys = [laptop.session.session_key, phone.session.session_key]
    assert all(session_store(key).exists(key) for key in keys)

    assert end_sessions(owner) == 2

    assert not any(session_store(key).exists(key) for key in keys)


def test_signed_in_pages_keep_working_while_redis_is_unreachable(laptop, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,  # the template fragments stay in the process's memory
        "default": {  # nothing listens on port 9: every cache call fails to connect
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        },
    }
    response = laptop.get(reverse("contacts:list"))

    assert response.status_code == 200
    assert "unreachable" in caplog.text
