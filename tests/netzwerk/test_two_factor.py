"""Two factors: an authenticator app (TOTP) with recovery codes; staff can be made to use one."""

import base64
import hashlib
import hmac
import importlib
import io
import re
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from netzwerk.models import User

LOGIN_URL = reverse("account_login")
AUTHENTICATE_URL = reverse("mfa_authenticate")
PASSWORD = "a-Good-passw0rd"


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


# The seeds at rest.


def stored_seeds(user) -> str:
    return " ".join(
        str(value)
        for data in Authenticator.objects.filter(user=user).values_list("data", flat=True)
        for value in data.values()
    )


def test_a_database_dump_does_not_hold_the_authenticator_apps_secret(owner, secret):
    stored = stored_seeds(owner)

    assert secret not in stored
    assert stored.count("fernet:") == 2  # the app's secret and the recovery codes' seed


def test_after_rotating_the_secret_key_and_resealing_the_old_key_can_go(owner, secret, settings):
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY_FALLBACKS = [old_key]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 50
    first = Client()
    log_in_with_password(first, owner.email)
    assert first.post(AUTHENTICATE_URL, {"code": totp(secret)}).status_code == 302

    out = io.StringIO()
    call_command("reseal_secrets", stdout=out)
    settings.SECRET_KEY_FALLBACKS = []

    assert out.getvalue().startswith("2 authenticators")
    later = Client()
    log_in_with_password(later, owner.email)
    assert later.post(AUTHENTICATE_URL, {"code": totp(secret, time.time() + 30)}).status_code == 302
    assert is_logged_in(later)


def test_a_secret_stored_before_encryption_still_works_and_the_migration_encrypts_it(
    owner, secret, client_owner
):
    from django.apps import apps

    from netzwerk import secret_box

    totp_row = Authenticator.objects.get(user=owner, type="totp")
    totp_row.data["secret"] = secret_box.unseal(totp_row.data["secret"])
    totp_row.save()
    client = Client()
    log_in_with_password(client, owner.email)
    assert client.post(AUTHENTICATE_URL, {"code": totp(secret)}).status_code == 302

    encrypt = importlib.import_module("netzwerk.migrations.0006_encrypt_two_factor_secrets")
    encrypt.encrypt(apps, None)

    totp_row.refresh_from_db()
    assert totp_row.data["secret"].startswith("fernet:")
    assert secret_box.unseal(totp_row.data["secret"]) == secret
