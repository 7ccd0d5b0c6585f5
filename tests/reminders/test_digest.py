"""The weekly digest: its content, its queries, its time (DST included), sent once."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact
from reminders.delivery import due_digests, send_digest
from reminders.digest import build_digest
from reminders.models import Digest, DigestState
from tests.factories import make_contact, make_user

from .helpers import UTC, FlakyBackend, at, follow_up, important_date, lunch

MONDAY = datetime.date(2026, 11, 23)
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=UTC)
# Birthdays, dates, overdue (with their count), follow-ups, lunches and their guests, lunch
# suggestions; with the strategy app, goal reviews and people to help.
DIGEST_QUERIES = 9


def network(owner, size: int) -> None:
    """`size` contacts with birthdays, dates, follow-ups and lunches spread over them."""
    categories = ["einhorn", "flamingo", "pinguin"]
    Contact.objects.bulk_create(
        Contact(
            owner=owner,
            first_name=f"Vorname{n}",
            last_name=f"Nachname{n}",
            sort_name=f"nachname{n:04}",
            category=categories[n % 3],
            birthday_day=1 + n % 28,
            birthday_month=11 + n % 2,
            created_at=LONG_AGO,
            city="Köln",
        )
        for n in range(size)
    )
    contacts = Contact.objects.for_owner(owner)
    contacts.refresh_keep_in_touch_due()
    people = list(contacts[:size])
    for person in people[: size // 5]:
        follow_up(owner, person, MONDAY - datetime.timedelta(days=person.pk % 5))
        important_date(owner, person, 11, 24 + person.pk % 5)
    lunch(owner, MONDAY, *people[:3])


@pytest.mark.parametrize("size", [10, 300])
def test_building_a_digest_runs_a_fixed_number_of_queries(owner, size):
    network(owner, size)
    with CaptureQueriesContext(connection) as queries:
        data = build_digest(owner, MONDAY)
        assert data.dates and data.follow_ups and data.overdue and data.lunches
    assert len(queries) == DIGEST_QUERIES
    if size == 300:
        assert len(data.overdue) == 10 and data.overdue_count > 10


def test_the_digest_holds_the_next_two_weeks_dates_overdue_follow_ups_and_lunches(owner):
    owner.language = "en"
    owner.save()
    ben = make_contact(owner, first_name="Ben", birthday_day=30, birthday_month=11)
    far = make_contact(owner, first_name="Far", birthday_day=10, birthday_month=12)
    eva = make_contact(owner, first_name="Eva", category="einhorn", created_at=LONG_AGO)
    ida = make_contact(owner, first_name="Ida", category="einhorn", created_at=LONG_AGO)
    anniversary = important_date(owner, ben, 12, 6, year=2016)
    due = follow_up(owner, ben, MONDAY - datetime.timedelta(days=2), note="Angebot")
    later = follow_up(owner, ben, MONDAY + datetime.timedelta(days=20))
    planned = lunch(owner, MONDAY + datetime.timedelta(days=2), eva)
    data = build_digest(owner, MONDAY)
    assert [(d.contact, d.on) for d in data.dates] == [
        (ben, datetime.date(2026, 11, 30)),
        (ben, datetime.date(2026, 12, 6)),
    ]
    assert data.dates[1].important_date_id == anniversary.pk
    assert data.dates[1].years == 10
    assert far not in [d.contact for d in data.dates]
    # Eva is due too, but the lunch planned with her is the getting in touch.
    assert data.overdue == [ida]
    assert data.follow_ups == [due] and later not in data.follow_ups
    assert data.lunches == [planned]
    assert data.lunches_missing == 1
    assert len(data.suggestions) <= 3


def test_the_digest_email_has_both_parts_unsubscribe_headers_and_one_tap_links(
    owner, mailoutbox, settings
):
    settings.SITE_URL = "https://netzwerk.example.org"
    owner.language = "en"
    owner.save()
    ben = make_contact(
        owner, first_name="Ben", last_name="Ufer", birthday_day=25, birthday_month=11
    )
    follow_up(owner, ben, MONDAY, note="Angebot schicken")
    assert send_digest(owner.pk, "2026-W48", at(2026, 11, 23, 7))
    message = mailoutbox[0]
    html = message.alternatives[0][0]
    assert message.subject == "Your week in Netzwerk: 23 November"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://netzwerk.example.org/r/unsubscribe/digest/"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for part in (message.body, html):
        assert "Ben Ufer’s birthday" in part
        assert "Wednesday, 25 November" in part
        assert "Angebot schicken" in part
        assert "https://netzwerk.example.org/r/a/done/" in part
        assert "https://netzwerk.example.org/r/a/snooze/" in part
        assert "https://netzwerk.example.org/r/a/congratulate/" in part
        assert f"https://netzwerk.example.org/contacts/{ben.pk}/" in part
    # CSS is inlined for phone mail apps: no <style> left, a 600px column.
    assert "<style" not in html
    assert "max-width: 600px" in html
    assert 'style="' in html


def test_the_digest_is_in_the_users_language(owner, mailoutbox):
    follow_up(owner, make_contact(owner), MONDAY)
    send_digest(owner.pk, "2026-W48", at(2026, 11, 23, 7))
    assert mailoutbox[0].subject == "Deine Woche in Netzwerk: 23. November"


def test_sending_the_digest_marks_the_lunch_suggestions(owner, mailoutbox):
    guest = make_contact(owner, category="einhorn", created_at=LONG_AGO)
    send_digest(owner.pk, "2026-W48", at(2026, 11, 23, 7))
    guest.refresh_from_db()
    assert guest.lunch_suggested_on == MONDAY


def test_the_digest_is_sent_once_however_often_the_task_runs(owner, mailoutbox):
    follow_up(owner, make_contact(owner), MONDAY)
    now = at(2026, 11, 23, 7)
    assert due_digests(now) == [(owner.pk, "2026-W48")]
    assert due_digests(now) == [(owner.pk, "2026-W48")]  # two beats: still one row
    assert send_digest(owner.pk, "2026-W48", now)
    assert not send_digest(owner.pk, "2026-W48", now)
    assert not send_digest(owner.pk, "2026-W48", now + datetime.timedelta(hours=3))
    assert due_digests(now + datetime.timedelta(hours=3)) == []
    assert len(mailoutbox) == 1
    assert Digest.objects.get().state == DigestState.SENT


def test_nobody_gets_a_digest_before_their_day_and_hour(owner):
    owner.digest_weekday, owner.digest_hour = 2, 18  # Wednesday 18:00
    owner.save()
    assert due_digests(at(2026, 11, 23, 7)) == []
    assert due_digests(at(2026, 11, 25, 17, 59)) == []
    assert due_digests(at(2026, 11, 25, 18, 0)) == [(owner.pk, "2026-W48")]


def test_a_digest_missed_by_an_outage_waits_for_the_hour_on_a_later_day(owner):
    assert due_digests(at(2026, 11, 24, 3)) == []  # Tuesday 03:00: not at night
    assert due_digests(at(2026, 11, 24, 7)) == [(owner.pk, "2026-W48")]


def test_a_digest_more_than_a_day_late_waits_for_next_week(owner):
    # A new account on a Wednesday gets its first digest the next Monday, not at once.
    owner.date_joined = at(2026, 11, 25, 8)
    owner.save()
    assert due_digests(at(2026, 11, 25, 9)) == []
    assert due_digests(at(2026, 11, 30, 7)) == [(owner.pk, "2026-W49")]


def test_users_with_the_digest_switched_off_get_nothing_and_no_row(owner, mailoutbox):
    owner.digest_enabled = False
    owner.save()
    follow_up(owner, make_contact(owner), MONDAY)
    assert due_digests(at(2026, 11, 23, 7)) == []
    assert not send_digest(owner.pk, "2026-W48", at(2026, 11, 23, 7))
    assert not Digest.objects.exists()
    assert mailoutbox == []


def test_an_empty_week_is_recorded_as_skipped_with_a_reason(owner, mailoutbox):
    owner.lunch_target = 0
    owner.save()
    assert not send_digest(owner.pk, "2026-W48", at(2026, 11, 23, 7))
    status = Digest.objects.for_owner(owner).latest_status()
    assert status.state == DigestState.SKIPPED
    assert status.detail
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("monday", "utc_hour"),
    [
        (datetime.date(2026, 3, 23), 6),  # the week before summer time: CET, UTC+1
        (datetime.date(2026, 3, 30), 5),  # the day after the change (29 March): CEST, UTC+2
        (datetime.date(2026, 10, 19), 5),  # the week before winter time: CEST
        (datetime.date(2026, 10, 26), 6),  # the day after the change (25 October): CET
    ],
)
def test_the_berlin_digest_at_seven_is_sent_once_at_the_right_utc_instant_around_dst(
    owner, mailoutbox, monday, utc_hour
):
    follow_up(owner, make_contact(owner), monday)
    instant = datetime.datetime.combine(monday, datetime.time(utc_hour), tzinfo=UTC)
    before = instant - datetime.timedelta(minutes=1)
    assert due_digests(before) == []
    # Beat every five minutes for two hours, then hourly to the end of the week: one digest.
    runs = [instant + datetime.timedelta(minutes=5 * n) for n in range(24)]
    runs += [instant + datetime.timedelta(hours=n) for n in range(2, 7 * 24 - utc_hour - 1)]
    for now in runs:
        for user_id, week in due_digests(now):
            send_digest(user_id, week, now)
    assert len(mailoutbox) == 1
    digest = Digest.objects.get()
    assert digest.sent_at is not None
    # Claimed by the run at its instant (the lease renewed while it sent, by the run's clock).
    assert instant <= digest.claimed_at < instant + datetime.timedelta(minutes=1)


def test_the_sunday_of_the_dst_change_is_handled_for_a_sunday_digest(owner, mailoutbox):
    owner.digest_weekday, owner.digest_hour = 6, 5  # Sunday 05:00 Berlin
    owner.save()
    follow_up(owner, make_contact(owner), datetime.date(2026, 3, 29))
    # On 29 March 2026 the clock jumps from 02:00 to 03:00; 05:00 CEST is 03:00 UTC.
    assert due_digests(datetime.datetime(2026, 3, 29, 2, 59, tzinfo=UTC)) == []
    assert due_digests(datetime.datetime(2026, 3, 29, 3, 0, tzinfo=UTC)) == [(owner.pk, "2026-W13")]


def test_users_in_two_time_zones_get_the_digest_in_their_own_morning(owner):
    auckland = make_user("akl@example.com", time_zone="Pacific/Auckland")
    los_angeles = make_user("la@example.com", time_zone="America/Los_Angeles")
    # Monday 07:00 in Auckland (NZDT, UTC+13) is Sunday 18:00 UTC.
    assert due_digests(datetime.datetime(2026, 11, 22, 17, 59, tzinfo=UTC)) == []
    sunday_evening = datetime.datetime(2026, 11, 22, 18, 0, tzinfo=UTC)
    assert due_digests(sunday_evening) == [(auckland.pk, "2026-W48")]
    # Monday 07:00 in Los Angeles (PST, UTC-8) is Monday 15:00 UTC.
    # Berlin's is due by then; Auckland is in its night (Tuesday 03:59), LA not yet awake.
    at_1459 = datetime.datetime(2026, 11, 23, 14, 59, tzinfo=UTC)
    assert {pk for pk, _ in due_digests(at_1459)} == {owner.pk}
    assert los_angeles.pk in {
        pk for pk, _ in due_digests(datetime.datetime(2026, 11, 23, 15, 0, tzinfo=UTC))
    }


def test_a_refused_digest_is_retried_and_then_sent_exactly_once(owner, settings):
    settings.EMAIL_BACKEND = "tests.reminders.helpers.FlakyBackend"
    FlakyBackend.failures = 1
    follow_up(owner, make_contact(owner), MONDAY)
    seven = at(2026, 11, 23, 7)
    assert not send_digest(owner.pk, "2026-W48", seven)
    failed = Digest.objects.for_owner(owner).latest_status()
    assert failed.state == DigestState.PENDING
    assert "451" in failed.detail
    assert due_digests(seven + datetime.timedelta(seconds=30)) == []  # backoff
    retry = seven + datetime.timedelta(minutes=5)
    for user_id, week in due_digests(retry):
        send_digest(user_id, week, retry)
    for user_id, week in due_digests(retry + datetime.timedelta(minutes=5)):
        send_digest(user_id, week, retry + datetime.timedelta(minutes=5))
    assert len(mail.outbox) == 1
    sent = Digest.objects.for_owner(owner).latest_status()
    assert (sent.state, sent.attempts, sent.detail) == (DigestState.SENT, 2, "")


def test_a_digest_claim_left_by_a_crash_is_sent_by_a_later_scan(owner, mailoutbox):
    from reminders.delivery import CLAIM_TIMEOUT

    follow_up(owner, make_contact(owner), MONDAY)
    seven = at(2026, 11, 23, 7)
    Digest.objects.create(
        owner=owner, week="2026-W48", state=DigestState.SENDING, claimed_at=seven, attempts=1
    )
    assert due_digests(seven + CLAIM_TIMEOUT - datetime.timedelta(seconds=1)) == []
    later = seven + CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
    assert due_digests(later) == [(owner.pk, "2026-W48")]
    assert send_digest(owner.pk, "2026-W48", later)
    assert len(mailoutbox) == 1


def test_the_latest_status_is_the_newest_week(owner):
    Digest.objects.create(owner=owner, week="2026-W47", state=DigestState.SENT)
    Digest.objects.create(owner=owner, week="2026-W48", state=DigestState.FAILED, detail="x")
    assert Digest.objects.for_owner(owner).latest_status().week == "2026-W48"
    assert Digest.objects.for_owner(make_user()).latest_status() is None
