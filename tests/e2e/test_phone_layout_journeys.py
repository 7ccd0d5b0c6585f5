"""What a phone shows (issue 11, phone comfort): fields that look alike, email and phone
inputs with "add another", no page wider than a 360 px phone, headings and button labels
that keep their words whole, and a desk header on one line."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from contacts.models import Contact, Interaction, Introduction, Tag
from netzwerk.management.commands.demo_data import DEMO_EMAIL
from netzwerk.models import User
from reminders.models import FollowUp, Lunch
from strategy.models import Event, Goal, Group
from tests.factories import make_contact, make_goal, make_lunch, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Words split over two lines inside headings, labels and buttons; a break after a hyphen
# ("Zwei-Faktor-|Authentifizierung") is a line break between words and does not count.
BROKEN_WORDS = """() => {
  const broken = [];
  const texts = 'h1, h2, h3, legend, summary, label, button, .button, dt, th';
  for (const el of document.querySelectorAll(texts)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s\\-\\u2010]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""
OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"


def demo_user() -> User:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo_data", stdout=io.StringIO())
    return User.objects.get(email=DEMO_EMAIL)


def every_page(user: User) -> list[str]:
    """The pages a user opens, with the demo's first object of each kind."""

    def first(model):
        return model.objects.filter(owner=user).order_by("pk").first().pk

    contact = Contact.objects.filter(owner=user, interactions__isnull=False).first().pk
    wish = Contact.objects.filter(owner=user, status="wish").first() or contact
    urls = [
        reverse(name)
        for name in [
            "reminders:dashboard", "preferences", "data:restore", "data:delete_account",
            "contacts:list", "contacts:desk", "contacts:duplicates", "contacts:import",
            "contacts:create", "contacts:interaction_create", "contacts:tags",
            "contacts:introductions", "contacts:introduction_create", "contacts:triage",
            "reminders:due_contacts", "reminders:upcoming_dates", "reminders:followup_list",
            "reminders:lunch_list", "reminders:lunch_create", "reminders:nudge_list",
            "reminders:push", "strategy:overview", "strategy:weekly_time",
            "strategy:goal_create", "strategy:groups", "strategy:group_create",
            "strategy:events", "strategy:event_create", "phone:phone",
            "account_change_password", "mfa_index",
        ]
    ]  # fmt: skip
    by_object = {
        contact: ["contacts:detail", "contacts:edit", "contacts:delete", "data:person",
                  "data:forget", "reminders:followup_create", "reminders:date_create"],
        getattr(wish, "pk", wish): ["contacts:request_prep"],
        first(Interaction): ["contacts:interaction_edit", "contacts:interaction_delete"],
        first(Tag): ["contacts:tag_rename", "contacts:tag_delete"],
        first(Introduction): ["contacts:introduction_detail", "contacts:introduction_edit"],
        first(FollowUp): ["reminders:followup_edit"],
        first(Lunch): ["reminders:lunch_edit"],
        first(Goal): ["strategy:goal_detail", "strategy:goal_edit", "strategy:goal_review"],
        first(Group): ["strategy:group_detail"],
        first(Event): ["strategy:event_detail", "strategy:event_edit"],
    }  # fmt: skip
    for pk, names in by_object.items():
        urls += [reverse(name, args=[pk]) for name in names]
    return urls


def test_no_page_is_wider_than_a_360_px_phone_nor_breaks_a_word(narrow_page, sign_in):
    user = demo_user()
    sign_in(narrow_page.context, user)

    problems = []
    for language in ("de", "en"):
        User.objects.filter(pk=user.pk).update(language=language)
        for url in every_page(user):
            narrow_page.goto(url)
            if (overflow := narrow_page.evaluate(OVERFLOW)) > 0:
                problems.append(f"{language} {url}: {overflow} px wider than the screen")
            if broken := narrow_page.evaluate(BROKEN_WORDS):
                problems.append(f"{language} {url}: words broken {broken}")
    assert problems == []


def test_the_lunch_heading_and_its_button_keep_their_words_at_390_px(page, sign_in):
    user = make_user()
    sign_in(page.context, user)

    page.goto(reverse("reminders:lunch_list"))

    assert page.evaluate(BROKEN_WORDS) == []
    assert page.locator("#plan-lunch").evaluate("e => e.getClientRects().length") == 1


def test_the_people_picker_keeps_a_name_on_one_line_beside_a_long_company(page, sign_in):
    # The name and the company flow as one text: a long company wraps after the name,
    # instead of squeezing "Kevin Bauer" into two lines beside it.
    user = make_user()
    make_contact(
        user, first_name="Kevin", last_name="Bauer", company="Kachelwerk Digitalagentur GmbH"
    )
    sign_in(page.context, user)
    page.goto(reverse("reminders:lunch_create"))

    page.locator("#id_people_q").fill("bauer")
    person = page.locator("#people-results label", has_text="Kevin Bauer")
    expect(person).to_be_visible()

    lines = person.evaluate(
        """label => {
            const range = document.createRange();
            const text = [...label.querySelectorAll('*'), label]
                .flatMap((e) => [...e.childNodes]).find((n) => n.data?.includes('Kevin Bauer'));
            const start = text.data.indexOf('Kevin Bauer');
            range.setStart(text, start);
            range.setEnd(text, start + 'Kevin Bauer'.length);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }"""
    )
    assert lines == 1


def test_the_lunch_time_field_looks_like_the_other_fields(page, sign_in):
    sign_in(page.context, make_user())
    page.goto(reverse("reminders:lunch_create"))

    def look(selector: str) -> dict:
        return page.locator(selector).evaluate(
            """e => {
                const s = getComputedStyle(e), box = e.getBoundingClientRect();
                return {
                    height: Math.round(box.height), width: Math.round(box.width),
                    border: [s.borderTopWidth, s.borderTopStyle, s.borderTopColor].join(' '),
                    radius: s.borderTopLeftRadius, font: s.fontSize + ' ' + s.fontFamily,
                };
            }"""
        )

    place, time, date = look("#id_place"), look("#id_time"), look("#id_date")
    assert {k: time[k] for k in ("height", "border", "radius", "font")} == {
        k: place[k] for k in ("height", "border", "radius", "font")
    }
    # Time and date share a row: the same width each.
    assert time["width"] == date["width"]


def test_the_desk_header_keeps_log_out_on_one_line_at_1280_px(browser, live_server, sign_in):
    user = make_user(language="de")
    for language in ("de", "en"):
        User.objects.filter(pk=user.pk).update(language=language)
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 800}
        )
        sign_in(context, user)
        page = context.new_page()
        page.goto(reverse("contacts:desk"))
        logout = page.locator(".logout button")
        brand = page.locator(".topbar .brand")
        assert logout.evaluate("e => e.getClientRects().length") == 1
        assert logout.bounding_box()["height"] < 50
        assert abs(logout.bounding_box()["y"] - brand.bounding_box()["y"]) < 20, language
        context.close()


def test_add_another_email_and_phone_with_the_right_keyboards(page, sign_in):
    user = make_user()
    sign_in(page.context, user)
    page.goto(reverse("contacts:create"))

    page.locator("#id_first_name").fill("Jana")
    page.locator("summary", has_text="Weitere Angaben").click()
    emails = page.locator("input[name=emails]")
    expect(emails).to_have_count(1)
    assert emails.first.get_attribute("type") == "email"
    assert page.locator("input[name=phones]").first.get_attribute("type") == "tel"
    emails.first.fill("jana@example.com")
    page.locator("button[data-add-entry]", has_text="Weitere E-Mail-Adresse").click()
    expect(emails).to_have_count(2)
    expect(emails.nth(1)).to_be_focused()
    emails.nth(1).fill("jana@work.example")
    page.locator("input[name=phones]").first.fill("+49 221 123456")
    page.locator("form.contact-form button[type=submit].primary").click()

    expect(page).to_have_url(re.compile(r"/contacts/\d+/$"))
    contact = Contact.objects.get(owner=user)
    assert contact.emails == ["jana@example.com", "jana@work.example"]
    assert contact.phones == ["+49 221 123456"]


def test_a_bad_email_unfolds_the_section_and_takes_the_cursor(page, sign_in):
    sign_in(page.context, make_user())
    page.goto(reverse("contacts:create"))

    page.locator("#id_first_name").fill("Jana")
    page.locator("summary", has_text="Weitere Angaben").click()
    page.locator("input[name=emails]").first.fill("jana(at)example.com")
    page.locator("form.contact-form button[type=submit].primary").click()

    expect(page.locator("details.more-fields")).to_have_attribute("open", "")
    expect(page.locator("input[name=emails]").first).to_be_focused()
    expect(page.locator("input[name=emails]").first).to_have_value("jana(at)example.com")
    assert not Contact.objects.exists()


def test_without_javascript_each_save_offers_one_more_empty_input(nojs_page, sign_in):
    user = make_user()
    contact = make_contact(user, first_name="Jana", emails=["jana@example.com"])
    sign_in(nojs_page.context, user)

    nojs_page.goto(reverse("contacts:edit", args=[contact.pk]))
    emails = nojs_page.locator("input[name=emails]")
    expect(emails).to_have_count(2)
    expect(nojs_page.locator("button[data-add-entry]").first).to_be_hidden()
    emails.nth(1).fill("jana@work.example")
    nojs_page.locator("form.contact-form button[type=submit].primary").click()

    contact.refresh_from_db()
    assert contact.emails == ["jana@example.com", "jana@work.example"]
    nojs_page.goto(reverse("contacts:edit", args=[contact.pk]))
    expect(nojs_page.locator("input[name=emails]")).to_have_count(3)


def test_on_the_desk_the_new_contact_form_shows_every_field(browser, live_server, sign_in):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    sign_in(context, make_user())
    page = context.new_page()

    page.goto(reverse("contacts:create"))

    expect(page.locator("#id_company")).to_be_visible()
    context.close()


def test_a_future_lunch_offers_no_done_button(page, sign_in):
    user = make_user()
    anna = make_contact(user, first_name="Anna")
    today, later = make_lunch(user, anna), make_lunch(user, anna, days_from_today=2)
    sign_in(page.context, user)

    page.goto(reverse("reminders:lunch_list"))

    expect(page.locator(f"#lunch-{today.pk} button[name=done]")).to_be_visible()
    expect(page.locator(f"#lunch-{later.pk} button[name=done]")).to_have_count(0)


def test_what_is_stored_about_a_person_leaves_room_for_the_values(narrow_page, sign_in):
    user = make_user()
    anna = make_contact(
        user, first_name="Anna", last_name="Weber", emails=["anna.weber@example.org"]
    )
    sign_in(narrow_page.context, user)

    narrow_page.goto(reverse("data:person", args=[anna.pk]))

    values = narrow_page.locator(".data-rows dd")
    widths = values.evaluate_all("all => all.map((e) => e.getBoundingClientRect().width)")
    assert widths and min(widths) > 200
    assert narrow_page.evaluate(BROKEN_WORDS) == []


# Each axis label of a chart on one line, clear of its neighbours.
CROWDED_LABELS = """() => {
  const problems = [];
  for (const axis of document.querySelectorAll('.column-labels')) {
    let right = -Infinity;
    for (const span of axis.querySelectorAll('span')) {
      const range = document.createRange();
      range.selectNodeContents(span.firstChild);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const text = span.firstChild.data;
      if (new Set(rects.map((r) => Math.round(r.top))).size > 1) problems.push(`${text} wraps`);
      const left = Math.min(...rects.map((r) => r.left));
      if (left < right) problems.push(`${text} runs into the label before`);
      right = Math.max(...rects.map((r) => r.right));
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_the_strategy_charts_keep_their_week_and_month_labels_apart(
    browser, live_server, sign_in, width
):
    user = make_user(language="de")
    make_goal(user)
    for language in ("de", "en"):
        User.objects.filter(pk=user.pk).update(language=language)
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 800}
        )
        sign_in(context, user)
        page = context.new_page()
        page.goto(reverse("strategy:overview"))
        expect(page.locator("#lunch-signal .column-labels span")).to_have_count(8)
        assert page.evaluate(CROWDED_LABELS) == [], language
        context.close()
