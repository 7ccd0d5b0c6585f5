"""Webhooks in the browser: set up from the preferences on a phone, the secret copied once,
the log readable at phone and desk width, in German and English, with JavaScript off too."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import make_user
from webhooks.models import Delivery, Endpoint

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIDEWAYS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_a_webhook_is_set_up_from_the_preferences_on_a_phone(
    page: Page, sign_in, settings, screenshot, browser_errors
):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    user = make_user()
    sign_in(page.context, user)

    page.goto("/preferences/")
    page.get_by_role("link", name="Webhooks").click()
    page.get_by_label("URL").fill("http://127.0.0.1:9/ein/sehr/langer/pfad/zu/meinem/n8n-webhook")
    page.get_by_label("Kontakt angelegt").check()
    page.get_by_label("Erinnerung fällig").check()
    page.get_by_role("button", name="Webhook hinzufügen").click()

    expect(page.locator("#webhook-secret")).to_be_visible()
    endpoint = Endpoint.objects.get(owner=user)
    expect(page.locator("#webhook-secret")).to_have_value(endpoint.secret)
    assert page.evaluate(SIDEWAYS)
    screenshot(page, "webhooks-created-phone")
    page.reload()
    expect(page.locator("#webhook-secret")).to_have_count(0)
    assert Endpoint.objects.filter(owner=user).count() == 1
    assert browser_errors == []


@pytest.mark.parametrize(
    ("language", "heading"), [("de", "Zustellprotokoll"), ("en", "Delivery log")]
)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_log_fits_the_screen(page: Page, sign_in, screenshot, language, heading, width):
    user = make_user(language=language)
    endpoint = Endpoint.objects.create(
        owner=user,
        url="https://hooks.example.org/" + "x" * 120,
        events=["contact.created"],
        enabled=False,
        disabled_reason="Am 2026-12-02 abgeschaltet.",
    )
    Delivery.objects.bulk_create(
        Delivery(
            owner=user,
            endpoint=endpoint,
            event_id=f"e{n}",
            event="contact.created",
            object_id=n,
            state="failed",
            attempts=8,
            error="ConnectionError: " + "HTTPSConnectionPool(host='hooks.example.org') " * 3,
        )
        for n in range(5)
    )
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page.context, user)

    page.goto(f"/webhooks/{endpoint.pk}/")

    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator("#switched-off")).to_be_visible()
    assert page.evaluate(SIDEWAYS)
    screenshot(page, f"webhooks-log-{language}-{width}")


def test_switching_a_webhook_on_again_works_without_javascript(nojs_page: Page, sign_in):
    user = make_user()
    endpoint = Endpoint.objects.create(
        owner=user,
        url="https://hooks.example.org/n8n",
        events=["nudge.due"],
        enabled=False,
        disabled_reason="Abgeschaltet.",
    )
    sign_in(nojs_page.context, user)

    nojs_page.goto(f"/webhooks/{endpoint.pk}/")
    nojs_page.get_by_role("button", name="Wieder einschalten").click()

    expect(nojs_page.locator("#switched-off")).to_have_count(0)
    endpoint.refresh_from_db()
    assert endpoint.enabled
