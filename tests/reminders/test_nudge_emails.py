"""Nudge emails: one per user and run, claimed once, retried with backoff, never lost."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reminders import delivery
from reminders.models import EmailState, Nudge, NudgeKind
from reminders.scan import scan_nudges
from tests.factories import make_contact, make_goal, make_nudge, make_user

from .helpers import FlakyBackend, at, follow_up, important_date, lunch

MONDAY = datetime.date(2026, 11, 23)
NINE = at(2026, 11, 23, 9)


@pytest.fixture
def due(owner):
    """Two follow-ups and a birthday by email for the owner, scanned at 09:00 Berlin."""
    ben = make_contact(owner, first_name="Ben", birthday_day=23, birthday_month=11)
    follow_up(owner, ben, MONDAY, note="Angebot")
    follow_up(owner, make_contact(owner, first_name="Cem"), MONDAY, note="Rückruf")
    scan_nudges(NINE)
    return Nudge.objects.for_owner(owner).filter(email_state=EmailState.PENDING)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.reminders.helpers.FlakyBackend"
    FlakyBackend.failures = 0
    FlakyBackend.attempts = 0
    return FlakyBackend


def states(owner) -> list[str]:
    return sorted(
        Nudge.objects.for_owner(owner).exclude(email_state="").values_list("email_state", flat=True)
    )


def test_a_users_due_nudges_go_out_in_one_email(owner, due, mailoutbox):
    assert due.count() == 3
    assert delivery.send_nudge_email(owner.pk, NINE) == 3
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["owner@example.com"]
    assert "Angebot" in message.body and "Rückruf" in message.body and "Ben" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert states(owner) == ["sent"] * 3


def test_sending_again_sends_nothing(owner, due, mailoutbox):
    delivery.send_nudge_email(owner.pk, NINE)
    assert delivery.send_nudge_email(owner.pk, NINE) == 0
    assert delivery.send_nudge_email(owner.pk, NINE + datetime.timedelta(hours=1)) == 0
    assert len(mailoutbox) == 1


def test_in_app_nudges_are_not_emailed(owner, mailoutbox):
    owner.followup_nudges = "app"
    owner.lunch_nudges = "app"
    owner.save()
    follow_up(owner, make_contact(owner), MONDAY)
    scan_nudges(NINE)
    assert Nudge.objects.exists()
    assert delivery.owners_due_for_email(NINE) == []
    assert delivery.send_nudge_email(owner.pk, NINE) == 0
    assert mailoutbox == []


def test_no_email_is_sent_at_night(owner, due, mailoutbox):
    night = at(2026, 11, 23, 23, 30)
    assert delivery.owners_due_for_email(night) == []
    assert delivery.send_nudge_email(owner.pk, night) == 0
    assert mailoutbox == []
    assert states(owner) == ["pending"] * 3


def test_only_users_in_their_daytime_are_due_for_email(owner, due):
    los_angeles = make_user("la@example.com", time_zone="America/Los_Angeles")
    follow_up(los_angeles, make_contact(los_angeles), MONDAY)
    la_morning = datetime.datetime(2026, 11, 23, 16, 30, tzinfo=datetime.UTC)  # 08:30 in LA
    scan_nudges(la_morning)
    assert delivery.owners_due_for_email(NINE) == [owner.pk]  # LA is asleep at 09:00 Berlin
    assert set(delivery.owners_due_for_email(la_morning)) == {owner.pk, los_angeles.pk}


def test_a_refused_send_is_retried_with_backoff_and_then_sent_exactly_once(
    owner, due, flaky, settings
):
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    flaky.failures = 2
    assert delivery.send_nudge_email(owner.pk, NINE) == 0
    nudge = due.model.objects.for_owner(owner).exclude(email_state="").first()
    assert nudge.email_state == EmailState.PENDING
    assert nudge.email_attempts == 1
    assert "451" in nudge.email_error
    assert nudge.email_next_try_at == NINE + datetime.timedelta(seconds=60)
    # Not before the next try is due.
    assert delivery.owners_due_for_email(NINE + datetime.timedelta(seconds=30)) == []
    second = NINE + datetime.timedelta(seconds=61)
    assert delivery.send_nudge_email(owner.pk, second) == 0
    nudge.refresh_from_db()
    assert nudge.email_next_try_at == second + datetime.timedelta(seconds=120)  # doubled
    third = second + datetime.timedelta(seconds=121)
    assert delivery.owners_due_for_email(third) == [owner.pk]
    assert delivery.send_nudge_email(owner.pk, third) == 3
    assert delivery.send_nudge_email(owner.pk, third + datetime.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1
    assert flaky.attempts == 3
    assert states(owner) == ["sent"] * 3


def test_after_too_many_refusals_the_nudges_fail_and_it_is_logged(
    owner, due, flaky, settings, caplog
):
    settings.EMAIL_MAX_ATTEMPTS = 2
    delivery.MAX_ATTEMPTS = 2
    try:
        flaky.failures = 10
        delivery.send_nudge_email(owner.pk, NINE)
        delivery.send_nudge_email(owner.pk, NINE + datetime.timedelta(hours=2))
    finally:
        delivery.MAX_ATTEMPTS = settings.EMAIL_MAX_ATTEMPTS = 8
    assert states(owner) == ["failed"] * 3
    assert "failed for good" in caplog.text
    assert delivery.send_nudge_email(owner.pk, NINE + datetime.timedelta(hours=4)) == 0


def test_a_claim_left_in_sending_by_a_crash_is_finished_by_a_later_run(owner, due, mailoutbox):
    # A worker claimed the emails and died before the SMTP transaction.
    due.update(email_state=EmailState.SENDING, email_claimed_at=NINE, email_attempts=1)
    soon = NINE + delivery.CLAIM_TIMEOUT - datetime.timedelta(seconds=1)
    assert delivery.release_stale_claims(soon) == (0, 0)  # its lease has not lapsed yet
    later = NINE + delivery.CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
    assert delivery.release_stale_claims(later) == (3, 0)
    assert delivery.send_nudge_email(owner.pk, later) == 3
    assert len(mailoutbox) == 1
    assert states(owner) == ["sent"] * 3


def test_a_claim_abandoned_too_often_is_marked_failed_and_reported(owner, due, caplog):
    due.update(
        email_state=EmailState.SENDING,
        email_claimed_at=NINE,
        email_attempts=delivery.MAX_ATTEMPTS,
    )
    later = NINE + delivery.CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
    assert delivery.release_stale_claims(later) == (0, 3)
    assert states(owner) == ["failed"] * 3
    assert "failed for good after crashes" in caplog.text


def test_a_crash_after_the_server_accepted_repeats_that_message_at_most_once(owner, due, settings):
    """The accepted duplicate window: accepted by SMTP, process gone before "sent"."""
    settings.EMAIL_BACKEND = "tests.reminders.helpers.CrashAfterSendBackend"
    with pytest.raises(SystemExit):
        delivery.send_nudge_email(owner.pk, NINE)
    assert len(mail.outbox) == 1
    assert states(owner) == ["sending"] * 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = NINE + delivery.CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
    delivery.release_stale_claims(later)
    assert delivery.send_nudge_email(owner.pk, later) == 3
    for minutes in (1, 15, 60):
        step = later + datetime.timedelta(minutes=minutes)
        delivery.release_stale_claims(step)
        delivery.send_nudge_email(owner.pk, step)
    assert len(mail.outbox) == 2  # the original and one repeat, never more
    assert mail.outbox[0].extra_headers["Message-ID"] == mail.outbox[1].extra_headers["Message-ID"]
    assert states(owner) == ["sent"] * 3


def test_a_slow_sender_whose_claim_was_taken_over_does_not_mark_the_new_claim(owner, due):
    claim_time = NINE
    due.update(email_state=EmailState.SENDING, email_claimed_at=claim_time, email_attempts=1)
    later = NINE + delivery.CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
    delivery.release_stale_claims(later)
    # Only rows still carrying the old claim id could be marked by the old sender: none.
    assert not Nudge.objects.filter(email_state=EmailState.SENDING).exists()
    assert Nudge.objects.filter(email_claim__isnull=False).count() == 0


def test_the_email_speaks_the_users_language(owner, due, mailoutbox):
    owner.language = "en"
    owner.save()
    delivery.send_nudge_email(owner.pk, NINE)
    assert mailoutbox[0].subject == "3 reminders for today"
    assert "Follow up with Ben" in mailoutbox[0].body


def test_the_german_email_says_du(owner, due, mailoutbox):
    delivery.send_nudge_email(owner.pk, NINE)
    assert mailoutbox[0].subject == "3 Erinnerungen für heute"


def test_a_goal_review_email_names_the_goal(owner, mailoutbox):
    goal = make_goal(owner, title="Expertin werden", created_on=datetime.date(2026, 1, 1))
    scan_nudges(NINE)
    delivery.send_nudge_email(owner.pk, NINE)
    assert mailoutbox[0].subject == "Eine Ziel-Überprüfung steht an: Expertin werden"
    assert "- Eine Ziel-Überprüfung steht an: Expertin werden\n" in mailoutbox[0].body
    assert goal.get_absolute_url() in mailoutbox[0].body


def test_the_email_words_every_nudge_as_the_app_does(owner, mailoutbox):
    nudges_of_every_kind(owner, 1)
    with translation.override("de"):
        headlines = [n.headline(MONDAY) for n in Nudge.objects.for_display()]
    delivery.send_nudge_email(owner.pk, NINE)
    assert len(headlines) == 7
    for headline in headlines:
        assert f"- {headline}" in mailoutbox[0].body


def nudges_of_every_kind(owner, copies: int) -> None:
    """Pending emails of every kind, `copies` times over."""
    for n in range(copies):
        anna = make_contact(owner, first_name=f"Anna{n}", birthday_year=1990)
        date = important_date(owner, anna, 11, 25)
        planned = lunch(owner, MONDAY, anna, place="Hafenküche")
        due = follow_up(owner, anna, MONDAY)
        goal = make_goal(owner)
        pending = {"email_state": EmailState.PENDING, "occurs_on": MONDAY}
        make_nudge(owner, NudgeKind.BIRTHDAY, contact=anna, **pending)
        make_nudge(owner, NudgeKind.IMPORTANT_DATE, important_date=date, contact=anna, **pending)
        make_nudge(owner, NudgeKind.FOLLOW_UP, follow_up=due, contact=anna, **pending)
        make_nudge(owner, NudgeKind.KEEP_IN_TOUCH, contact=anna, **pending)
        make_nudge(owner, NudgeKind.LUNCH_TODAY, lunch=planned, **pending)
        make_nudge(owner, NudgeKind.GOAL_REVIEW, goal=goal, **pending)
        make_nudge(owner, NudgeKind.LUNCH_WEEK, **pending)


def test_an_email_of_many_nudges_takes_as_many_queries_as_one_of_few(owner, mailoutbox):
    counts = []
    for copies in (1, 5):
        nudges_of_every_kind(owner, copies)
        with CaptureQueriesContext(connection) as captured:
            assert delivery.send_nudge_email(owner.pk, NINE) == 7 * copies
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
