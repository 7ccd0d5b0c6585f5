"""Phone-sized journeys through the reminders pages in Chromium.

Selectors rely on ids, names and values, never on translated text.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from reminders.models import FollowUp, Lunch
from tests.factories import make_contact, make_follow_up, make_lunch, make_nudge, make_user

from .test_journeys import is_same_document, mark_document, no_horizontal_scroll

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def due_einhorn(user, **fields):
    return make_contact(
        user,
        category="einhorn",
        created_at=timezone.now() - datetime.timedelta(days=60),
        **fields,
    )


def test_a_lunch_planned_from_a_suggestion_ends_up_in_the_timeline(
    page: Page, sign_in, browser_errors
):
    user = make_user()
    ronja = due_einhorn(user, first_name="Ronja", last_name="Albers", city="Köln")
    sign_in(page.context, user)

    page.goto("/lunch/")
    suggestion = page.locator(f"#lunch-suggestions #suggestion-{ronja.pk}")
    expect(suggestion).to_be_visible()
    suggestion.locator("a.plan-lunch").click()
    expect(page).to_have_url(re.compile(rf"/lunch/new/\?contact={ronja.pk}$"))
    expect(page.locator(f"#people-chosen input[value='{ronja.pk}']")).to_be_checked()
    page.locator("#id_place").fill("Hafenküche")
    page.locator("form.lunch-form button[type=submit].primary").click()

    expect(page).to_have_url(re.compile(r"/lunch/$"))
    lunch = Lunch.objects.get()
    row = page.locator(f"#lunch-{lunch.pk}")
    expect(row).to_contain_text("Hafenküche")
    mark_document(page)
    row.locator("button[name=done]").click()
    expect(page.locator(f"#lunch-{lunch.pk}.lunch-done")).to_be_visible()
    assert is_same_document(page), "marking the lunch done reloaded the page"
    expect(page.locator("#toasts .toast")).to_be_visible()

    page.goto(ronja.get_absolute_url())
    expect(page.locator("#activity .timeline .event")).to_have_count(1)
    expect(page.locator("#activity .timeline .event-notes")).to_contain_text("Hafenküche")
    lunch.refresh_from_db()
    assert (lunch.status, lunch.interaction.kind) == ("done", "lunch")
    assert browser_errors == []


def test_a_follow_up_is_marked_done_from_the_dashboard(page: Page, sign_in, browser_errors):
    user = make_user()
    anna = make_contact(user, first_name="Anna", last_name="Adler")
    follow_up = make_follow_up(anna, -1, note="Angebot schicken")
    other = make_follow_up(anna, 0, note="Anrufen")
    sign_in(page.context, user)

    page.goto("/week/")
    row = page.locator(f"#followup-{follow_up.pk}")
    expect(row).to_contain_text("Angebot schicken")
    mark_document(page)
    row.locator("button[name=done]").click()

    expect(page.locator(f"#followup-{follow_up.pk}.is-done")).to_be_visible()
    expect(page.locator(f"#followup-{follow_up.pk} button[name=done]")).to_have_count(0)
    expect(page.locator(f"#followup-{other.pk} button[name=done]")).to_be_visible()
    assert is_same_document(page), "marking done reloaded the page instead of swapping the row"
    follow_up.refresh_from_db()
    assert follow_up.is_done

    page.reload()
    expect(page.locator(f"#followup-{follow_up.pk}")).to_have_count(0)
    assert browser_errors == []


def test_a_follow_up_is_marked_done_without_javascript(nojs_page: Page, sign_in):
    page = nojs_page
    user = make_user()
    follow_up = make_follow_up(make_contact(user, first_name="Anna"), 0)
    sign_in(page.context, user)

    page.goto("/week/")
    with page.expect_navigation():
        page.locator(f"#followup-{follow_up.pk} button[name=done]").click()

    expect(page).to_have_url(re.compile(r"/week/$"))
    expect(page.locator(f"#followup-{follow_up.pk}")).to_have_count(0)
    assert FollowUp.objects.get().is_done


def test_reminder_pages_do_not_scroll_sideways_at_360_px(narrow_page, sign_in, browser_errors):
    page = narrow_page
    user = make_user()
    person = due_einhorn(
        user,
        first_name="Maximiliane",
        last_name="Schmidt-Leutheusser",
        company="Rheinwerk Studio für Gestaltung und Kommunikation GmbH",
        city="Mönchengladbach",
        birthday_day=timezone.localdate().day,
        birthday_month=timezone.localdate().month,
    )
    make_follow_up(person, -3, note="Angebot für den Relaunch der Markenkommunikation schicken")
    make_follow_up(person, 0, note="Fragen", repeat="monthly")
    make_lunch(user, person, place="Vietnamesisches Restaurant auf der Venloer Straße", time=None)
    make_nudge(user, "birthday", contact=person)
    sign_in(page.context, user)

    for path in ("/week/", "/lunch/", "/follow-ups/", "/nudges/", "/preferences/"):
        page.goto(path)
        size = no_horizontal_scroll(page)
        assert size["scrollWidth"] <= size["clientWidth"], f"{path} scrolls sideways: {size}"
    # The "more" menu of a row opens without pushing the page sideways either.
    page.goto("/week/")
    page.locator("#dashboard-followups details.more-menu summary").first.click()
    size = no_horizontal_scroll(page)
    assert size["scrollWidth"] <= size["clientWidth"], f"open menu scrolls sideways: {size}"
    assert browser_errors == []


def test_screenshots_of_the_reminder_pages(page: Page, sign_in, screenshot, browser_errors):
    """Not an assertion on looks: pictures under var/screenshots/ for a human to review."""
    user = make_user(first_name="Mia")
    ronja = due_einhorn(user, first_name="Ronja", last_name="Albers", city="Köln")
    dana = make_contact(user, first_name="Dana", last_name="Yilmaz", category="flamingo")
    due_einhorn(user, first_name="Emil", last_name="Vogt")
    make_follow_up(ronja, -2, note="Angebot schicken")
    make_follow_up(dana, 0, note="Nach dem Umzug fragen")
    make_lunch(user, dana, place="Hafenküche", time=datetime.time(12, 30))
    make_nudge(user, "touch", contact=ronja)
    sign_in(page.context, user)

    for path, name in (
        ("/week/", "dashboard-390x844"),
        ("/lunch/", "lunch-390x844"),
        ("/follow-ups/", "followups-390x844"),
        ("/preferences/", "preferences-390x844"),
    ):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        screenshot(page, name)
    assert browser_errors == []


def test_load_more_on_the_follow_ups_page_appends_rows_that_work(
    narrow_page, sign_in, browser_errors
):
    page = narrow_page
    user = make_user()
    anna = make_contact(user, first_name="Anna", last_name="Adler")
    later = [make_follow_up(anna, 30 + n, note=f"Später {n}") for n in range(25)]
    sign_in(page.context, user)

    page.goto("/follow-ups/")
    expect(page.locator("#followups-later li.fu")).to_have_count(20)
    mark_document(page)
    page.locator("#more-later a").click()

    expect(page.locator("#followups-later li.fu")).to_have_count(25)
    expect(page.locator("#more-later")).to_have_count(0)
    last = page.locator(f"#followup-{later[-1].pk}")
    last.locator("button[name=done]").click()
    expect(page.locator(f"#followup-{later[-1].pk}.is-done")).to_be_visible()
    assert is_same_document(page), "load more or done reloaded the page"
    size = no_horizontal_scroll(page)
    assert size["scrollWidth"] <= size["clientWidth"], f"follow-ups scroll sideways: {size}"
    assert FollowUp.objects.get(pk=later[-1].pk).is_done
    assert browser_errors == []


def test_load_more_on_the_follow_ups_page_works_without_javascript(nojs_page: Page, sign_in):
    page = nojs_page
    user = make_user()
    anna = make_contact(user, first_name="Anna")
    later = [make_follow_up(anna, 30 + n, note=f"Später {n}") for n in range(25)]
    sign_in(page.context, user)

    page.goto("/follow-ups/")
    with page.expect_navigation():
        page.locator("#more-later a").click()

    expect(page.locator("#followups-later li.fu")).to_have_count(5)
    with page.expect_navigation():
        page.locator(f"#followup-{later[-1].pk} button[name=done]").click()
    assert FollowUp.objects.get(pk=later[-1].pk).is_done
