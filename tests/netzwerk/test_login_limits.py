"""Every login is throttled: the app's, the admin's (through the app's), behind proxies too."""

import time
from types import SimpleNamespace

import pytest
from allauth.core.internal import ratelimit
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from netzwerk.models import User

LOGIN_URL = reverse("account_login")
PASSWORD = "a-Good-passw0rd"
WRONG = "falsch-falsch-1"


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_superuser("admin@example.com", PASSWORD)


def admin_log_in(client: Client, email: str, password: str, **extra):
    """What a browser does on /admin/: follow to the login page and post the form there."""
    page = client.get("/admin/login/?next=/admin/", follow=True)
    login_url = page.redirect_chain[-1][0]
    return client.post(login_url, {"login": email, "password": password}, **extra)


def test_the_admin_login_is_the_apps_login_page(client, db):
    response = client.get("/admin/login/?next=/admin/netzwerk/user/")

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next=%2Fadmin%2Fnetzwerk%2Fuser%2F"


def test_the_admin_takes_no_password_of_its_own(client, staff):
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_staff_reach_the_admin_through_the_apps_login(client, staff):
    response = admin_log_in(client, staff.email, PASSWORD)

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_refuses_even_the_right_password_after_five_failures(client, staff):
    for _ in range(5):
        admin_log_in(client, staff.email, WRONG)

    response = admin_log_in(client, staff.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")

    assert SESSION_KEY not in client.session
    assert "Too many failed login attempts" in response.text
    assert client.get("/admin/").status_code == 302


def test_the_limit_is_a_window_not_a_permanent_lock(client, staff, monkeypatch):
    for _ in range(5):
        admin_log_in(client, staff.email, WRONG)

    # Five minutes later the failures have left the window; the right password works.
    later = time.time() + 301

    clock = SimpleNamespace(time=lambda: later, monotonic=time.monotonic, sleep=time.sleep)
    monkeypatch.setattr(ratelimit, "time", clock)
    response = admin_log_in(client, staff.email, PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_signed_in_user_without_staff_rights_gets_403_not_a_redirect_loop(client_owner):
    assert client_owner.get("/admin/login/?next=/admin/").status_code == 403


def test_signed_in_staff_go_on_to_the_admin(client, staff):
    client.force_login(staff)

    response = client.get("/admin/login/?next=/admin/netzwerk/user/")

    assert response.url == "/admin/netzwerk/user/"


def fail_for_ten_accounts(client: Client, **headers) -> None:
    for n in range(10):
        client.post(LOGIN_URL, {"login": f"rate{n}@example.com", "password": WRONG}, **headers)


def test_behind_trusted_proxies_each_visitor_has_their_own_limit(client, owner, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    fail_for_ten_accounts(client, HTTP_X_FORWARDED_FOR="203.0.113.7")

    response = Client().post(
        LOGIN_URL,
        {"login": owner.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )

    assert response.status_code == 302


def test_without_trusted_proxies_a_forged_forwarded_header_does_not_dodge_the_limit(client, owner):
    for n in range(10):
        client.post(
            LOGIN_URL,
            {"login": f"rate{n}@example.com", "password": WRONG},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )

    response = client.post(
        LOGIN_URL,
        {"login": owner.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )

    assert SESSION_KEY not in client.session
    assert response.status_code in (200, 429)


def test_a_request_that_skipped_the_proxies_is_no_server_error(client, owner, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2

    response = client.post(
        LOGIN_URL, {"login": owner.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="1.2.3.4"
    )

    assert response.status_code == 302
