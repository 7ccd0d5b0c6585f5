"""The weekly digest in chunks: few queries per user, each user's own data, sent once."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact
from reminders.delivery import backoff, chunks, due_digests, send_digests
from reminders.digest import build_digest, build_digests, help_candidates
from reminders.lunch_guests import lunch_suggestions
from reminders.models import Digest, DigestState, FollowUp, Lunch
from strategy.models import Goal
from tests.factories import make_contact, make_user

from .helpers import UTC, FlakyBackend, at, follow_up, important_date, lunch

MONDAY = datetime.date(2026, 11, 23)
SEVEN = at(2026, 11, 23, 7)
WEEK = "2026-W48"
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=UTC)
MAX_QUERIES_PER_USER = 6


def varied_user(n: int) -> "Contact":
    """User n with a network whose shape depends on n: more overdue contacts, follow-ups and
    goal reviews than a digest shows for some, lunches at or below the target, a home city,
    an empty week for every fifth user."""
    user = make_user(
        f"batch{n}@example.com",
        language="en" if n % 2 else "de",
        home_city="Köln" if n % 3 else "",
        lunch_target=0 if n % 5 == 4 else 1 + n % 3,
    )
    if n % 5 == 4:
        return user
    size = 8 + n % 4 * 5
    Contact.objects.bulk_create(
        Contact(
            owner=user,
            first_name=f"Person{n}x{k}",
            last_name=f"Nachname{k}",
            sort_name=f"nachname{k:04}",
            category=["einhorn", "flamingo", "pinguin"][k % 3],
            birthday_day=20 + k % 10,
            birthday_month=11 + k % 2,
            created_at=LONG_AGO,
            city=["Köln", "Bonn", ""][k % 3],
        )
        for k in range(size)
    )
    contacts = Contact.objects.filter(owner=user).order_by("id")
    contacts.refresh_keep_in_touch_due()
    people = list(contacts)
    for k, person in enumerate(people[: 6 + n % 3 * 9]):
        follow_up(user, person, MONDAY + datetime.timedelta(days=k % 9 - 2), note=f"Notiz {k}")
    important_date(user, people[0], 11, 25, year=2016)
    important_date(user, people[1], 2, 29)
    if n % 3 == 0:
        lunch(user, MONDAY + datetime.timedelta(days=1), people[2])
    for k in range(n % 4 * 2):
        Goal.objects.create(owner=user, title=f"Ziel {n}.{k}", review_every_days=1 + k)
    Goal.objects.filter(owner=user).update(next_review_on=MONDAY - datetime.timedelta(days=1))
    return user


def pending(*users, week=WEEK) -> None:
    """The rows the beat creates when the users' digest time has come."""
    for user in users:
        Digest.objects.create(owner=user, week=week, state=DigestState.PENDING, claimed_at=SEVEN)


def whole_run(now=SEVEN) -> int:
    """What the beat and the chunk tasks do; returns the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        for user_ids, week in chunks(due_digests(now)):
            send_digests(user_ids, week, now)
    return len(queries)


def test_a_weekly_run_costs_few_queries_per_user_and_as_many_for_10_as_for_30(db, mailoutbox):
    users = [varied_user(n) for n in range(10)]
    for_ten = whole_run()
    assert len(mailoutbox) == 8  # two empty weeks are skipped
    Digest.objects.all().delete()
    Contact.objects.update(lunch_suggested_on=None)
    users += [varied_user(n) for n in range(10, 30)]
    mail.outbox = []
    for_thirty = whole_run()
    assert len(mail.outbox) == 24
    assert Digest.objects.filter(state=DigestState.SENT).count() == 24
    assert Digest.objects.filter(state=DigestState.SKIPPED).count() == 6
    # Set-based except for two UPDATEs per email sent: one records it the moment the server
    # accepted it (so a killed worker repeats at most one message), one renews the claim's
    # lease for the rest of the chunk (so a crash holds them back for minutes, not longer).
    assert for_thirty - for_ten == 2 * (24 - 8)
    assert for_thirty <= MAX_QUERIES_PER_USER * len(users)


def test_a_chunk_holds_what_each_user_alone_would_get(db):
    users = [varied_user(n) for n in range(12)]
    together = build_digests([(user, MONDAY) for user in users])
    for user in users:
        alone = Contact.objects.filter(owner=user)
        data = together[user.pk]
        assert data == build_digest(user, MONDAY)
        assert data.overdue == list(alone.due_for_contact(MONDAY)[:10])
        assert data.overdue_count == alone.due_for_contact(MONDAY).count()
        week_end = MONDAY + datetime.timedelta(days=6)
        assert data.follow_ups == list(FollowUp.objects.for_owner(user).due(week_end)[:20])
        assert data.lunches == list(Lunch.objects.for_owner(user).in_week_of(MONDAY))
        if user.lunch_target > len(data.lunches):
            assert data.suggestions == list(lunch_suggestions(user, MONDAY)[:3])
        else:
            assert data.suggestions == []
        assert data.goal_reviews == list(Goal.objects.for_owner(user).review_due(MONDAY)[:5])
        assert data.help_candidates == list(help_candidates(alone, MONDAY)[:3])
        assert {d.contact.owner_id for d in data.dates} <= {user.pk}
    # The cut-offs are reached for some users, so the per-user limits are really tested.
    assert any(d.overdue_count > 10 for d in together.values())
    assert any(len(d.follow_ups) == 20 for d in together.values())
    assert any(len(d.goal_reviews) == 5 for d in together.values())


def test_each_user_gets_their_own_contacts_in_their_own_language(db, mailoutbox):
    anna = make_user("anna@example.com", language="de")
    bob = make_user("bob@example.com", language="en")
    follow_up(anna, make_contact(anna, first_name="Annasfreund"), MONDAY, note="Annas Notiz")
    follow_up(bob, make_contact(bob, first_name="Bobsfriend"), MONDAY, note="Bob's note")
    pending(anna, bob)
    assert send_digests([anna.pk, bob.pk], WEEK, SEVEN) == 2
    by_user = {m.to[0]: m for m in mailoutbox}
    german, english = by_user["anna@example.com"], by_user["bob@example.com"]
    assert german.subject == "Deine Woche in Netzwerk: 23. November"
    assert english.subject == "Your week in Netzwerk: 23 November"
    assert "Annasfreund" in german.body and "Bobsfriend" not in german.body
    assert "Bobsfriend" in english.body and "Annasfreund" not in english.body


def test_today_is_each_users_own_date(db, mailoutbox):
    berlin = make_user("berlin@example.com", language="en", lunch_target=0)
    los_angeles = make_user(
        "la@example.com", language="en", lunch_target=0, time_zone="America/Los_Angeles"
    )
    sunday_29 = datetime.date(2026, 11, 29)
    for user in (berlin, los_angeles):
        follow_up(user, make_contact(user), MONDAY - datetime.timedelta(days=3))
        follow_up(user, make_contact(user), sunday_29, note="Sonntagsnotiz")
    # Monday 00:30 in Berlin is still Sunday afternoon in Los Angeles.
    now = datetime.datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    pending(berlin, los_angeles)
    send_digests([berlin.pk, los_angeles.pk], WEEK, now)
    by_user = {m.to[0]: m for m in mailoutbox}
    assert by_user["berlin@example.com"].subject.endswith("23 November")
    assert by_user["la@example.com"].subject.endswith("22 November")
    # The week ahead ends on Sunday the 29th in Berlin, on Saturday the 28th in LA.
    assert "Sonntagsnotiz" in by_user["berlin@example.com"].body
    assert "Sonntagsnotiz" not in by_user["la@example.com"].body


def test_a_chunk_task_run_twice_sends_each_user_one_email(db, mailoutbox):
    users = [varied_user(n) for n in range(4)]
    due = due_digests(SEVEN)
    assert sorted(due) == sorted((user.pk, WEEK) for user in users)
    ids = [user.pk for user in users]
    assert send_digests(ids, WEEK, SEVEN) == 4
    assert send_digests(ids, WEEK, SEVEN) == 0
    # A user in two chunks (a redelivery cut differently) is still claimed once.
    assert send_digests(ids[:3], WEEK, SEVEN) + send_digests(ids[2:], WEEK, SEVEN) == 0
    assert len(mailoutbox) == 4
    assert set(Digest.objects.values_list("state", flat=True)) == {DigestState.SENT}
    assert set(Digest.objects.values_list("attempts", flat=True)) == {1}


def test_two_overlapping_chunks_at_the_same_instant_send_the_shared_user_once(db, mailoutbox):
    users = [varied_user(n) for n in range(3)]
    due_digests(SEVEN)
    first = send_digests([users[0].pk, users[1].pk], WEEK, SEVEN)
    second = send_digests([users[1].pk, users[2].pk], WEEK, SEVEN)
    assert (first, second) == (2, 1)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in users)


def test_a_refused_message_is_retried_later_and_the_rest_of_the_chunk_goes_out(db, settings):
    settings.EMAIL_BACKEND = "tests.reminders.helpers.FlakyBackend"
    FlakyBackend.failures = 1
    users = [varied_user(n) for n in range(4)]
    mail.outbox = []
    for user_ids, week in chunks(due_digests(SEVEN)):
        send_digests(user_ids, week, SEVEN)
    refused = Digest.objects.get(owner=users[0])
    assert (refused.state, refused.attempts) == (DigestState.PENDING, 1)
    assert "451" in refused.detail
    assert refused.next_try_at == SEVEN + backoff(1)
    assert Digest.objects.filter(state=DigestState.SENT).count() == 3
    assert len(mail.outbox) == 3
    assert due_digests(SEVEN + datetime.timedelta(seconds=30)) == []  # backoff
    retry = SEVEN + backoff(1)
    for user_ids, week in chunks(due_digests(retry)):
        assert user_ids == [users[0].pk]
        send_digests(user_ids, week, retry)
    refused.refresh_from_db()
    assert (refused.state, refused.attempts, refused.detail) == (DigestState.SENT, 2, "")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_a_digest_refused_too_often_fails_for_good(db, settings):
    settings.EMAIL_BACKEND = "tests.reminders.helpers.FlakyBackend"
    FlakyBackend.failures = 1
    user = varied_user(0)
    Digest.objects.create(owner=user, week=WEEK, state=DigestState.PENDING, attempts=7)
    assert send_digests([user.pk], WEEK, SEVEN) == 0
    digest = Digest.objects.get()
    assert (digest.state, digest.attempts) == (DigestState.FAILED, 8)


def test_switched_off_and_inactive_users_in_a_chunk_get_nothing(db, mailoutbox):
    quiet, gone, keen = (varied_user(n) for n in range(3))
    pending(quiet, gone, keen)
    quiet.digest_enabled = False
    quiet.save()
    gone.is_active = False
    gone.save()
    assert send_digests([quiet.pk, gone.pk, keen.pk], WEEK, SEVEN) == 1
    assert [m.to[0] for m in mailoutbox] == [keen.email]
    states = dict(Digest.objects.values_list("owner_id", "state"))
    assert states == {
        quiet.pk: DigestState.SKIPPED,
        gone.pk: DigestState.PENDING,
        keen.pk: DigestState.SENT,
    }


@pytest.mark.parametrize("size", [1, 250])
def test_the_beat_cuts_the_due_users_into_chunks_of_one_week_each(size):
    due = [(n, "2026-W48") for n in range(size)] + [(10_000, "2026-W47")]
    cut = chunks(due, size=100)
    assert [week for _, week in cut].count("2026-W47") == 1
    assert sorted(n for ids, _ in cut for n in ids) == sorted(n for n, _ in due)
    assert all(len(ids) <= 100 for ids, _ in cut)


def test_a_digest_that_cannot_be_rendered_holds_back_nobody_else(db, mailoutbox, monkeypatch):
    from reminders import emails

    users = [varied_user(n) for n in range(3)]
    pending(*users)
    render = emails.digest_message

    def broken_for_the_first(data, week):
        if data.user == users[0]:
            raise ValueError("unexpected data")
        return render(data, week)

    monkeypatch.setattr(emails, "digest_message", broken_for_the_first)
    assert send_digests([u.pk for u in users], WEEK, SEVEN) == 2
    broken = Digest.objects.get(owner=users[0])
    assert (broken.state, broken.detail) == (DigestState.PENDING, "ValueError")
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in users[1:])
