"""Phone-sized strategy journey: a goal with two channels, a wish contact's request prepared
and copied, and an introduction recorded from a suggestion.

Selectors rely on ids, names and values, never on translated text.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact, Introduction, RequestPrep
from strategy.models import Goal
from tests.factories import make_contact, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GOAL_URL = re.compile(r"/strategy/goals/(\d+)/$")
DETAIL_URL = re.compile(r"/contacts/(\d+)/$")


def create_goal_with_two_channels(page: Page) -> Goal:
    page.locator(".mainnav .nav-more summary").click()
    page.locator(".mainnav a[href$='/strategy/']").click()
    page.locator(".list-head a[href$='/strategy/goals/new/']").click()
    page.locator("#id_title").fill("Gefragte Expertin für barrierefreie Formulare")
    page.locator("input[name=kind][value=expert]").check()
    page.locator("form.goal-form button[type=submit].primary").click()
    expect(page).to_have_url(GOAL_URL)
    goal = Goal.objects.get()

    page.locator(f"a[href$='/strategy/goals/{goal.pk}/channels/new/']").click()
    page.locator("#id_platform").select_option("linkedin")
    page.locator("#id_reason").fill("Entscheiderinnen im Mittelstand")
    page.locator("#id_weekly_minutes").fill("60")
    page.locator("form.channel-form button[name=add_another]").click()
    expect(page.locator(".messages")).to_be_visible()
    page.locator("#id_platform").select_option("mastodon")
    page.locator("#id_weekly_minutes").fill("20")
    page.locator("form.channel-form button[type=submit].primary").click()
    expect(page).to_have_url(re.compile(rf"/strategy/goals/{goal.pk}/#channels$"))
    expect(page.locator("#channels li.channel-row")).to_have_count(2)
    return goal


def add_wish_contact(page: Page) -> Contact:
    page.locator(".mainnav a[href$='/contacts/']").click()
    page.locator(".list-head a[href$='/contacts/new/']").click()
    page.locator("#id_first_name").fill("Jana")
    page.locator("#id_last_name").fill("Wunsch")
    page.locator("details.more-fields > summary").click()
    page.locator("input[name=status][value=wish]").check()
    page.locator("form.contact-form button[type=submit].primary").click()
    expect(page).to_have_url(DETAIL_URL)
    return Contact.objects.get(last_name="Wunsch")


def test_a_phone_user_plans_a_goal_prepares_a_request_and_records_an_introduction(
    page, phone_context, sign_in, browser_errors, screenshot
):
    user = make_user(first_name="Mia")
    make_contact(user, first_name="Anna", last_name="Adler", category="einhorn", tags=["Typo"])
    make_contact(user, first_name="Ben", last_name="Berg", tags=["Typo"])
    phone_context.grant_permissions(["clipboard-write"])
    # The Permissions-Policy lets the site write to the clipboard, never read it: what the
    # copy button writes is noted on its way to the real clipboard.
    phone_context.add_init_script(
        "if (navigator.clipboard) { const write = navigator.clipboard.writeText.bind("
        "navigator.clipboard); navigator.clipboard.writeText = (text) => "
        "{ window.copiedText = text; return write(text); }; }"
    )
    sign_in(phone_context, user)
    page.goto("/contacts/")

    goal = create_goal_with_two_channels(page)
    assert sorted(goal.channels.values_list("platform", flat=True)) == ["linkedin", "mastodon"]
    page.locator(".mainnav .nav-more summary").click()
    page.locator(".mainnav a[href$='/strategy/']").click()
    expect(page.locator(f"#goal-{goal.pk}")).to_be_visible()
    screenshot(page, "strategy-overview")

    wish = add_wish_contact(page)
    page.locator(f"#request a[href$='/contacts/{wish.pk}/request/']").click()
    page.locator("#id_does_today").fill("Leiterin des UX-Teams der Stadtwerke")
    page.locator("#id_shared").fill("die Liebe zu barrierefreien Formularen")
    page.locator("#id_fascinates").fill("der Schritt vom Print ins Produktdesign")
    page.locator("#id_hope_for").fill("über Forschung mit kleinem Budget zu sprechen")
    page.locator("form.request-prep-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/contacts/{wish.pk}/request/#draft$"))
    draft = page.locator("#request-draft")
    # Nothing logged with a wish contact yet: the draft says "Sie".
    expect(draft).to_have_value(re.compile(r"dass Sie Leiterin des UX-Teams der Stadtwerke sind"))
    assert RequestPrep.objects.get(contact=wish).answered

    page.locator("button[data-copy-target=request-draft]").click()
    expect(page.locator("button[data-copy-target=request-draft]")).to_have_class(
        re.compile(r"\bcopied\b")
    )
    expect(page.locator("#draft .copy-status")).not_to_be_empty()
    assert page.evaluate("window.copiedText") == draft.input_value()
    screenshot(page, "strategy-request-draft")

    draft.fill(draft.input_value() + "\nP.S. Wir kennen uns von der Typo Berlin.")
    page.locator("form[action$='/request/message/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/contacts/{wish.pk}/request/#draft$"))
    expect(page.locator("#request-draft")).to_have_value(re.compile(r"Typo Berlin"))
    assert "Typo Berlin" in RequestPrep.objects.get(contact=wish).draft

    page.locator("button[name=stage][value=sent]").click()
    expect(page).to_have_url(re.compile(rf"/contacts/{wish.pk}/$"))
    assert RequestPrep.objects.get(contact=wish).requested_on is not None

    page.goto("/contacts/introductions/")
    suggestion = page.locator("#suggestions li.suggestion").first
    expect(suggestion).to_contain_text("Anna Adler")
    expect(suggestion).to_contain_text("Typo")
    suggestion.locator("button.record-suggestion").click()
    expect(page).to_have_url(re.compile(r"/contacts/introductions/\d+/$"))
    introduction = Introduction.objects.get()
    assert {introduction.contact_a.first_name, introduction.contact_b.first_name} == {
        "Anna",
        "Ben",
    }
    expect(page.locator("#draft-a")).to_have_value(re.compile(r"Ben Berg"))
    page.locator("button[name=progress][value=made]").click()
    expect(page.locator("button[name=progress][value=made]")).to_have_attribute(
        "aria-pressed", "true"
    )
    introduction.refresh_from_db()
    assert introduction.status == "made"
    screenshot(page, "strategy-introduction")

    assert browser_errors == []


def test_the_strategy_pages_fit_a_360px_phone(narrow_page, sign_in, browser_errors):
    page = narrow_page
    user = make_user()
    sign_in(page.context, user)
    for path in ("/strategy/", "/strategy/time/", "/strategy/groups/", "/contacts/introductions/"):
        page.goto(path)
        sizes = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sizes[0] <= sizes[1], path
    assert browser_errors == []
