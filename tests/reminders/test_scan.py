"""The nudge scan: what becomes a nudge, when, and never twice."""

import datetime
import zoneinfo

from contacts.models import Contact
from reminders.models import EmailState, Nudge, NudgeKind
from reminders.scan import KEEP_IN_TOUCH_PER_DAY, scan_nudges
from tests.factories import make_contact, make_interaction, make_user

from .helpers import UTC, at, follow_up, important_date, lunch

MONDAY = datetime.date(2026, 11, 23)
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=UTC)


def keys(owner, kind=None) -> set[str]:
    nudges = Nudge.objects.for_owner(owner)
    if kind:
        nudges = nudges.filter(kind=kind)
    return set(nudges.values_list("key", flat=True))


def test_a_birthday_is_nudged_the_lead_days_before_and_on_the_day(owner):
    ben = make_contact(owner, birthday_day=26, birthday_month=11, birthday_year=1980)
    scan_nudges(at(2026, 11, 22, 9))  # four days before: too early for a lead of 3
    assert keys(owner, NudgeKind.BIRTHDAY) == set()
    scan_nudges(at(2026, 11, 23, 9))
    assert keys(owner, NudgeKind.BIRTHDAY) == {f"{ben.pk}:2026-11-26:ahead"}
    scan_nudges(at(2026, 11, 24, 9))
    scan_nudges(at(2026, 11, 26, 9))
    assert keys(owner, NudgeKind.BIRTHDAY) == {
        f"{ben.pk}:2026-11-26:ahead",
        f"{ben.pk}:2026-11-26:day",
    }
    nudge = Nudge.objects.get(key=f"{ben.pk}:2026-11-26:day")
    assert nudge.contact == ben
    assert nudge.occurs_on == datetime.date(2026, 11, 26)
    assert nudge.email_state == EmailState.PENDING  # birthdays go by email by default


def test_a_lead_of_zero_nudges_on_the_day_only(owner):
    owner.birthday_lead_days = 0
    owner.save()
    ben = make_contact(owner, birthday_day=24, birthday_month=11)
    scan_nudges(at(2026, 11, 23, 9))
    assert keys(owner, NudgeKind.BIRTHDAY) == set()
    scan_nudges(at(2026, 11, 24, 9))
    assert keys(owner, NudgeKind.BIRTHDAY) == {f"{ben.pk}:2026-11-24:day"}


def test_a_29_february_birthday_is_nudged_on_28_february_in_common_years(owner):
    leap = make_contact(owner, birthday_day=29, birthday_month=2)
    scan_nudges(at(2027, 2, 28, 9))
    assert f"{leap.pk}:2027-02-28:day" in keys(owner, NudgeKind.BIRTHDAY)
    scan_nudges(at(2027, 3, 1, 9))
    assert keys(owner, NudgeKind.BIRTHDAY) == {f"{leap.pk}:2027-02-28:day"}  # none on 1 March


def test_a_29_february_birthday_is_nudged_on_29_february_in_leap_years(owner):
    leap = make_contact(owner, birthday_day=29, birthday_month=2)
    scan_nudges(at(2028, 2, 28, 9))
    assert keys(owner, NudgeKind.BIRTHDAY) == {f"{leap.pk}:2028-02-29:ahead"}
    scan_nudges(at(2028, 2, 29, 9))
    assert f"{leap.pk}:2028-02-29:day" in keys(owner, NudgeKind.BIRTHDAY)


def test_a_birthday_missed_by_an_outage_is_still_nudged_the_morning_after(owner):
    ben = make_contact(owner, birthday_day=24, birthday_month=11)
    scan_nudges(at(2026, 11, 25, 9))
    assert f"{ben.pk}:2026-11-24:day" in keys(owner, NudgeKind.BIRTHDAY)


def test_archived_contacts_get_no_birthday_nudge(owner):
    make_contact(owner, birthday_day=23, birthday_month=11, status="archived")
    scan_nudges(at(2026, 11, 23, 9))
    assert keys(owner, NudgeKind.BIRTHDAY) == set()


def test_important_dates_are_nudged_like_birthdays(owner):
    ben = make_contact(owner)
    date = important_date(owner, ben, 11, 25, year=2016)
    scan_nudges(at(2026, 11, 23, 9))
    scan_nudges(at(2026, 11, 25, 9))
    assert keys(owner, NudgeKind.IMPORTANT_DATE) == {
        f"{date.pk}:2026-11-25:ahead",
        f"{date.pk}:2026-11-25:day",
    }
    assert Nudge.objects.filter(important_date=date, contact=ben).count() == 2


def test_a_follow_up_is_nudged_once_when_due_and_again_after_a_snooze(owner):
    ben = make_contact(owner)
    due = follow_up(owner, ben, datetime.date(2026, 11, 24))
    scan_nudges(at(2026, 11, 23, 9))
    assert keys(owner, NudgeKind.FOLLOW_UP) == set()
    scan_nudges(at(2026, 11, 24, 9))
    scan_nudges(at(2026, 11, 25, 9))  # overdue: still the one nudge
    assert keys(owner, NudgeKind.FOLLOW_UP) == {f"{due.pk}:2026-11-24"}
    due.snooze(datetime.date(2026, 11, 25))
    scan_nudges(at(2026, 12, 2, 9))
    assert keys(owner, NudgeKind.FOLLOW_UP) == {f"{due.pk}:2026-11-24", f"{due.pk}:2026-12-02"}


def test_done_follow_ups_are_not_nudged(owner):
    due = follow_up(owner, make_contact(owner), datetime.date(2026, 11, 20))
    due.mark_done(datetime.date(2026, 11, 21))
    scan_nudges(at(2026, 11, 23, 9))
    assert keys(owner, NudgeKind.FOLLOW_UP) == set()


def test_keep_in_touch_nudges_are_bounded_per_day_einhoerner_first(owner):
    flamingos = [make_contact(owner, category="flamingo", created_at=LONG_AGO) for _ in range(3)]
    einhoerner = [make_contact(owner, category="einhorn", created_at=LONG_AGO) for _ in range(2)]
    make_contact(owner, category="pinguin", created_at=LONG_AGO)  # no rhythm
    scan_nudges(at(2026, 11, 23, 9))
    first_day = set(
        Nudge.objects.filter(kind=NudgeKind.KEEP_IN_TOUCH).values_list("contact", flat=True)
    )
    assert len(first_day) == KEEP_IN_TOUCH_PER_DAY == 3
    assert {c.pk for c in einhoerner} < first_day
    scan_nudges(at(2026, 11, 23, 15))  # later the same day: the quota is used up
    assert Nudge.objects.filter(kind=NudgeKind.KEEP_IN_TOUCH).count() == 3
    scan_nudges(at(2026, 11, 24, 9))
    nudged = set(
        Nudge.objects.filter(kind=NudgeKind.KEEP_IN_TOUCH).values_list("contact", flat=True)
    )
    assert nudged == {c.pk for c in flamingos + einhoerner}
    assert Nudge.objects.get(contact=einhoerner[0]).email_state == ""  # in-app by default


def test_a_logged_interaction_moves_the_keep_in_touch_nudge_to_the_next_due_day(owner):
    ben = make_contact(owner, category="einhorn", created_at=LONG_AGO)
    scan_nudges(at(2026, 11, 23, 9))
    make_interaction(ben, days_ago=0)
    ben.refresh_from_db()
    assert ben.keep_in_touch_due_on > MONDAY
    scan_nudges(at(2026, 11, 24, 9))
    assert Nudge.objects.filter(kind=NudgeKind.KEEP_IN_TOUCH).count() == 1


def test_the_lunch_week_nudge_comes_on_the_planning_morning_when_lunches_are_missing(owner):
    owner.lunch_nudge_weekday = 1  # Tuesday
    owner.save()
    ben = make_contact(owner)
    lunch(owner, datetime.date(2026, 11, 25), ben)
    scan_nudges(at(2026, 11, 23, 9))
    assert keys(owner, NudgeKind.LUNCH_WEEK) == set()
    scan_nudges(at(2026, 11, 24, 9))
    nudge = Nudge.objects.get(kind=NudgeKind.LUNCH_WEEK)
    assert (nudge.key, nudge.occurs_on) == ("2026-W48", MONDAY)


def test_no_lunch_week_nudge_when_the_target_is_met_or_zero(owner, outsider):
    ben = make_contact(owner)
    lunch(owner, MONDAY, ben)
    lunch(owner, MONDAY + datetime.timedelta(days=3), ben, status="done")
    outsider.lunch_target = 0
    outsider.save()
    scan_nudges(at(2026, 11, 23, 9))
    assert Nudge.objects.filter(kind=NudgeKind.LUNCH_WEEK).count() == 0


def test_a_planned_lunch_is_nudged_on_its_morning(owner):
    ben = make_contact(owner)
    today = lunch(owner, MONDAY, ben)
    lunch(owner, MONDAY, ben, status="cancelled")
    lunch(owner, MONDAY + datetime.timedelta(days=1), ben)
    scan_nudges(at(2026, 11, 23, 9))
    assert keys(owner, NudgeKind.LUNCH_TODAY) == {f"{today.pk}:2026-11-23"}


def test_running_the_scan_twice_creates_nothing_twice(owner):
    ben = make_contact(owner, category="einhorn", birthday_day=23, birthday_month=11)
    Contact.objects.filter(pk=ben.pk).update(created_at=LONG_AGO)
    Contact.objects.filter(pk=ben.pk).refresh_keep_in_touch_due()
    follow_up(owner, ben, MONDAY)
    # Lunch with someone else: Ben's lunch would be his getting in touch.
    lunch(owner, MONDAY, make_contact(owner))
    scan_nudges(at(2026, 11, 23, 9))
    first = list(Nudge.objects.order_by("id").values_list("kind", "key"))
    scan_nudges(at(2026, 11, 23, 9, 5))
    scan_nudges(at(2026, 11, 23, 9, 5))
    assert list(Nudge.objects.order_by("id").values_list("kind", "key")) == first
    assert {kind for kind, _ in first} == {
        NudgeKind.BIRTHDAY,
        NudgeKind.FOLLOW_UP,
        NudgeKind.KEEP_IN_TOUCH,
        NudgeKind.LUNCH_WEEK,
        NudgeKind.LUNCH_TODAY,
    }


def test_a_user_with_every_nudge_switched_off_gets_none(owner):
    for name in ("birthday", "followup", "keep_in_touch", "lunch", "review"):
        setattr(owner, f"{name}_nudges", "off")
    owner.save()
    ben = make_contact(owner, category="einhorn", created_at=LONG_AGO)
    ben.birthday_day, ben.birthday_month = 23, 11
    ben.save()
    important_date(owner, ben, 11, 23)
    follow_up(owner, ben, MONDAY)
    lunch(owner, MONDAY, ben)
    scan_nudges(at(2026, 11, 23, 9))
    assert not Nudge.objects.exists()


def test_email_delivery_settings_decide_the_email_state(owner):
    owner.followup_nudges = "app"
    owner.lunch_nudges = "email"
    owner.save()
    ben = make_contact(owner)
    follow_up(owner, ben, MONDAY)
    scan_nudges(at(2026, 11, 23, 9))
    states = dict(Nudge.objects.values_list("kind", "email_state"))
    assert states == {NudgeKind.FOLLOW_UP: "", NudgeKind.LUNCH_WEEK: EmailState.PENDING}


def test_nothing_is_created_before_the_morning_hour_or_at_night(owner):
    owner.morning_hour = 9
    owner.save()
    follow_up(owner, make_contact(owner), MONDAY)
    for hour in (0, 3, 8, 22, 23):
        scan_nudges(at(2026, 11, 23, hour, 59))
    assert not Nudge.objects.exists()
    scan_nudges(at(2026, 11, 23, 9, 0))
    assert Nudge.objects.filter(kind=NudgeKind.FOLLOW_UP).exists()


def test_users_in_two_time_zones_get_their_nudges_in_their_own_morning(owner):
    los_angeles = make_user("la@example.com", time_zone="America/Los_Angeles")
    auckland = make_user("akl@example.com", time_zone="Pacific/Auckland")
    for user in (owner, los_angeles, auckland):
        follow_up(user, make_contact(user), MONDAY)
    # Monday 08:30 in Berlin is 23:30 on Sunday in Los Angeles and 20:30 Monday in Auckland.
    scan_nudges(datetime.datetime(2026, 11, 23, 7, 30, tzinfo=UTC))
    assert set(Nudge.objects.values_list("owner", flat=True)) == {owner.pk, auckland.pk}
    # 08:05 Monday in Los Angeles (16:05 UTC).
    la_morning = datetime.datetime(
        2026, 11, 23, 8, 5, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles")
    )
    scan_nudges(la_morning)
    assert Nudge.objects.filter(owner=los_angeles, kind=NudgeKind.FOLLOW_UP).count() == 1


def test_the_follow_up_of_the_local_date_counts_not_the_server_date(owner):
    auckland = make_user("akl@example.com", time_zone="Pacific/Auckland")
    follow_up(auckland, make_contact(auckland), MONDAY)
    # Sunday 22 Nov, 21:00 UTC is Monday 10:00 in Auckland: the follow-up is due there.
    scan_nudges(datetime.datetime(2026, 11, 22, 21, 0, tzinfo=UTC))
    assert Nudge.objects.filter(owner=auckland, kind=NudgeKind.FOLLOW_UP).count() == 1
