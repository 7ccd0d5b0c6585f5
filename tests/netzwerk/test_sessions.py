"""Sessions: seeing them, ending one, ending all ("sign out everywhere")."""

import time

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netzwerk.models import User
from netzwerk.sessions import live_sessions
from reminders.tokens import unsubscribe_token


def is_logged_in(client: Client) -> bool:
    return client.get(reverse("contacts:list")).status_code == 200


def test_signing_out_everywhere_ends_sessions_and_moves_the_calendar_feed(owner, client_owner):
    feed = reverse("reminders:calendar_feed", args=[owner.calendar_token])
    assert client_owner.get(feed).status_code == 200

    User.objects.get(pk=owner.pk).sign_out_everywhere()

    assert not is_logged_in(client_owner)
    assert SESSION_KEY not in client_owner.session
    assert Client().get(feed).status_code == 404


SESSIONS_URL = reverse("usersessions_list")
PASSWORD = "a-Good-passw0rd"


def log_in(owner, user_agent: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def laptop(owner) -> Client:
    return log_in(owner, FIREFOX_ON_LINUX, "198.51.100.1")


@pytest.fixture
def phone(owner) -> Client:
    return log_in(owner, SAFARI_ON_IPHONE, "203.0.113.9")


def test_the_sessions_page_lists_device_address_and_last_seen(owner, laptop, phone):
    page = laptop.get(SESSIONS_URL)

    assert page.status_code == 200
    # The browser and device as a person says them (in their language), not the raw string.
    on = {"de": "auf", "en": "on"}[owner.language]
    assert f">Firefox {on} Linux<" in page.text and "198.51.100.1" in page.text
    assert f">Mobile Safari {on} iPhone (iOS)<" in page.text and "203.0.113.9" in page.text
    assert page.text.count('action="/accounts/sessions/') == 3  # two devices, everywhere


def test_signing_out_one_device_ends_only_that_session(owner, laptop, phone):
    session = UserSession.objects.get(user=owner, user_agent=SAFARI_ON_IPHONE)

    response = laptop.post(reverse("end_session"), {"session": session.pk})

    assert response.status_code == 302
    assert not is_logged_in(phone)
    assert is_logged_in(laptop)


def test_signing_out_this_browser_from_the_list_logs_it_out(owner, laptop):
    session = UserSession.objects.get(user=owner)

    response = laptop.post(reverse("end_session"), {"session": session.pk})

    assert response.url == reverse("account_login")
    assert not is_logged_in(laptop)


def test_another_users_session_is_a_404(owner, outsider, laptop):
    theirs = log_in(outsider, "Chrome", "192.0.2.5")
    session = UserSession.objects.get(user=outsider)

    assert laptop.post(reverse("end_session"), {"session": session.pk}).status_code == 404
    assert laptop.post(reverse("end_session"), {"session": "x'1"}).status_code == 404
    assert is_logged_in(theirs)


def test_the_buttons_take_post_only(laptop):
    assert laptop.get(reverse("sign_out_everywhere")).status_code == 405


def test_sign_out_everywhere_keeps_this_browser_and_ends_the_rest(owner, laptop, phone):
    old_feed = reverse("reminders:calendar_feed", args=[owner.calendar_token])
    old_link = reverse("reminders:unsubscribe", args=["digest", unsubscribe_token(owner, "digest")])

    response = laptop.post(reverse("sign_out_everywhere"))

    assert response.url == SESSIONS_URL
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert list(UserSession.objects.filter(user=owner).values_list("user_agent", flat=True)) == [
        FIREFOX_ON_LINUX
    ]
    assert Client().get(old_feed).status_code == 404
    assert Client().post(old_link).status_code == 400


def test_a_login_gets_a_new_session_key(owner):
    client = Client()
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key

    client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})

    assert client.session.session_key != before
    assert client.session.get(SESSION_KEY) == str(owner.pk)


def test_the_session_lifetime_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_AGE", "3600")
    import importlib

    import netzwerk.settings

    try:
        assert importlib.reload(netzwerk.settings).SESSION_COOKIE_AGE == 3600
    finally:
        monkeypatch.delenv("SESSION_COOKIE_AGE")
        importlib.reload(netzwerk.settings)


def queries_for_the_sessions_page(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SESSIONS_URL).status_code == 200
    return len(queries)


def test_the_sessions_page_costs_the_same_for_two_sessions_or_eight(owner, laptop, phone):
    laptop.get(SESSIONS_URL)
    two = queries_for_the_sessions_page(laptop)
    for n in range(6):
        log_in(owner, f"Browser {n}", f"192.0.2.{n}")
    laptop.get(SESSIONS_URL)

    assert queries_for_the_sessions_page(laptop) == two


def test_a_session_ended_by_a_new_password_leaves_the_list(owner, laptop, phone):
    user = User.objects.get(pk=owner.pk)
    user.set_password("Ein-neues-Passw0rt")
    user.save()

    page = Client(HTTP_USER_AGENT="Neu").post(
        reverse("account_login"), {"login": owner.email, "password": "Ein-neues-Passw0rt"}
    )
    assert page.status_code == 302
    assert list(live_sessions(user)) == [UserSession.objects.get(user=owner, user_agent="Neu")]
    assert UserSession.objects.filter(user=owner).count() == 1


def test_last_seen_is_recorded_every_few_minutes_not_on_every_request(owner, laptop, monkeypatch):
    session = UserSession.objects.get(user=owner)
    laptop.get(reverse("contacts:list"))
    assert UserSession.objects.get(pk=session.pk).last_seen_at == session.last_seen_at

    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    laptop.get(reverse("contacts:list"), REMOTE_ADDR="198.51.100.77")

    assert UserSession.objects.get(pk=session.pk).ip == "198.51.100.77"
