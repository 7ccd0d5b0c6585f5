"""The desk and "your data" in Chromium, at a desk (1280 px) and on a phone (390 px): tick 20
contacts and make them Flamingos; forget a person and see them gone from search.

Selectors use ids, names and button values, never translated text.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from tests.factories import make_contact, make_interaction, make_user

from .conftest import PHONE, _new_context

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1280, "height": 800}


@pytest.fixture
def desk_page(browser, live_server, browser_errors) -> Iterator[Page]:
    """A desk-sized page (1280×800) with JavaScript, recording browser errors."""
    context = _new_context(browser, live_server, viewport=DESK)
    yield browser_errors.watch(context.new_page())
    context.close()


def network(user, size: int = 25) -> list[Contact]:
    return [
        make_contact(user, first_name=f"Person{n:02d}", last_name="Muster", tags=["Messe"])
        for n in range(size)
    ]


@pytest.mark.parametrize("viewport", ["desk", "phone"])
def test_twenty_ticked_contacts_become_flamingos(
    request, browser, live_server, sign_in, screenshot, browser_errors, viewport
):
    user = make_user("desk@example.com")
    contacts = network(user)
    stranger = make_user("stranger@example.com")
    make_contact(stranger, first_name="Fremd")
    context = _new_context(browser, live_server, viewport=DESK if viewport == "desk" else PHONE)
    sign_in(context, user)
    page = browser_errors.watch(context.new_page())

    # At the desk the contact list opens as the table by itself; the phone keeps its list
    # and reaches the table by its address.
    page.goto("/contacts/")
    if viewport == "desk":
        expect(page).to_have_url(re.compile(r"/contacts/desk/$"))
    else:
        expect(page.locator("#contact-rows")).to_be_visible()
        page.goto("/contacts/desk/")
    expect(page.locator("#desk-results tbody tr[id^=desk-contact-]")).to_have_count(25)

    for contact in contacts[:20]:
        page.locator(f"input[name=contacts][value='{contact.pk}']").check()
    expect(page.locator("[data-selected-count]")).to_have_text("20")
    screenshot(page, f"desk-ticked-{viewport}")
    page.locator("button[name=action][value='category:flamingo']").click()

    expect(page.locator(".messages")).to_contain_text("20")
    flamingos = Contact.objects.filter(owner=user, category="flamingo")
    assert set(flamingos.values_list("pk", flat=True)) == {c.pk for c in contacts[:20]}
    assert Contact.objects.get(owner=stranger).category == "pinguin"
    expect(page.locator(".cat-label.cat-flamingo")).to_have_count(20)
    screenshot(page, f"desk-flamingos-{viewport}")
    assert browser_errors == []
    context.close()


def test_all_matching_the_filter_at_once_and_the_tag_search_follows(
    desk_page, live_server, sign_in, browser_errors
):
    user = make_user("desk@example.com")
    network(user, size=30)
    sign_in(desk_page.context, user)

    desk_page.goto("/contacts/desk/?q=person1")
    expect(desk_page.locator("tbody tr[id^=desk-contact-]")).to_have_count(10)
    desk_page.locator("input[name=scope][value=matching]").check()
    expect(desk_page.locator("[data-selected-count]")).to_have_text("10")
    desk_page.locator("#bulk-tag").fill("Zehnergruppe")
    desk_page.locator("button[name=action][value='tag:add']").click()

    expect(desk_page.locator(".messages")).to_contain_text("10")
    tagged = Contact.objects.filter(owner=user, tags__name="Zehnergruppe")
    assert tagged.count() == 10
    assert browser_errors == []


def test_the_list_stays_a_list_when_the_user_chose_it(desk_page, sign_in, browser_errors):
    user = make_user("desk@example.com")
    network(user, size=3)
    sign_in(desk_page.context, user)

    desk_page.goto("/contacts/desk/")
    desk_page.locator("a[data-remember-view=list]").click()

    expect(desk_page).to_have_url(re.compile(r"/contacts/$"))
    expect(desk_page.locator("#contact-rows")).to_be_visible()
    desk_page.reload()
    expect(desk_page).to_have_url(re.compile(r"/contacts/$"))
    assert browser_errors == []


def test_a_forgotten_person_is_gone_from_search(page, sign_in, screenshot, browser_errors):
    user = make_user("forget@example.com")
    person = make_contact(
        user, first_name="Jürgen", last_name="Weiß", emails=["juergen@example.com"]
    )
    friend = make_contact(user, first_name="Zoë", last_name="Zander")
    make_interaction(person, notes="Kaffee zu zweit")
    make_interaction(person, others=[friend], notes="Zu dritt")
    sign_in(page.context, user)

    page.goto(f"/contacts/{person.pk}/")
    page.locator(f"a[href='/data/person/{person.pk}/']").click()
    expect(page.locator("details.data-section").first).to_be_visible()
    screenshot(page, "person-data-phone")
    page.locator(f"a[href='/data/person/{person.pk}/forget/']").click()
    expect(page.locator("input[name=keep_hashes]")).to_be_checked()
    screenshot(page, "forget-phone")
    page.locator("form button[type=submit].danger").click()

    expect(page).to_have_url(re.compile(r"/contacts/$"))
    page.locator("#id_q").fill("weiss")
    expect(page.locator("#results .empty")).to_be_visible()
    page.locator("#id_q").fill("zander")
    expect(page.locator("#contact-rows li.row")).to_have_count(1)
    assert not Contact.objects.filter(pk=person.pk).exists()
    assert browser_errors == []


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_an_english_user_at_the_desk_and_on_the_phone(
    browser, live_server, sign_in, screenshot, browser_errors
):
    user = make_user("desk@example.com", language="en")
    for contact in network(user, size=8)[:3]:
        make_interaction(contact, days_ago=4)
    for name, viewport in (("desk", DESK), ("phone", PHONE)):
        context = _new_context(browser, live_server, viewport=viewport)
        sign_in(context, user)
        page = browser_errors.watch(context.new_page())
        page.goto("/contacts/desk/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("tbody tr[id^=desk-contact-]")).to_have_count(8)
        # The table scrolls inside its box; the page itself never scrolls sideways.
        assert no_horizontal_scroll(page)
        screenshot(page, f"desk-en-{name}")
        page.goto("/preferences/#data")
        expect(page.locator("#data")).to_be_visible()
        screenshot(page, f"preferences-data-en-{name}")
        page.goto("/data/delete-account/")
        expect(page.locator("#deletion-counts")).to_be_visible()
        assert no_horizontal_scroll(page)
        screenshot(page, f"delete-account-en-{name}")
        context.close()
    assert browser_errors == []
