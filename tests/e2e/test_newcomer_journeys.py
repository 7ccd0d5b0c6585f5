"""A new user's first week on a phone (issue 11): pages that show the truth after Back,
a welcome instead of congratulations, and phone comfort."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_contact, make_interaction, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def search_letter_by_letter(page, letters: str) -> None:
    """Type so that every letter is its own live search, and its own history entry."""
    box = page.locator("#id_q")
    for count in range(1, len(letters) + 1):
        box.press(letters[count - 1])
        expect(page).to_have_url(re.compile(rf"[?&]q={letters[:count]}(&|$)"))


def test_back_after_a_quick_log_shows_the_list_as_it_is_now(page, sign_in, browser_errors):
    user = make_user()
    contact = make_contact(user, first_name="Ronja", last_name="Albers")
    make_contact(user, first_name="Bernd", last_name="Ahrens")
    sign_in(page.context, user)

    page.goto("/contacts/")
    search_letter_by_letter(page, "Ron")
    row = page.locator(f"#contact-{contact.pk}")
    never = row.locator(".row-meta").inner_text()
    row.locator("a.row-main").click()
    expect(page).to_have_url(re.compile(rf"/contacts/{contact.pk}/$"))
    page.locator("#activity textarea[name=notes]").fill("Kaffee am Rhein")
    page.locator("#activity button[name=kind][value=coffee]").click()
    expect(page.locator("#activity .timeline .event")).to_have_count(1)

    page.go_back()
    expect(page).to_have_url(re.compile(r"/contacts/\?q=Ron&"))
    expect(row.locator(".row-meta")).not_to_have_text(never)
    # One more step back is a history entry the live search made inside the page.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/contacts/\?q=Ro&"))
    expect(row.locator(".row-meta")).not_to_have_text(never)
    assert browser_errors == []


def test_the_search_box_shows_the_query_of_the_results_after_back(page, sign_in, browser_errors):
    user = make_user()
    ronja = make_contact(user, first_name="Ronja", last_name="Albers")
    clara = make_contact(user, first_name="Clara", last_name="Brandt")
    sign_in(page.context, user)

    page.goto("/contacts/")
    search_letter_by_letter(page, "Cla")
    expect(page.locator("#contact-rows li.row")).to_have_count(1)
    page.locator("#id_q").fill("")
    page.locator("#id_q").press_sequentially("Ronja")
    expect(page).to_have_url(re.compile(r"[?&]q=Ronja(&|$)"))
    expect(page.locator(f"#contact-{ronja.pk}")).to_be_visible()

    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]q=Cla(&|$)"))
    expect(page.locator("#id_q")).to_have_value("Cla")
    expect(page.locator("#contact-rows li.row")).to_have_count(1)
    expect(page.locator(f"#contact-{clara.pk}")).to_be_visible()
    assert browser_errors == []


def test_a_quick_log_with_a_follow_up_shows_it_on_the_page_at_once(page, sign_in, browser_errors):
    user = make_user()
    contact = make_contact(user, first_name="Ronja", last_name="Albers")
    sign_in(page.context, user)

    page.goto(contact.get_absolute_url())
    expect(page.locator("#contact-followups li")).to_have_count(0)
    page.evaluate("window.__sameDocument = true")
    page.locator("#activity textarea[name=notes]").fill("Angebot besprochen")
    page.locator("#activity select[name=follow_up_in]").select_option("2w")
    page.locator("#activity button[name=kind][value=call]").click()

    expect(page.locator("#activity .timeline .event")).to_have_count(1)
    expect(page.locator("#contact-followups li")).to_have_count(1)
    due = contact.follow_ups.get().due_on
    expect(page.locator("#contact-followups time")).to_have_attribute("datetime", due.isoformat())
    expect(page.locator("#contact-head")).not_to_contain_text("Noch kein Kontakt")
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded"
    assert browser_errors == []


def test_a_new_account_is_welcomed_with_first_steps(page, sign_in, screenshot, browser_errors):
    user = make_user()
    sign_in(page.context, user)

    page.goto("/week/")
    steps = page.locator("#first-steps")
    expect(steps).to_be_visible()
    expect(page.locator("#dashboard-followups")).to_have_count(0)
    screenshot(page, "new-account-week-390x844")

    page.locator("#first-step-contacts").click()
    expect(page).to_have_url(re.compile(r"/contacts/new/$"))
    page.go_back()
    page.locator("#first-step-lunch").click()
    expect(page).to_have_url(re.compile(r"/preferences/#prefs-lunch$"))
    expect(page.locator("#prefs-lunch")).to_be_in_viewport()
    page.go_back()
    page.locator("#first-step-goal").click()
    expect(page).to_have_url(re.compile(r"/strategy/goals/new/$"))

    page.goto("/contacts/triage/")
    expect(page.locator("#first-steps")).to_be_visible()
    screenshot(page, "new-account-triage-390x844")
    assert browser_errors == []


def test_a_failed_save_focuses_the_first_invalid_field_and_links_each(page, sign_in):
    user = make_user()
    sign_in(page.context, user)

    page.goto("/contacts/new/")
    page.locator("#id_first_name").fill("Ronja")
    page.locator("details.more-fields > summary").click()
    page.locator("#id_emails_0").fill("ronja-at-example")
    page.locator("#id_birthday_day").select_option("31")
    page.locator("#id_birthday_month").select_option("2")
    page.locator("form.contact-form button[type=submit].primary").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(page.locator("#id_emails_0")).to_be_focused()
    expect(page.locator("#id_emails_0")).to_be_in_viewport()
    links = summary.locator("a")
    assert links.count() >= 2
    birthday = summary.locator("a[href^='#id_birthday']")
    birthday.first.click()
    target = birthday.first.get_attribute("href")[1:]
    expect(page.locator(f"#{target}")).to_be_focused()
    expect(page.locator("#id_first_name")).to_have_value("Ronja")


def test_triage_buttons_stay_in_place_and_the_last_tap_can_be_undone(page, sign_in, screenshot):
    user = make_user()
    short = make_contact(user, first_name="Al", last_name="Bo", category="pinguin")
    long = make_contact(
        user,
        first_name="Maximiliane Friederike",
        last_name="Schmidt-Leutheusser von Hohenberg",
        company="Rheinwerk Studio für Gestaltung und Kommunikation GmbH",
        role="Creative Director",
        city="Mönchengladbach",
        how_we_met="Typo Berlin 2023, beim Kaffee nach dem Vortrag über variable Schriften "
        "und die Zukunft des Editorial Designs im Netz, danach noch lange geredet.",
        category="pinguin",
    )
    sign_in(page.context, user)

    page.goto("/contacts/triage/")
    einhorn = page.locator("#triage button[name=action][value=einhorn]")
    expect(page.locator("#triage h1")).to_contain_text("Bo")
    before = einhorn.bounding_box()
    einhorn.click()
    expect(page.locator("#triage h1")).to_contain_text("Schmidt")
    screenshot(page, "triage-long-card-390x844")
    assert einhorn.bounding_box() == before

    page.locator("#triage button[name=action][value=archive]").click()
    expect(page.locator("#triage-undo")).to_contain_text("Schmidt")
    page.locator("#triage-undo").click()
    expect(page.locator("#triage h1")).to_contain_text("Schmidt")
    long.refresh_from_db()
    short.refresh_from_db()
    assert (long.status, long.triaged_at) == ("active", None)
    assert short.category == "einhorn"


SECTIONS = ["/week/", "/contacts/", "/lunch/", "/follow-ups/"]
MORE = ["/contacts/triage/", "/contacts/tags/", "/strategy/", "/preferences/"]


def test_the_phone_navigation_shows_every_section_without_sideways_scroll(
    narrow_page, sign_in, screenshot, browser_errors
):
    page = narrow_page
    sign_in(page.context, make_user())
    page.goto("/strategy/")
    nav = page.locator(".mainnav")
    size = nav.evaluate("nav => ({scroll: nav.scrollWidth, client: nav.clientWidth})")
    assert size["scroll"] <= size["client"], size
    for link in nav.locator(":scope > a").all():
        expect(link).to_be_in_viewport(ratio=1)
    page.locator(".nav-more summary").click()
    for path in MORE:
        expect(nav.locator(f".menu a[href='{path}']")).to_be_in_viewport(ratio=1)
    screenshot(page, "phone-nav-more-360x800")
    # The strategy sub-navigation fits too.
    sub = page.locator(".subnav")
    width = sub.evaluate("el => ({scroll: el.scrollWidth, client: el.clientWidth})")
    assert width["scroll"] <= width["client"], width
    for link in sub.locator("a").all():
        expect(link).to_be_in_viewport(ratio=1)
    assert browser_errors == []


def test_the_desk_header_keeps_log_out_on_one_line(browser, live_server, sign_in):
    desk = {"width": 1280, "height": 800}
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=desk)
    page = context.new_page()
    sign_in(context, make_user())
    page.goto("/week/")
    lines = page.locator(".logout button").evaluate(
        "b => { const r = document.createRange(); r.selectNodeContents(b);"
        " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"
    )
    assert lines == 1
    box = page.locator(".topbar").bounding_box()
    assert box["height"] < 80, box
    context.close()


@pytest.mark.parametrize("language", ["de", "en"])
def test_screenshots_of_the_changed_pages(browser, live_server, sign_in, screenshot, language):
    """Not an assertion on looks: pictures under var/screenshots/ for a human to review."""
    user = make_user(language=language)
    anna = make_contact(user, first_name="Anna", last_name="Adler", category="einhorn")
    make_contact(user, first_name="Ben", last_name="Brandt", category="pinguin")
    for name, viewport in (
        ("390x844", {"width": 390, "height": 844}),
        ("1280x800", {"width": 1280, "height": 800}),
    ):
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        sign_in(context, user)
        page = context.new_page()
        for path, label in (
            ("/week/", "week"),
            (anna.get_absolute_url(), "contact"),
            ("/contacts/triage/", "triage"),
            ("/contacts/", "list"),
        ):
            page.goto(path)
            screenshot(page, f"newcomer-{label}-{language}-{name}")
        context.close()


def test_a_long_note_is_folded_in_the_timeline_until_more_is_tapped(page, sign_in):
    user = make_user()
    contact = make_contact(user, first_name="Ronja", last_name="Albers")
    long_note = " ".join(f"Satz {n} über das Projekt und die nächsten Schritte." for n in range(20))
    make_interaction(contact, notes=long_note + " ENDE")
    sign_in(page.context, user)

    page.goto(contact.get_absolute_url())
    note = page.locator("#activity .long-note")
    expect(note).to_be_visible()
    expect(note.locator(".note-full")).to_be_hidden()
    assert note.bounding_box()["height"] < 150
    note.locator(".note-more").click()
    expect(note.locator(".note-full")).to_be_visible()
    expect(note.locator(".note-full")).to_contain_text("ENDE")
