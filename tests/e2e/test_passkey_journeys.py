"""Passkeys in Chromium: register one with the browser's virtual authenticator (WebAuthn over
the DevTools protocol), then sign in with it, without a password and as a second factor."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import BrowserContext, Page, expect

from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-Good-passw0rd"
DASHBOARD = re.compile(r"/week/$")


def virtual_authenticator(page: Page) -> None:
    """A platform authenticator (like Touch ID) that always confirms the user is present."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def log_in_with_password(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()


def add_passkey(page: Page, passwordless: bool) -> None:
    page.goto("/accounts/2fa/webauthn/add/")
    if "/reauthenticate/" in page.url:
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form:has(input[name=password]) button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/2fa/webauthn/add/"))
    # The button works once allauth's script has bound it (on DOMContentLoaded): a click
    # before that does nothing. The URL above changes before the page has loaded.
    page.wait_for_load_state()
    page.locator("input[name=name]").fill("Laptop")
    if passwordless:
        page.locator("input[name=passwordless]").check()
    page.locator("#mfa_webauthn_add").click()
    expect(page).not_to_have_url(re.compile(r"/2fa/webauthn/add/"))


def log_out(context: BrowserContext, page: Page) -> None:
    page.goto("/week/")
    page.locator("form.logout button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    assert not [c for c in context.cookies() if c["name"] == "sessionid"]


def test_a_passkey_signs_in_without_a_password(page, phone_context, browser_errors):
    user = make_user("passkey@example.com")
    virtual_authenticator(page)
    log_in_with_password(page, user.email)
    expect(page).to_have_url(DASHBOARD)

    add_passkey(page, passwordless=True)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()
    log_out(phone_context, page)

    page.goto("/accounts/login/")
    page.locator("#passkey_login").click()

    expect(page).to_have_url(DASHBOARD)
    assert browser_errors == []


def test_a_passkey_is_the_second_factor_after_the_password(page, phone_context, browser_errors):
    user = make_user("zweiter@example.com")
    virtual_authenticator(page)
    log_in_with_password(page, user.email)
    add_passkey(page, passwordless=False)
    log_out(phone_context, page)

    log_in_with_password(page, user.email)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    page.locator("#mfa_webauthn_authenticate").click()

    expect(page).to_have_url(DASHBOARD)
    assert browser_errors == []
