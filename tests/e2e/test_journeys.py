"""Phone-sized journeys through the real app in Chromium, with and without JavaScript.

The user keeps the default language (German); selectors rely on ids, names and button values,
never on translated text, so the tests do not break when a translation changes.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from tests.factories import make_contact, make_interaction, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-Good-passw0rd"
NOTE = "Espresso am Rhein, Portfolio-Review im Mai"
DETAIL_URL = re.compile(r"/contacts/(\d+)/$")


def log_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    # After login the user lands on this week's dashboard.
    expect(page).to_have_url(re.compile(r"/week/$"))
    page.locator(".mainnav a[href$='/contacts/']").click()
    expect(page).to_have_url(re.compile(r"/contacts/$"))


def mark_document(page: Page) -> None:
    """Tag the current document; the tag survives HTMX swaps but not a full page load."""
    page.evaluate("window.__sameDocument = true")


def is_same_document(page: Page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def add_contact(page: Page) -> int:
    """Fill the new-contact form and save it; return the new contact's id."""
    page.locator(".list-head a[href$='/contacts/new/']").click()
    expect(page).to_have_url(re.compile(r"/contacts/new/$"))
    page.locator("#id_first_name").fill("Ronja")
    page.locator("#id_last_name").fill("Albers")
    # On a phone the company is among the folded "more details".
    page.locator("details.more-fields > summary").click()
    page.locator("#id_company").fill("Rheinwerk Studio")
    page.locator("form.contact-form button[type=submit].primary").click()
    expect(page).to_have_url(DETAIL_URL)
    expect(page.locator("h1")).to_have_text("Ronja Albers")
    expect(page.locator(".messages")).to_contain_text("Ronja Albers")
    return int(DETAIL_URL.search(page.url).group(1))


def expect_category(page: Page, active: str) -> None:
    for value in ("einhorn", "flamingo", "pinguin"):
        button = page.locator(f"#category-switch button[name=category][value={value}]")
        if value == active:
            expect(button).to_have_class(re.compile(r"\bactive\b"))
            expect(button).to_have_attribute("aria-pressed", "true")
        else:
            expect(button).not_to_have_class(re.compile(r"\bactive\b"))
            expect(button).to_have_attribute("aria-pressed", "false")


def make_neighbours(user) -> None:
    """Other contacts, so the live search visibly narrows the list."""
    make_contact(user, first_name="Bernd", last_name="Ahrens", company="Nordlicht Verlag")
    make_contact(user, first_name="Clara", last_name="Brandt", company="Hafenküche Köln")


def no_horizontal_scroll(page: Page) -> dict:
    return page.evaluate(
        "() => ({scrollWidth: document.documentElement.scrollWidth,"
        " clientWidth: document.documentElement.clientWidth})"
    )


def test_a_phone_user_adds_an_einhorn_logs_a_coffee_and_finds_it_again(page, browser_errors):
    user = make_user()
    make_neighbours(user)

    log_in(page, user.email)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    pk = add_contact(page)

    mark_document(page)
    expect_category(page, "pinguin")
    page.locator("#category-switch button[name=category][value=einhorn]").click()
    expect_category(page, "einhorn")
    assert is_same_document(page), "the category switch reloaded the page instead of swapping"
    assert Contact.objects.get(pk=pk).category == "einhorn"

    page.locator("#activity textarea[name=notes]").fill(NOTE)
    page.locator("#activity button[name=kind][value=coffee]").click()
    expect(page.locator("#activity .timeline .event")).to_have_count(1)
    expect(page.locator("#activity .timeline .event-notes")).to_have_text(NOTE)
    expect(page.locator("#activity textarea[name=notes]")).to_have_value("")
    expect(page.locator("#toasts .toast")).to_contain_text("Ronja Albers")
    assert is_same_document(page), "the quick log reloaded the page instead of swapping"

    page.locator(".mainnav a[href$='/contacts/']").click()
    expect(page.locator("#contact-rows li.row")).to_have_count(3)
    mark_document(page)
    page.locator("#id_q").press_sequentially("rheinw", delay=40)
    expect(page.locator("#contact-rows li.row")).to_have_count(1)
    expect(page.locator("#contact-rows li.row")).to_contain_text("Ronja Albers")
    expect(page).to_have_url(re.compile(r"[?&]q=rheinw"))
    assert is_same_document(page), "the live search reloaded the page"

    page.locator(f"#contact-{pk} a.row-main").click()
    expect(page).to_have_url(re.compile(rf"/contacts/{pk}/$"))
    expect(page.locator("h1")).to_have_text("Ronja Albers")
    expect_category(page, "einhorn")
    expect(page.locator("#activity .timeline .event-notes")).to_have_text(NOTE)

    assert browser_errors == []


def test_the_same_journey_works_without_javascript(nojs_page):
    page = nojs_page
    user = make_user()
    make_neighbours(user)

    log_in(page, user.email)
    pk = add_contact(page)

    with page.expect_navigation():
        page.locator("#category-switch button[name=category][value=einhorn]").click()
    expect(page).to_have_url(re.compile(rf"/contacts/{pk}/$"))
    expect_category(page, "einhorn")
    expect(page.locator(".messages")).to_contain_text("Ronja Albers")

    page.locator("#activity textarea[name=notes]").fill(NOTE)
    with page.expect_navigation():
        page.locator("#activity button[name=kind][value=coffee]").click()
    expect(page).to_have_url(re.compile(rf"/contacts/{pk}/$"))
    expect(page.locator("#activity .timeline .event-notes")).to_have_text(NOTE)

    page.locator(".mainnav a[href$='/contacts/']").click()
    expect(page.locator("#contact-rows li.row")).to_have_count(3)
    page.locator("#id_q").fill("rheinw")
    apply = page.locator("form[role=search] button[type=submit]")
    expect(apply).to_be_visible()
    with page.expect_navigation():
        apply.click()
    expect(page).to_have_url(re.compile(r"[?&]q=rheinw"))
    expect(page.locator("#contact-rows li.row")).to_have_count(1)

    page.locator(f"#contact-{pk} a.row-main").click()
    expect(page.locator("h1")).to_have_text("Ronja Albers")
    expect_category(page, "einhorn")
    expect(page.locator("#activity .timeline .event-notes")).to_have_text(NOTE)


def test_the_search_also_applies_on_enter_without_javascript(nojs_page, sign_in):
    user = make_user()
    make_neighbours(user)
    make_contact(user, first_name="Ronja", last_name="Albers", company="Rheinwerk Studio")
    sign_in(nojs_page.context, user)

    nojs_page.goto("/contacts/")
    with nojs_page.expect_navigation():
        nojs_page.locator("#id_q").press_sequentially("rheinw")
        nojs_page.locator("#id_q").press("Enter")
    expect(nojs_page.locator("#contact-rows li.row")).to_have_count(1)
    expect(nojs_page.locator("#contact-rows li.row")).to_contain_text("Ronja Albers")


def test_triage_places_one_pinguin_per_tap(page, sign_in, browser_errors):
    user = make_user()
    first, second, third = (
        make_contact(user, first_name=name, last_name="Pinguin", category="pinguin")
        for name in ("Anton", "Berta", "Cäsar")
    )
    sign_in(page.context, user)

    page.goto("/contacts/triage/")
    expect(page.locator("#triage h1")).to_have_text(first.name)
    expect(page.locator("#triage .remaining")).to_contain_text("3")
    mark_document(page)

    page.locator("#triage button[name=action][value=flamingo]").click()
    expect(page.locator("#triage h1")).to_have_text(second.name)
    expect(page.locator("#triage .remaining")).to_contain_text("2")

    page.locator("#triage button[name=action][value=archive]").click()
    expect(page.locator("#triage h1")).to_have_text(third.name)
    expect(page.locator("#triage .remaining")).to_contain_text("1")
    assert is_same_document(page), "triage reloaded the page instead of swapping the card"

    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.category == "flamingo"
    assert second.status == "archived"
    assert (third.category, third.triaged_at) == ("pinguin", None)
    assert browser_errors == []


def test_load_more_appends_the_next_rows(page, sign_in, browser_errors):
    user = make_user()
    for _ in range(60):
        make_contact(user)
    sign_in(page.context, user)

    page.goto("/contacts/")
    rows = page.locator("#contact-rows li.row")
    expect(rows).to_have_count(50)
    mark_document(page)

    page.locator("#load-more a").click()
    expect(rows).to_have_count(60)
    expect(page.locator("#load-more")).to_have_count(0)
    ids = rows.evaluate_all("rows => rows.map(row => row.id)")
    assert len(set(ids)) == 60
    assert is_same_document(page)
    expect(page).to_have_url(re.compile(r"/contacts/$"))
    assert browser_errors == []


def test_pages_do_not_scroll_sideways_at_360_px(narrow_page, sign_in, browser_errors):
    page = narrow_page
    user = make_user()
    make_neighbours(user)
    contact = make_contact(
        user,
        first_name="Maximiliane",
        last_name="Schmidt-Leutheusser",
        company="Rheinwerk Studio für Gestaltung und Kommunikation GmbH",
        role="Creative Director",
        city="Mönchengladbach",
        emails=["maximiliane.schmidt-leutheusser@rheinwerk-studio.example.com"],
        phones=["+49 2161 123456789"],
        how_we_met="Typo Berlin 2023, beim Kaffee nach dem Vortrag über variable Schriften.",
        category="einhorn",
        tags=["Design", "Typografie", "Konferenz"],
    )
    make_interaction(contact, notes=NOTE)
    sign_in(page.context, user)

    for path in ("/contacts/", contact.get_absolute_url()):
        page.goto(path)
        size = no_horizontal_scroll(page)
        assert size["scrollWidth"] <= size["clientWidth"], f"{path} scrolls sideways: {size}"
    assert browser_errors == []


def test_screenshots_of_the_main_pages_at_phone_size(page, sign_in, screenshot, browser_errors):
    """Not an assertion on looks: pictures under var/screenshots/ for a human to review."""
    user = make_user()
    make_neighbours(user)
    einhorn = make_contact(
        user,
        first_name="Ronja",
        last_name="Albers",
        company="Rheinwerk Studio",
        role="Art Director",
        city="Köln",
        emails=["ronja@rheinwerk.example"],
        category="einhorn",
        warmth=5,
        tags=["Design", "Köln"],
    )
    make_interaction(einhorn, kind="coffee", days_ago=3, notes=NOTE)
    make_interaction(einhorn, kind="call", days_ago=40, notes="Kurz wegen der Buchmesse.")
    flamingo = make_contact(user, first_name="Dana", last_name="Yilmaz", category="flamingo")
    make_interaction(flamingo, kind="lunch", days_ago=12)
    make_contact(user, first_name="Emil", last_name="Vogt", company="Freelance", city="Bonn")
    sign_in(page.context, user)

    page.goto("/contacts/")
    expect(page.locator("#contact-rows li.row")).to_have_count(5)
    screenshot(page, "contact-list-390x844")

    page.goto(einhorn.get_absolute_url())
    expect(page.locator("#activity .timeline .event")).to_have_count(2)
    screenshot(page, "contact-detail-390x844")

    page.goto("/contacts/triage/")
    expect(page.locator("#triage h1")).to_be_visible()
    screenshot(page, "triage-390x844")

    page.goto("/contacts/new/")
    expect(page.locator("#id_first_name")).to_be_visible()
    screenshot(page, "contact-new-form-390x844")
    assert browser_errors == []
