"""A new user's first week on a phone (issue 11): pages that show the truth after Back,
a welcome instead of congratulations, and phone comfort."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_contact, make_user

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
