"""Two factors: an authenticator app (TOTP) with recovery codes; staff can be made to use one."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from netzwerk.models import User

LOGIN_URL = reverse("account_login")
AUTHENTICATE_URL = reverse("mfa_authenticate")
PASSWORD = "a-Good-passw0rd"

pytestmark = pytest.mark.usefixtures("fresh_cache")


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 as an authenticator app computes it: HMAC-SHA1, 30 s steps, 6 digits."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def reauthenticate(client: Client) -> None:
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def turn_on_totp(client: Client) -> str:
    """What a user does on the two-factor page; returns the secret their app stores."""
    reauthenticate(client)
    page = client.get(reverse("mfa_activate_totp"))
    (secret,) = re.findall(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.text) or (
        re.findall(r'value="([A-Z2-7]{32})"', page.text)
    )
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    assert response.status_code == 302, response.content
    return secret


def log_in_with_password(client: Client, email: str) -> None:
    response = client.post(LOGIN_URL, {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == AUTHENTICATE_URL


def is_logged_in(client: Client) -> bool:
    return client.get(reverse("contacts:list")).status_code == 200


@pytest.fixture
def secret(owner, client_owner) -> str:
    return turn_on_totp(client_owner)


def test_turning_on_totp_makes_every_login_ask_for_a_code(owner, secret):
    client = Client()

    log_in_with_password(client, owner.email)

    assert SESSION_KEY not in client.session
    assert not is_logged_in(client)


def test_a_login_with_password_and_a_code_from_the_app(owner, secret):
    client = Client()
    log_in_with_password(client, owner.email)

    response = client.post(AUTHENTICATE_URL, {"code": totp(secret)})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(owner.pk)
    assert is_logged_in(client)


def test_a_wrong_or_stale_code_is_refused(owner, secret):
    client = Client()
    log_in_with_password(client, owner.email)

    for code in ("000000", totp(secret, time.time() - 600)):
        assert client.post(AUTHENTICATE_URL, {"code": code}).status_code == 200
    assert not is_logged_in(client)


def test_a_recovery_code_works_once(owner, secret, client_owner):
    reauthenticate(client_owner)
    page = client_owner.get(reverse("mfa_view_recovery_codes"))
    codes = re.findall(r"\b\d{8}\b", page.text)
    assert len(set(codes)) >= 10

    first = Client()
    log_in_with_password(first, owner.email)
    assert first.post(AUTHENTICATE_URL, {"code": codes[0]}).status_code == 302
    assert is_logged_in(first)

    again = Client()
    log_in_with_password(again, owner.email)
    assert again.post(AUTHENTICATE_URL, {"code": codes[0]}).status_code == 200
    assert not is_logged_in(again)


# Staff.


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user("admin@example.com", PASSWORD, is_staff=True)


def test_staff_must_set_up_a_second_factor_when_the_operator_requires_it(staff, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client = Client()
    client.force_login(staff)

    for path in ("/admin/", reverse("contacts:list")):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == reverse("mfa_index")
    assert client.get(reverse("mfa_index")).status_code == 200

    turn_on_totp(client)

    assert client.get("/admin/").status_code == 200
    assert Authenticator.objects.filter(user=staff, type="totp").exists()


def test_without_the_setting_staff_and_users_choose_for_themselves(staff, client_owner):
    client = Client()
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200
    assert is_logged_in(client_owner)
