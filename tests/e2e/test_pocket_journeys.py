"""Netzwerk in the pocket, in Chromium at 390×844: installable, a coffee logged in a basement
without signal arrives exactly once, and a profile shared from the phone opens "new contact"."""

import time

import pytest
from django.db import OperationalError
from playwright.sync_api import Page, expect

from contacts.models import Contact, Interaction
from tests.factories import make_contact

from .conftest import CHROMIUM_ARGS, FULL_CHROMIUM, PHONE, BrowserErrors, require_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Polling deadline for what the page does by itself (sending the outbox once online):
# generous, a busy machine may take long.
DEADLINE_S = 60


def _holds(condition) -> bool:
    # On SQLite the live server's thread may hold the table while it writes: not yet.
    try:
        return condition()
    except OperationalError:
        return False


def wait_until(condition, deadline: float = DEADLINE_S) -> bool:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if _holds(condition):
            return True
        time.sleep(0.2)
    return condition()


def test_the_app_passes_chromiums_installability_checks(
    owner, playwright_driver, live_server, sign_in, tmp_path
):
    # The headless shell the other journeys use answers every installability question with
    # "no errors", even for a page without a manifest: only the full browser checks.
    require_browser(FULL_CHROMIUM, "chromium")
    # Chromium never offers to install from an incognito context, which is what a new
    # Playwright context is: this test runs in a profile on disk.
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(FULL_CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        base_url=live_server.url,
        viewport=PHONE,
        locale="de-DE",
    )
    try:
        sign_in(context, owner)
        errors_seen = BrowserErrors()
        page = errors_seen.watch(context.pages[0] if context.pages else context.new_page())
        page.goto("/week/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        cdp = context.new_cdp_session(page)

        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        manifest = cdp.send("Page.getAppManifest")

        assert errors == []
        assert manifest["errors"] == []
        assert errors_seen == []
    finally:
        context.close()


def test_the_service_worker_serves_the_offline_page_without_a_connection(
    owner, page: Page, phone_context, sign_in
):
    sign_in(phone_context, owner)
    page.goto("/week/")
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # now the worker controls the page
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    phone_context.set_offline(True)

    page.goto("/strategy/")

    expect(page.locator(".offline-page")).to_be_visible()
    page.goto("/contacts/new/")
    expect(page.locator("form[data-offline-queue] input[name=first_name]")).to_be_visible()
    phone_context.set_offline(False)


def test_a_coffee_logged_offline_is_sent_once_when_online_again(
    owner, page: Page, phone_context, sign_in, screenshot, browser_errors
):
    anna = make_contact(owner, first_name="Anna", last_name="Adler")
    sign_in(phone_context, owner)
    page.goto(f"/contacts/{anna.pk}/")
    phone_context.set_offline(True)

    page.locator("#activity textarea[name=notes]").fill("Kaffee im Keller")
    page.locator("#activity button[name=kind][value=coffee]").click()

    outbox = page.locator("#outbox")
    expect(outbox).to_be_visible()
    expect(outbox.locator(".outbox-count")).to_have_text("1")
    expect(outbox).to_contain_text("Anna Adler")
    screenshot(page, "pocket-outbox-waiting")
    assert not Interaction.objects.exists()

    phone_context.set_offline(False)

    assert wait_until(lambda: Interaction.objects.count() == 1)
    expect(outbox).to_be_hidden()
    # Another page load (it sends whatever still waits) and some time change nothing.
    page.reload()
    page.wait_for_timeout(500)
    (coffee,) = Interaction.objects.all()
    assert (coffee.kind, coffee.notes) == ("coffee", "Kaffee im Keller")
    assert list(coffee.contacts.all()) == [anna]
    assert [e for e in browser_errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


def test_an_entry_sent_twice_by_two_tabs_is_saved_once(owner, phone_context, sign_in):
    anna = make_contact(owner, first_name="Anna", last_name="Adler")
    sign_in(phone_context, owner)
    first = phone_context.new_page()
    first.goto(f"/contacts/{anna.pk}/")
    phone_context.set_offline(True)
    first.locator("#activity button[name=kind][value=call]").click()
    expect(first.locator("#outbox .outbox-count")).to_have_text("1")
    second = phone_context.new_page()
    phone_context.set_offline(False)

    # Both tabs find the queued entry and send it.
    second.goto(f"/contacts/{anna.pk}/")

    assert wait_until(lambda: Interaction.objects.count() >= 1)
    first.wait_for_timeout(1000)
    assert Interaction.objects.count() == 1


def test_a_profile_shared_from_the_phone_opens_a_filled_new_contact_form(
    owner, page: Page, phone_context, sign_in, screenshot
):
    sign_in(phone_context, owner)
    manifest = page.request.get("/manifest.webmanifest").json()
    target = manifest["share_target"]

    page.goto(
        f"{target['action']}?title=Anna%20Adler%20%7C%20LinkedIn"
        "&url=https%3A%2F%2Fde.linkedin.com%2Fin%2Fanna-adler-1a2b3c"
    )

    expect(page.locator("input[name=first_name]")).to_have_value("Anna")
    expect(page.locator("input[name=last_name]")).to_have_value("Adler")
    expect(page.locator("input[name=link_linkedin]")).to_have_value(
        "https://de.linkedin.com/in/anna-adler-1a2b3c"
    )
    screenshot(page, "pocket-share-target")
    page.locator("form.contact-form button[type=submit]").first.click()
    expect(page.locator("h1")).to_contain_text("Anna Adler")
    assert Contact.objects.get(owner=owner).links.get().channel == "linkedin"
