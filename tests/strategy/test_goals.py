"""Goals: the review rhythm, reviews, channels and the contacts linked with a next step."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from strategy.models import Goal, GoalChannel, GoalContact, GoalReview
from tests.factories import make_channel, make_contact, make_goal, make_goal_contact


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def test_a_new_goal_is_reviewed_every_90_days_from_its_start(owner):
    today = timezone.localdate()
    goal = make_goal(owner)

    assert goal.review_every_days == 90
    assert goal.next_review_on == today + days(90)


def test_recording_a_review_moves_the_next_review_and_may_change_the_goal(owner):
    today = timezone.localdate()
    goal = make_goal(owner)

    review = goal.record_review(
        reviewed_on=today - days(1),
        still_fits="Kundschaft im Mittelstand",
        changes="Weniger Instagram",
        review_every_days=30,
        status="active",
    )

    goal.refresh_from_db()
    assert review.goal == goal and review.owner == owner
    assert goal.last_reviewed_on == today - days(1)
    assert goal.review_every_days == 30
    assert goal.next_review_on == today + days(29)


def test_a_late_entered_older_review_does_not_move_the_plan_back(owner):
    today = timezone.localdate()
    goal = make_goal(owner)
    goal.record_review(reviewed_on=today)
    goal.record_review(reviewed_on=today - days(40))

    goal.refresh_from_db()
    assert goal.last_reviewed_on == today
    assert goal.reviews.count() == 2


def test_changing_the_rhythm_moves_the_next_review(owner):
    today = timezone.localdate()
    goal = make_goal(owner)
    goal.review_every_days = 14
    goal.save(update_fields=["review_every_days"])

    goal.refresh_from_db()
    assert goal.next_review_on == today + days(14)


def test_review_due_lists_the_owners_active_goals_due_on_a_date(owner, outsider):
    today = timezone.localdate()
    due = make_goal(owner, title="fällig", review_every_days=10)
    make_goal(owner, title="später", review_every_days=30)
    make_goal(owner, title="pausiert", review_every_days=10, status="paused")
    make_goal(outsider, title="fremd", review_every_days=10)

    on = today + days(10)
    assert list(Goal.objects.for_owner(owner).review_due(on)) == [due]
    assert list(Goal.objects.for_owner(owner).review_due(on - days(1))) == []


def test_it_creates_a_goal(client_owner, owner):
    today = timezone.localdate()
    response = client_owner.post(
        reverse("strategy:goal_create"),
        {"title": "Expertin für Barrierefreiheit", "kind": "expert", "review_every_days": 90},
    )

    goal = Goal.objects.get(owner=owner)
    assert response.status_code == 302
    assert response.url == goal.get_absolute_url()
    assert goal.status == "active"
    assert goal.next_review_on == today + days(90)


def test_it_refuses_a_goal_without_title_with_422(client_owner, owner):
    response = client_owner.post(reverse("strategy:goal_create"), {"kind": "expert"})

    assert response.status_code == 422
    assert not Goal.objects.exists()


def test_it_records_a_review_through_the_form(client_owner, owner):
    today = timezone.localdate()
    goal = make_goal(owner)
    response = client_owner.post(
        reverse("strategy:goal_review", args=[goal.pk]),
        {
            "reviewed_on": today.isoformat(),
            "still_fits": "passt",
            "changes": "mehr Vorträge",
            "status": "active",
            "review_every_days": 60,
        },
    )

    goal.refresh_from_db()
    assert response.status_code == 302
    assert goal.next_review_on == today + days(60)
    assert GoalReview.objects.get(goal=goal).changes == "mehr Vorträge"


def test_it_refuses_a_review_in_the_future(client_owner, owner):
    today = timezone.localdate()
    goal = make_goal(owner)
    response = client_owner.post(
        reverse("strategy:goal_review", args=[goal.pk]),
        {"reviewed_on": (today + days(5)).isoformat(), "status": "active", "review_every_days": 9},
    )

    assert response.status_code == 422
    assert not goal.reviews.exists()


def test_it_adds_two_channels_and_refuses_the_same_platform_twice(client_owner, owner):
    goal = make_goal(owner)
    url = reverse("strategy:channel_create", args=[goal.pk])

    first = client_owner.post(
        url, {"platform": "linkedin", "weekly_minutes": 60, "add_another": "1"}
    )
    second = client_owner.post(
        url,
        {
            "platform": "mastodon",
            "weekly_minutes": 20,
            "reason": "Tech-Szene",
            "profile_url": "social.example/@mia",
        },
    )
    twice = client_owner.post(url, {"platform": "linkedin", "weekly_minutes": 10})

    assert first.url == url
    assert second.url.endswith("#channels")
    assert twice.status_code == 422
    assert sorted(goal.channels.values_list("platform", "weekly_minutes")) == [
        ("linkedin", 60),
        ("mastodon", 20),
    ]
    assert GoalChannel.objects.get(platform="mastodon").profile_url == "https://social.example/@mia"


def test_minutes_by_platform_adds_up_channels_of_active_goals_biggest_first(owner):
    active, paused = make_goal(owner), make_goal(owner, status="paused")
    make_channel(active, "linkedin", weekly_minutes=30)
    make_channel(make_goal(owner), "linkedin", weekly_minutes=15)
    make_channel(active, "youtube", weekly_minutes=60)
    make_channel(paused, "x", weekly_minutes=500)

    rows = GoalChannel.objects.for_owner(owner).of_active_goals().minutes_by_platform()

    assert rows == [
        {"platform": "youtube", "minutes": 60},
        {"platform": "linkedin", "minutes": 45},
    ]


def test_the_weekly_time_page_shows_minutes_per_platform(client_owner, owner):
    goal = make_goal(owner, title="Neue Kundschaft")
    make_channel(goal, "linkedin", weekly_minutes=90, reason="Entscheider")
    make_channel(goal, "newsletter", weekly_minutes=30)

    html = client_owner.get(reverse("strategy:weekly_time")).content.decode()

    assert html.count('class="bar-row"') == 2
    assert 'width="100%"' in html and 'width="33%"' in html
    assert "Entscheider" in html


def test_it_links_a_contact_to_a_goal_with_a_next_step(client_owner, owner):
    goal, contact = make_goal(owner), make_contact(owner, first_name="Jana")

    response = client_owner.post(
        reverse("strategy:goal_contact_add", args=[goal.pk]),
        {"contact": contact.pk, "next_step": "Kaffee im März"},
    )

    assert response.status_code == 302
    link = GoalContact.objects.get(goal=goal, contact=contact)
    assert link.next_step == "Kaffee im März" and link.owner == owner
    page = client_owner.get(goal.get_absolute_url()).content.decode()
    assert "Kaffee im März" in page


def test_it_refuses_to_link_another_users_contact(client_owner, owner, outsider):
    goal, foreign = make_goal(owner), make_contact(outsider)

    response = client_owner.post(
        reverse("strategy:goal_contact_add", args=[goal.pk]), {"contact": foreign.pk}
    )

    assert response.status_code == 422
    assert not GoalContact.objects.exists()


def test_the_goal_page_search_offers_contacts_not_linked_yet(client_owner, owner, htmx_headers):
    goal = make_goal(owner)
    linked = make_contact(owner, first_name="Jana", last_name="Linked")
    make_goal_contact(goal, linked)
    make_contact(owner, first_name="Jana", last_name="Offen")

    response = client_owner.get(
        goal.get_absolute_url(), {"q": "jana"}, HTTP_HX_TARGET="picker-results", **htmx_headers
    )

    html = response.content.decode()
    assert html.strip().startswith('<div id="picker-results"')
    assert "Offen" in html and "Linked" not in html


def test_the_contact_page_links_to_a_goal(client_owner, owner):
    goal, contact = make_goal(owner, title="Jobsuche"), make_contact(owner)

    response = client_owner.post(
        reverse("strategy:link_goal", args=[contact.pk]),
        {"goal": goal.pk, "next_step": "Lebenslauf schicken"},
    )

    assert response.url == contact.get_absolute_url()
    page = client_owner.get(contact.get_absolute_url()).content.decode()
    assert "Jobsuche" in page and "Lebenslauf schicken" in page


@pytest.mark.parametrize(
    "name", ["goal_detail", "goal_edit", "goal_review", "goal_delete", "channel_create"]
)
def test_goal_pages_need_login_and_hide_other_users_goals(client, client_outsider, owner, name):
    goal = make_goal(owner)
    url = reverse(f"strategy:{name}", args=[goal.pk])

    assert client.get(url).status_code == 302
    assert client_outsider.get(url).status_code == 404
    assert client_outsider.post(url, {"title": "x"}).status_code == 404


def test_the_goal_page_is_read_only(client_owner, owner):
    goal = make_goal(owner)

    assert client_owner.post(goal.get_absolute_url()).status_code == 405
    assert client_owner.put(reverse("strategy:goal_edit", args=[goal.pk])).status_code == 405


def test_deleting_a_goal_keeps_its_contacts(client_owner, owner):
    goal, contact = make_goal(owner), make_contact(owner)
    make_goal_contact(goal, contact)

    client_owner.post(reverse("strategy:goal_delete", args=[goal.pk]))

    assert not Goal.objects.exists()
    contact.refresh_from_db()
