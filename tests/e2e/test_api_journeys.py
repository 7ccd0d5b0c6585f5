"""The API's docs page in Chromium under the app's strict CSP, and the token page on a phone
and at a desk."""

import re

import pytest
from playwright.sync_api import Page, expect

from api.models import ApiToken, token_digest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_lists_every_operation_without_a_csp_violation(
    owner, page: Page, sign_in, browser_errors
):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security" in msg.text else None,
    )
    sign_in(page.context, owner)

    response = page.goto("/api/v1/docs")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI parses a large bundle and the whole schema before it draws: on a busy
    # machine that takes far longer than a page of the app, so this wait is generous.
    expect(page.locator(".opblock").first).to_be_visible(timeout=90_000)
    expect(page.get_by_text("/api/v1/contacts/{id}").first).to_be_visible()
    assert page.locator(".opblock").count() > 50
    assert violations == []
    assert browser_errors == []


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]
)
def test_a_token_is_made_and_shown_once_on_phone_and_desk(
    owner, browser, live_server, sign_in, viewport
):
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=viewport)
    sign_in(context, owner)
    page = context.new_page()
    page.goto("/preferences/")

    page.get_by_role("link", name="API-Tokens").click()
    page.get_by_label("Name").fill("iPhone Kurzbefehl")
    page.get_by_label("lesen und schreiben").check()
    page.get_by_role("button", name="Token erstellen").click()

    token = page.locator("#api-token").input_value()
    assert re.fullmatch(r"nzw_[A-Za-z0-9_\-]{40,}", token)
    assert ApiToken.objects.get().digest == token_digest(token)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    # A reload shows the list again, without the token and without a second one.
    page.reload()
    assert token not in page.content()
    assert ApiToken.objects.count() == 1
    page.goto("/api/tokens/")
    expect(page.get_by_text("iPhone Kurzbefehl")).to_be_visible()
    assert token not in page.content()
    context.close()
