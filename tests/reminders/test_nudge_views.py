"""In-app nudges: the badge, the list, mark read; the headline of every kind in both languages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from reminders.models import Nudge, NudgeKind
from tests.factories import (
    make_contact,
    make_follow_up,
    make_goal,
    make_important_date,
    make_lunch,
    make_nudge,
)

LIST = reverse("reminders:nudge_list")


@pytest.fixture
def anna(owner):
    return make_contact(owner, first_name="Anna", last_name="Adler", birthday_year=1990)


def test_the_nav_badge_counts_unread_nudges_only_of_the_user(client_owner, owner, outsider, anna):
    make_nudge(owner, "touch", contact=anna)
    make_nudge(owner, "touch", contact=anna)
    make_nudge(owner, "touch", contact=anna, read_at=timezone.now())
    make_nudge(outsider, "touch", contact=make_contact(outsider))

    text = client_owner.get(reverse("contacts:list")).text

    assert '<span class="badge">2</span>' in text


def test_the_badge_follows_the_count_and_the_language_on_every_page(client_owner, owner, anna):
    # The badge is kept rendered per language and count ({% cache %}): each must show.
    make_nudge(owner, "touch", contact=anna)
    assert "1 ungelesene Erinnerung<" in client_owner.get(reverse("contacts:list")).text

    make_nudge(owner, "touch", contact=anna)
    assert "2 ungelesene Erinnerungen<" in client_owner.get(reverse("contacts:list")).text

    owner.language = "en"
    owner.save()
    assert "2 unread nudges<" in client_owner.get(reverse("contacts:list")).text


def test_the_badge_shows_no_number_without_unread_nudges(client_owner):
    assert 'class="badge"' not in client_owner.get(reverse("contacts:list")).text


def test_the_list_is_newest_first_and_paged(client_owner, owner, anna):
    for n in range(25):
        make_nudge(
            owner, "touch", contact=anna, created_at=timezone.now() - datetime.timedelta(hours=n)
        )

    first = client_owner.get(LIST).text
    second = client_owner.get(LIST + "?page=2").text

    assert first.count('class="row nudge') == 20
    assert second.count('class="row nudge') == 5
    newest = Nudge.objects.order_by("-created_at").first()
    assert first.index(f'id="nudge-{newest.pk}"') < first.index("</ul>")


def test_mark_one_read_over_htmx_swaps_the_row_and_the_badge(
    client_owner, owner, anna, htmx_headers
):
    nudge = make_nudge(owner, "touch", contact=anna)
    make_nudge(owner, "touch", contact=anna)

    response = client_owner.post(reverse("reminders:nudge_read", args=[nudge.pk]), **htmx_headers)

    assert response.status_code == 200
    assert 'class="row nudge is-read"' in response.text
    assert 'id="nudge-badge"' in response.text and 'hx-swap-oob="true"' in response.text
    assert '<span class="badge">1</span>' in response.text
    nudge.refresh_from_db()
    assert nudge.is_read


def test_mark_one_read_without_javascript_goes_back(client_owner, owner, anna):
    nudge = make_nudge(owner, "touch", contact=anna)

    response = client_owner.post(
        reverse("reminders:nudge_read", args=[nudge.pk]), {"next": "/week/"}
    )

    assert response.url == "/week/"
    assert client_owner.get(reverse("reminders:nudge_read", args=[nudge.pk])).status_code == 405


def test_mark_all_read_touches_only_the_users_nudges(client_owner, owner, outsider, anna):
    make_nudge(owner, "touch", contact=anna)
    theirs = make_nudge(outsider, "touch", contact=make_contact(outsider))

    response = client_owner.post(reverse("reminders:nudge_read_all"))

    assert response.status_code == 302
    assert not Nudge.objects.for_owner(owner).unread().exists()
    theirs.refresh_from_db()
    assert not theirs.is_read
    assert client_owner.get(reverse("reminders:nudge_read_all")).status_code == 405


def headline(nudge: Nudge, language: str) -> str:
    nudge = Nudge.objects.for_display().get(pk=nudge.pk)
    with translation.override(language):
        return nudge.headline(timezone.localdate())


def test_headlines_of_every_kind_in_german_and_english(owner, anna):
    today = timezone.localdate()
    owner.lunch_target = 2
    owner.save()
    in_three = today + datetime.timedelta(days=3)
    date = make_important_date(anna, label="Firmenjubiläum", day=in_three.day, month=in_three.month)
    lunch = make_lunch(owner, anna, place="Hafenküche", time=datetime.time(12, 30))
    follow_up = make_follow_up(anna, 0, note="Angebot schicken")
    cases = {
        make_nudge(owner, NudgeKind.BIRTHDAY, contact=anna, occurs_on=today): (
            f"Anna Adler wird heute {today.year - 1990}.",
            f"Anna Adler turns {today.year - 1990} today.",
        ),
        make_nudge(owner, NudgeKind.IMPORTANT_DATE, important_date=date, occurs_on=in_three): (
            "In 3 Tagen: Firmenjubiläum von Anna Adler",
            "In 3 days: Firmenjubiläum of Anna Adler",
        ),
        make_nudge(owner, NudgeKind.FOLLOW_UP, follow_up=follow_up, contact=anna): (
            "Melde dich bei Anna Adler: Angebot schicken",
            "Follow up with Anna Adler: Angebot schicken",
        ),
        make_nudge(owner, NudgeKind.KEEP_IN_TOUCH, contact=anna): (
            "Zeit, dich wieder bei Anna Adler zu melden.",
            "Time to get in touch with Anna Adler again.",
        ),
        make_nudge(owner, NudgeKind.LUNCH_WEEK): (
            "Plane deine Mittagessen: dein Ziel sind 2 pro Woche.",
            "Plan your lunches this week: your target is 2 lunches.",
        ),
        make_nudge(owner, NudgeKind.LUNCH_TODAY, lunch=lunch): (
            "Heute Mittagessen mit Anna Adler (12:30 · Hafenküche)",
            "Lunch today with Anna Adler (12:30 p.m. · Hafenküche)",
        ),
        make_nudge(owner, NudgeKind.GOAL_REVIEW): (
            "Eine Ziel-Überprüfung steht an.",
            "A goal review is due.",
        ),
    }
    for nudge, (german, english) in cases.items():
        assert headline(nudge, "de").startswith(german), nudge.kind
        assert headline(nudge, "en").startswith(english), nudge.kind


def test_a_goal_review_headline_names_the_goal(owner):
    goal = make_goal(owner, title="Expertin werden")
    nudge = make_nudge(owner, NudgeKind.GOAL_REVIEW, goal=goal)

    assert headline(nudge, "de") == "Eine Ziel-Überprüfung steht an: Expertin werden"
    assert headline(nudge, "en") == "A goal review is due: Expertin werden"
    assert nudge.target_url() == goal.get_absolute_url()


def test_the_list_takes_the_same_queries_for_few_and_many_nudges(client_owner, owner):
    counts = []
    for copies in (1, 5):
        anna = make_contact(owner, first_name=f"Anna{copies}", birthday_year=1990)
        for _ in range(copies):
            make_nudge(owner, NudgeKind.BIRTHDAY, contact=anna)
            make_nudge(owner, NudgeKind.FOLLOW_UP, follow_up=make_follow_up(anna), contact=anna)
            make_nudge(owner, NudgeKind.LUNCH_TODAY, lunch=make_lunch(owner, anna))
            make_nudge(owner, NudgeKind.GOAL_REVIEW, goal=make_goal(owner, title="Mein Ziel"))
        with CaptureQueriesContext(connection) as captured:
            response = client_owner.get(LIST)
        assert "Eine Ziel-Überprüfung steht an: Mein Ziel" in response.text
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_a_birthday_headline_counts_down_the_days(owner, anna):
    today = timezone.localdate()
    nudge = make_nudge(
        owner, NudgeKind.BIRTHDAY, contact=anna, occurs_on=today + datetime.timedelta(days=1)
    )

    assert headline(nudge, "en").startswith("Anna Adler has a birthday tomorrow")
    assert headline(nudge, "de").startswith("Anna Adler hat morgen Geburtstag")


def test_every_nudge_links_somewhere_useful(owner, anna):
    follow_up = make_follow_up(anna, 0)
    assert make_nudge(owner, "followup", follow_up=follow_up).target_url() == reverse(
        "reminders:followup_list"
    )
    assert make_nudge(owner, "touch", contact=anna).target_url() == anna.get_absolute_url()
    assert make_nudge(owner, "lunchweek").target_url() == reverse("reminders:lunch_list")


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "3 Dec 2026, 9:05 a.m."), ("de", "03.12.2026 09:05")]
)
def test_a_nudge_shows_when_it_came_day_first_in_both_languages(
    client_owner, owner, anna, language, shown
):
    owner.language, owner.time_zone = language, "Europe/Berlin"
    owner.save()
    nudge = make_nudge(owner, "touch", contact=anna)
    came = datetime.datetime(
        2026, 12, 3, 9, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    Nudge.objects.filter(pk=nudge.pk).update(created_at=came)

    text = client_owner.get(LIST).text

    assert f'<span class="row-meta">{shown}</span>' in text
