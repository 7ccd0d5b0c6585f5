"""A goal whose review is due is nudged once per review date, and links to the goal."""

import datetime
import importlib

from django.apps import apps

from reminders.models import EmailState, Nudge, NudgeKind
from reminders.scan import scan_nudges
from tests.factories import make_goal, make_nudge

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


def test_the_nudge_knows_its_goal_and_goes_with_it(owner):
    goal = make_goal(owner, created_on=datetime.date(2026, 1, 1))
    scan_nudges(at(2026, 11, 23, 9))
    assert Nudge.objects.get(kind=NudgeKind.GOAL_REVIEW).goal == goal

    goal.delete()
    assert not Nudge.objects.filter(kind=NudgeKind.GOAL_REVIEW).exists()


def test_nudges_made_before_the_goal_link_get_their_goal_from_the_key(owner, outsider):
    migration = importlib.import_module("reminders.migrations.0007_nudge_goal_from_key")
    goal = make_goal(owner)
    theirs = make_goal(outsider)
    mine = make_nudge(owner, NudgeKind.GOAL_REVIEW, key=f"{goal.pk}:2026-10-30")
    foreign = make_nudge(owner, NudgeKind.GOAL_REVIEW, key=f"{theirs.pk}:2026-10-30")
    gone = make_nudge(owner, NudgeKind.GOAL_REVIEW, key=f"{theirs.pk + 1}:2026-10-30")
    other_kind = make_nudge(owner, NudgeKind.LUNCH_WEEK, key=f"{goal.pk}:2026-10-30")

    migration.link_goals(apps, None)

    linked = dict(Nudge.objects.values_list("pk", "goal_id"))
    assert linked == {mine.pk: goal.pk, foreign.pk: None, gone.pk: None, other_kind.pk: None}
