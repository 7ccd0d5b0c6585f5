"""The strategy overview: each goal's signals as small charts, at a fixed query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from reminders.models import Lunch
from strategy import charts
from strategy.overview import strategy_overview
from tests.factories import (
    make_channel,
    make_contact,
    make_event,
    make_goal,
    make_goal_contact,
    make_group,
    make_interaction,
    make_user,
)

OVERVIEW = reverse("strategy:overview")
# Session, user, goals with counts, monthly interactions, events per goal, events and groups
# for the bubble share, minutes per platform, lunches kept, the paused/reached goals.
OVERVIEW_MAX_QUERIES = 10


def test_the_overview_counts_interactions_with_goal_contacts_this_month(owner):
    today = timezone.localdate()
    goal = make_goal(owner)
    linked, other = make_contact(owner), make_contact(owner)
    make_goal_contact(goal, linked)
    make_interaction(linked, days_ago=0)
    make_interaction(linked, days_ago=0, others=[other])
    make_interaction(other, days_ago=0)
    make_interaction(linked, days_ago=70)

    (signal,) = strategy_overview(owner, today)["signals"]

    assert signal.interactions_this_month == 2
    assert [c.value for c in signal.months["columns"]][-1] == 2
    assert sum(c.value for c in signal.months["columns"]) == 3


def test_moving_an_interaction_to_another_month_moves_it_on_the_chart(client_owner, owner):
    today = timezone.localdate()
    goal = make_goal(owner)
    linked, other = make_contact(owner), make_contact(owner)
    make_goal_contact(goal, linked)
    coffee = make_interaction(linked, days_ago=0, notes="Kaffee", others=[other])
    months_before = (today.replace(day=1) - datetime.timedelta(days=40)).replace(day=10)

    response = client_owner.post(
        reverse("contacts:interaction_edit", args=[coffee.pk]),
        {
            "kind": coffee.kind,
            "date": months_before.isoformat(),
            "notes": "Kaffee",
            "contacts": [linked.pk, other.pk],
        },
    )

    assert response.status_code == 302
    (signal,) = strategy_overview(owner, today)["signals"]
    counts = [c.value for c in signal.months["columns"]]
    assert signal.interactions_this_month == 0
    assert counts[-3] == 1 and sum(counts) == 1


def test_the_overview_shares_events_outside_the_bubble(owner):
    today = timezone.localdate()
    outside_group = make_group(owner, outside_bubble=True)
    make_event(owner, days_ago=5, outside_bubble=True)
    make_event(owner, days_ago=6, group=outside_group)
    make_event(owner, days_ago=7)
    make_event(owner, days_ago=8)
    make_event(owner, days_ago=200, outside_bubble=True)
    make_event(owner, days_ago=-3, outside_bubble=True)

    bubble = strategy_overview(owner, today)["bubble"]

    assert (bubble["events"], bubble["events_outside"], bubble["percent"]) == (4, 2, 50)
    assert (bubble["groups"], bubble["groups_outside"]) == (1, 1)


def test_events_count_for_the_goals_of_their_group(owner):
    today = timezone.localdate()
    goal = make_goal(owner)
    group = make_group(owner, goals=[goal])
    make_event(owner, days_ago=3, group=group)
    make_event(owner, days_ago=4)

    (signal,) = strategy_overview(owner, today)["signals"]

    assert signal.events_attended == 1


def test_a_due_review_is_flagged_on_the_overview(client_owner, owner):
    today = timezone.localdate()
    goal = make_goal(owner, title="Neue Kundschaft", review_every_days=7)
    goal.created_on = today - datetime.timedelta(days=30)
    goal.save()

    html = client_owner.get(OVERVIEW).content.decode()

    assert reverse("strategy:goal_review", args=[goal.pk]) in html
    assert "msg-warning" in html


def test_the_overview_invites_a_first_goal(client_owner):
    html = client_owner.get(OVERVIEW).content.decode()

    assert reverse("strategy:goal_create") in html
    assert "goal-card" not in html


def test_the_charts_carry_their_numbers_as_text(client_owner, owner):
    goal = make_goal(owner, title="Expertin")
    make_channel(goal, "youtube", weekly_minutes=45)
    contact = make_contact(owner)
    make_goal_contact(goal, contact)
    make_interaction(contact)

    html = client_owner.get(OVERVIEW).content.decode()

    assert 'role="img"' in html and "<title>" in html
    # The number in its bar: a bare "45" could come from the page's random CSRF token.
    assert "YouTube" in html and '<span class="bar-value">45 Min.</span>' in html
    assert "style=" not in html  # the CSP allows no inline styles


def test_the_overview_shows_lunches_kept_against_the_target(client_owner, owner):
    today = timezone.localdate()
    owner.lunch_target = 2
    owner.save()
    contact = make_contact(owner)
    for days_ago, status in ((0, "done"), (0, "cancelled"), (0, "planned"), (7, "done")):
        lunch = Lunch.objects.create(
            owner=owner, date=today - datetime.timedelta(days=days_ago), status=status
        )
        lunch.contacts.set([contact])

    lunches = strategy_overview(owner, today)["lunches"]
    html = client_owner.get(OVERVIEW).content.decode()

    assert lunches["target"] == 2 and lunches["this_week"] == 1
    assert [c.value for c in lunches["chart"]["columns"]][-2:] == [1, 1]
    assert lunches["chart"]["target_y"] is not None
    assert 'id="lunch-signal"' in html and 'class="target"' in html


def test_columns_scale_to_the_biggest_value_or_the_target():
    chart = charts.columns([("a", 1), ("b", 4)], target=2)
    assert [c.height for c in chart["columns"]] == [10, 40]
    assert chart["target_y"] == 20
    assert charts.columns([("a", 0)])["columns"][0].height == 0


@pytest.mark.parametrize(
    ("language", "axis", "first", "last"),
    [
        ("de", ["27.1.", "3.2.", "10.", "17.", "24.", "3.3."], "27. Januar", "3. März"),
        ("en", ["27 Jan", "3 Feb", "10", "17", "24", "3 Mar"], "27 January", "3 March"),
    ],
)
def test_week_labels_name_the_month_where_it_changes_and_the_full_date_aside(
    language, axis, first, last
):
    mondays = charts.week_starts(datetime.date(2025, 3, 5), 6)
    with translation.override(language):
        short, full = charts.week_labels(mondays)
    assert short == axis
    assert (full[0], full[-1]) == (first, last)


def test_the_lunch_chart_names_weeks_in_the_readers_language(client, owner):
    today = timezone.localdate()
    owner.language = "en"
    owner.save()
    client.force_login(owner)
    Lunch.objects.create(owner=owner, date=today, status="done")

    html = client.get(OVERVIEW).content.decode()

    monday = today - datetime.timedelta(days=today.weekday())
    with translation.override("en"):
        short, full = charts.week_labels(charts.week_starts(today, 8))
    assert f"<span>{short[-1]}<b>1</b></span>" in html
    assert f"{monday.day} {monday:%B}: 1" in html  # the chart's text names the whole date


def test_month_and_week_starts_count_back_from_today():
    assert charts.month_starts(datetime.date(2025, 2, 14), 3) == [
        datetime.date(2024, 12, 1),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 2, 1),
    ]
    assert charts.week_starts(datetime.date(2025, 2, 14), 2) == [
        datetime.date(2025, 2, 3),
        datetime.date(2025, 2, 10),
    ]


def build_strategy(goals: int, contacts_per_goal: int, events: int):
    user = make_user()
    for g in range(goals):
        goal = make_goal(user, title=f"Ziel {g}", status="active" if g % 4 else "paused")
        make_channel(goal, "linkedin", weekly_minutes=30 + g)
        make_channel(goal, "mastodon", weekly_minutes=10)
        group = make_group(user, goals=[goal], outside_bubble=g % 2 == 0)
        people = [make_contact(user) for _ in range(contacts_per_goal)]
        for n, person in enumerate(people):
            make_goal_contact(goal, person, next_step="Kaffee")
            make_interaction(person, days_ago=n * 9)
        group.contacts.set(people)
        for n in range(events):
            make_event(user, days_ago=n * 5, group=group, outside_bubble=n % 3 == 0)
    return user


@pytest.mark.parametrize("htmx", [False, True])
def test_the_overview_runs_the_same_queries_for_small_and_big_strategies(
    client, db, htmx, htmx_headers
):
    queries = {}
    for name, user in (
        ("small", build_strategy(goals=2, contacts_per_goal=2, events=1)),
        ("big", build_strategy(goals=12, contacts_per_goal=15, events=8)),
    ):
        client.force_login(user)
        client.get(OVERVIEW)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(OVERVIEW, **(htmx_headers if htmx else {}))
        assert response.status_code == 200
        queries[name] = [q["sql"] for q in captured.captured_queries]
        assert response.content.decode().count('class="card goal-card"') == (
            1 if name == "small" else 9
        )

    listing = "\n".join(queries["small"] + ["-- big"] + queries["big"])
    assert len(queries["small"]) == len(queries["big"]), listing
    assert len(queries["big"]) <= OVERVIEW_MAX_QUERIES, listing
