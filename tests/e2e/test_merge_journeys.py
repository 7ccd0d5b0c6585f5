"""Merging two contacts in Chromium, at a desk (1280 px) and on a phone (390 px): tick two on
the desk, merge them, pick a field, see the merged contact. And the duplicates page.

Selectors use ids, names and values, never translated text.
"""

import re

import pytest
from playwright.sync_api import expect

from contacts.models import Contact
from tests.factories import make_contact, make_interaction, make_user

from .conftest import PHONE, _new_context

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1280, "height": 800}


@pytest.mark.parametrize("viewport", ["desk", "phone"])
def test_two_ticked_contacts_are_merged_with_a_picked_field(
    browser, live_server, sign_in, screenshot, browser_errors, viewport
):
    user = make_user("merge@example.com")
    survivor = make_contact(
        user, first_name="Jürgen", last_name="Weiss", emails=["juergen@example.com"]
    )
    other = make_contact(
        user,
        first_name="Jürgen",
        last_name="Weiß",
        company="Weiß & Söhne",
        emails=["jw@studio.example"],
    )
    make_interaction(other, notes="Typografie-Abend")
    for n in range(3):
        make_contact(user, first_name=f"Person{n}", last_name="Muster")
    context = _new_context(browser, live_server, viewport=DESK if viewport == "desk" else PHONE)
    sign_in(context, user)
    page = browser_errors.watch(context.new_page())

    page.goto("/contacts/desk/")
    page.locator(f"input[name=contacts][value='{survivor.pk}']").check()
    page.locator(f"input[name=contacts][value='{other.pk}']").check()
    page.locator("button[name=action][value=merge]").click()

    expect(page).to_have_url(re.compile(rf"/contacts/merge/\?a={survivor.pk}&b={other.pk}"))
    head = page.locator(".merge-table thead")
    expect(head).to_be_visible() if viewport == "desk" else expect(head).to_be_hidden()
    # The survivor has no company: the other's is picked already; the last name is chosen.
    expect(page.locator("input[name=company][value=other]")).to_be_checked()
    page.locator("input[name=last_name][value=other]").check()
    screenshot(page, f"merge-{viewport}")
    page.locator("#merge-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/contacts/{survivor.pk}/$"))
    expect(page.locator("h1")).to_have_text("Jürgen Weiß")
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Typografie-Abend")
    merged = Contact.objects.get(pk=survivor.pk)
    assert (merged.company, merged.emails) == (
        "Weiß & Söhne",
        ["juergen@example.com", "jw@studio.example"],
    )
    assert not Contact.objects.filter(pk=other.pk).exists()
    screenshot(page, f"merged-{viewport}")
    assert browser_errors == []
    context.close()


def test_a_pair_on_the_duplicates_page_is_dismissed_in_place(
    page, live_server, sign_in, screenshot, browser_errors
):
    user = make_user("dupes@example.com")
    a = make_contact(user, first_name="Anna", last_name="Adler", phones=["030 123456"])
    b = make_contact(user, first_name="Anna", last_name="Adler", phones=["+49 30 123456"])
    sign_in(page.context, user)

    page.goto("/contacts/duplicates/")
    pair = page.locator(f"#pair-{a.pk}-{b.pk}")
    expect(pair).to_contain_text("+49 30 123456")
    screenshot(page, "duplicates-phone")
    pair.locator("button[type=submit]").click()

    expect(pair).to_have_count(0)
    page.reload()
    expect(page.locator(".dup-pair")).to_have_count(0)
    assert browser_errors == []
