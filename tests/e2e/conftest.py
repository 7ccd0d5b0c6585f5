"""Browser fixtures for the end-to-end journeys: Debian's Chromium driven by Playwright.

Chromium comes from the system packages, never from `playwright install`: the headless shell
(`apt-get install chromium-headless-shell`, what Playwright itself runs for headless tests:
the same Blink without the full browser's user interface, for much less CPU per page), or
else the full browser (/usr/bin/chromium). Without either the journeys are skipped locally,
but CI (CI=true) must run them, so there a missing browser is a failure.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

FULL_CHROMIUM = Path("/usr/bin/chromium")
BROWSERS = (Path("/usr/bin/chromium-headless-shell"), FULL_CHROMIUM)
CHROMIUM = next((path for path in BROWSERS if path.exists()), BROWSERS[0])
# Without these flags Chromium keeps trying to reach Google's services, which floods a
# closed network and slows every test down.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 360, "height": 800}
# Every wait polls and ends as soon as the page is there; the deadline is generous, since a
# machine busy with other work can take well over ten seconds for a page that a quiet one
# shows at once. Only a broken page waits it out.
TIMEOUT_MS = 60_000
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def require_browser(path: Path, package: str) -> None:
    """Skip without the browser, except in CI, where the journeys must run."""
    if path.exists():
        return
    reason = f"{path} is missing (apt-get install -y {package})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"The e2e journeys must run in CI, but {reason}.", pytrace=False)
    pytest.skip(f"Browser journeys skipped: {reason}.")


@pytest.fixture(scope="session")
def playwright_driver():
    require_browser(CHROMIUM, "chromium-headless-shell")
    # Playwright's sync API keeps an asyncio loop in this thread, which Django takes for an
    # async context and refuses ORM calls in; the tests only use the ORM synchronously.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as driver:
        yield driver
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_driver) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


# The browser warns about a header it cannot read in full (a Permissions-Policy feature it
# does not know): the app's own headers must read cleanly.
OWN_HEADERS = ("Permissions-Policy", "Content-Security-Policy")


class BrowserErrors(list):
    """Console errors and uncaught exceptions of one page (CSP violations land here too), and
    warnings about the headers the app sends."""

    def watch(self, page: Page) -> Page:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.append(f"uncaught: {error}"))
        return page

    def _console(self, msg) -> None:
        if msg.type == "error" or (
            msg.type == "warning" and any(header in msg.text for header in OWN_HEADERS)
        ):
            self.append(msg.text)


@pytest.fixture
def browser_errors() -> BrowserErrors:
    return BrowserErrors()


def _new_context(browser: Browser, live_server, **options) -> BrowserContext:
    context = browser.new_context(base_url=live_server.url, locale="de-DE", **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def phone_context(browser, live_server) -> Iterator[BrowserContext]:
    context = _new_context(browser, live_server, viewport=PHONE)
    yield context
    context.close()


@pytest.fixture
def page(phone_context, browser_errors) -> Page:
    """A phone-sized page (390×844) with JavaScript, recording browser errors."""
    return browser_errors.watch(phone_context.new_page())


@pytest.fixture
def nojs_context(browser, live_server) -> Iterator[BrowserContext]:
    context = _new_context(browser, live_server, viewport=PHONE, java_script_enabled=False)
    yield context
    context.close()


@pytest.fixture
def nojs_page(nojs_context) -> Page:
    """A phone-sized page (390×844) with JavaScript switched off: plain links and forms."""
    return nojs_context.new_page()


@pytest.fixture
def narrow_page(browser, live_server, browser_errors) -> Iterator[Page]:
    """A 360 px wide page, the narrowest phones in common use."""
    context = _new_context(browser, live_server, viewport=NARROW_PHONE)
    yield browser_errors.watch(context.new_page())
    context.close()


@pytest.fixture
def sign_in(live_server):
    """Sign a user in without the login form, for tests whose subject is another page."""

    def sign_in(context: BrowserContext, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return sign_in


@pytest.fixture
def screenshot():
    """Save screenshots under var/screenshots/ for the developers to look at.

    `<name>.png` is what the phone shows without scrolling; `<name>-full.png` is the whole
    page (sticky elements sit where the first screen ends in it, not at the bottom).
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def screenshot(page: Page, name: str) -> list[Path]:
        paths = [SCREENSHOTS / f"{name}.png", SCREENSHOTS / f"{name}-full.png"]
        page.screenshot(path=str(paths[0]), animations="disabled")
        page.screenshot(path=str(paths[1]), full_page=True, animations="disabled")
        return paths

    return screenshot
