"""Follow-ups: due lists, done with repeat, snooze."""

import datetime

from reminders.models import FollowUp
from reminders.models.followup import add_months
from tests.factories import make_contact

TODAY = datetime.date(2026, 11, 22)


def make_follow_up(owner, due_on=TODAY, **fields):
    return FollowUp.objects.create(
        owner=owner, contact=make_contact(owner), due_on=due_on, **fields
    )


def test_due_lists_open_follow_ups_up_to_the_day_oldest_first(owner, outsider):
    late = make_follow_up(owner, TODAY - datetime.timedelta(days=3))
    today = make_follow_up(owner, TODAY)
    make_follow_up(owner, TODAY + datetime.timedelta(days=1))
    make_follow_up(outsider, TODAY)
    done = make_follow_up(owner, TODAY)
    done.mark_done(TODAY)
    assert list(FollowUp.objects.for_owner(owner).due(TODAY)) == [late, today]


def test_marking_done_twice_closes_it_once_and_repeats_once(owner):
    weekly = make_follow_up(owner, TODAY, repeat="weekly", note="Newsletter schicken")
    following = weekly.mark_done(TODAY)
    again = weekly.mark_done(TODAY)
    assert weekly.is_done
    assert again is None
    assert following.due_on == TODAY + datetime.timedelta(weeks=1)
    assert following.note == "Newsletter schicken"
    assert FollowUp.objects.for_owner(owner).open().count() == 1


def test_a_long_overdue_repeat_comes_back_after_today_not_in_the_past(owner):
    monthly = make_follow_up(owner, datetime.date(2026, 7, 31), repeat="monthly")
    following = monthly.mark_done(TODAY)
    assert following.due_on == datetime.date(2026, 11, 30)


def test_month_steps_clamp_to_the_end_of_short_months():
    assert add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2028, 1, 31), 1) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)


def test_snooze_pushes_a_week_past_today_for_an_overdue_one(owner):
    overdue = make_follow_up(owner, TODAY - datetime.timedelta(days=10))
    overdue.snooze(TODAY)
    overdue.refresh_from_db()
    assert overdue.due_on == TODAY + datetime.timedelta(days=7)


def test_snooze_of_a_future_one_pushes_from_its_due_day(owner):
    later = make_follow_up(owner, TODAY + datetime.timedelta(days=3))
    later.snooze(TODAY, days=1)
    assert later.due_on == TODAY + datetime.timedelta(days=4)
