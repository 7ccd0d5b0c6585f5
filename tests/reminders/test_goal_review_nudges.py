"""A goal whose review is due is nudged once per review date, and links to the goal."""

import datetime

from reminders.models import EmailState, Nudge, NudgeKind
from reminders.scan import scan_nudges
from tests.factories import make_goal

from .helpers import at


def test_a_due_goal_review_is_nudged_once_and_links_to_the_goal(owner, outsider):
    goal = make_goal(owner, title="Expertin werden", created_on=datetime.date(2026, 8, 1))
    make_goal(outsider, title="Nicht meins", created_on=datetime.date(2026, 11, 1))
    assert goal.next_review_on == datetime.date(2026, 10, 30)

    scan_nudges(at(2026, 11, 23, 9))
    scan_nudges(at(2026, 11, 23, 10))

    nudge = Nudge.objects.get(kind=NudgeKind.GOAL_REVIEW)
    assert nudge.owner == owner
    assert nudge.occurs_on == goal.next_review_on
    assert nudge.email_state == EmailState.PENDING  # reviews go by email by default
    assert nudge.target_url() == goal.get_absolute_url()


def test_no_goal_review_nudge_before_it_is_due_or_when_switched_off(owner):
    make_goal(owner, created_on=datetime.date(2026, 11, 1))
    scan_nudges(at(2026, 11, 23, 9))
    assert not Nudge.objects.filter(kind=NudgeKind.GOAL_REVIEW).exists()

    owner.review_nudges = "off"
    owner.save()
    make_goal(owner, created_on=datetime.date(2026, 1, 1))
    scan_nudges(at(2026, 11, 23, 9))
    assert not Nudge.objects.filter(kind=NudgeKind.GOAL_REVIEW).exists()


def test_a_new_review_date_brings_a_new_nudge(owner):
    goal = make_goal(owner, created_on=datetime.date(2026, 1, 1))
    scan_nudges(at(2026, 11, 23, 9))
    goal.last_reviewed_on = datetime.date(2026, 8, 1)
    goal.save()
    scan_nudges(at(2026, 11, 23, 9))
    assert Nudge.objects.filter(kind=NudgeKind.GOAL_REVIEW).count() == 2
