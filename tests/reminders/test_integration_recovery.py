"""Recovery with a real worker, Redis and SMTP server: a SIGKILL in the middle of a digest
chunk, Redis stopped under a busy worker, and a worker stopped for days (the clock the tasks
take). Each test prints what it measured (run with -s); the README quotes the figures."""

import collections
import datetime
import time

import pytest
from django.contrib.auth.hashers import make_password

from contacts.models import Contact
from netzwerk.models import User
from reminders import tasks
from reminders.clock import iso_week
from reminders.models import Digest, DigestState, FollowUp, PeriodicRun
from tests.factories import make_contact, make_user

from .integration import daytime_zone, enqueue, wait_for

pytestmark = pytest.mark.integration

# Production timing: a 30 s SMTP timeout makes a 90 s lease; the beat runs every minute.
PRODUCTION_TIMING = {
    "EMAIL_TIMEOUT": "30",
    "EMAIL_CLAIM_TIMEOUT_SECONDS": "90",
    "BEAT_EVERY_SECONDS": "60",
}


def digest_users(count: int) -> tuple[list[str], str]:
    """`count` users whose weekly digest is due now, each with one follow-up to tell about."""
    zone, local = daytime_zone()
    password = make_password(None)
    User.objects.bulk_create(
        User(
            email=f"chunk{n}@example.com",
            password=password,
            language="en",
            time_zone=zone,
            digest_weekday=local.weekday(),
            digest_hour=max(5, local.hour - 1),
            birthday_nudges="app",
            followup_nudges="app",
            review_nudges="app",
        )
        for n in range(count)
    )
    users = list(User.objects.filter(email__startswith="chunk"))
    contacts = Contact.objects.bulk_create(
        Contact(owner=user, first_name=f"Kontakt{n}", last_name="") for n, user in enumerate(users)
    )
    FollowUp.objects.bulk_create(
        FollowUp(owner=c.owner, contact=c, due_on=local.date(), note="Angebot") for c in contacts
    )
    return [user.email for user in users], iso_week(local.date())


def task_runs(*workers) -> int:
    return sum(worker.output().count(" succeeded in ") for worker in workers)


def test_a_worker_killed_in_a_digest_chunk_of_100_loses_none_and_repeats_at_most_one(
    redis_server, smtp_server, workers
):
    emails, _week = digest_users(100)
    smtp_server.inbox.delay = 0.05
    first = workers(**PRODUCTION_TIMING)
    enqueue(redis_server, tasks.send_due_digests)
    wait_for(lambda: len(smtp_server.inbox.messages) >= 30, timeout=120, what="30 digests")
    first.kill()  # SIGKILL to the worker and its pool child, in the middle of the chunk
    killed_at = time.monotonic()
    sent_before = len(smtp_server.inbox.messages)
    assert sent_before < 100
    assert Digest.objects.filter(state=DigestState.SENDING).exists()

    # The supervisor (compose, bin/run) starts a new worker; its beat runs every minute.
    second = workers(beat=True, **PRODUCTION_TIMING)
    delivered = lambda: {m["To"] for m in smtp_server.inbox.messages} == set(emails)  # noqa: E731
    # Without the lease and the beat, Redis would give the chunk back only after its
    # visibility timeout (900 s): this deadline tells the two apart and leaves room for a
    # busy machine, so the seconds themselves are printed, not asserted.
    wait_for(delivered, timeout=300, interval=0.5, what="every digest after the kill")
    last_delivery = time.monotonic() - killed_at
    time.sleep(2)

    received = collections.Counter(m["To"] for m in smtp_server.inbox.messages)
    assert set(received) == set(emails)  # none lost
    assert sum(n - 1 for n in received.values()) <= 1, received  # concurrency 1: one in flight
    assert set(Digest.objects.values_list("state", flat=True)) == {DigestState.SENT}
    print(
        f"\nSIGKILL after {sent_before} of 100 digests: the last one arrived "
        f"{last_delivery:.0f} s after the kill; {task_runs(first, second)} task runs for "
        f"{len(smtp_server.inbox.messages)} emails"
    )


def test_redis_stopped_for_30_seconds_under_a_busy_worker_stops_nothing(
    redis_server, smtp_server, workers
):
    emails, _week = digest_users(40)
    smtp_server.inbox.delay = 0.5  # the chunk takes about 20 s: it holds unacked messages
    worker = workers(beat=True, BEAT_EVERY_SECONDS="1")
    enqueue(redis_server, tasks.send_due_digests)
    wait_for(lambda: len(smtp_server.inbox.messages) >= 3, timeout=90, what="the chunk to run")
    redis_server.stop()
    time.sleep(30)
    assert worker.process.poll() is None, worker.output()[-3000:]  # still running
    redis_server.start()
    wait_for(
        lambda: {m["To"] for m in smtp_server.inbox.messages} == set(emails),
        timeout=180,
        interval=0.5,
        what="every digest after the outage",
    )
    time.sleep(3)
    received = collections.Counter(m["To"] for m in smtp_server.inbox.messages)
    assert received == {email: 1 for email in emails}
    assert worker.process.poll() is None
    assert "Unrecoverable error" not in worker.output()
    # The beat ran again after the outage, and its runs were recorded.
    assert PeriodicRun.objects.filter(task=tasks.send_due_digests.name).exists()


def test_a_worker_stopped_for_three_days_sends_belated_birthdays_and_one_digest(
    redis_server, smtp_server, workers
):
    zone, local = daytime_zone()
    back = local + datetime.timedelta(days=3)
    birthday = back - datetime.timedelta(days=2)
    user = make_user(
        "away@example.com",
        language="en",
        time_zone=zone,
        morning_hour=6,
        birthday_lead_days=0,
        date_joined=local - datetime.timedelta(days=30),
        # Its digest day was missed too (or is today, when the days reach into last week).
        digest_weekday=max(0, back.weekday() - 2),
        digest_hour=max(5, local.hour - 1),
    )
    make_contact(
        user, first_name="Ben", last_name="", birthday_day=birthday.day,
        birthday_month=birthday.month,
    )  # fmt: skip
    worker = workers()
    enqueue(redis_server, tasks.scan_nudges)  # the last scan before the stop
    wait_for(lambda: worker.output().count(" succeeded in ") >= 1, what="the scan")
    # Three days later the worker is back: every run takes that clock.
    for _ in range(2):
        enqueue(redis_server, tasks.scan_nudges, back.isoformat())
        enqueue(redis_server, tasks.send_due_digests, back.isoformat())
    wait_for(lambda: len(smtp_server.inbox.messages) >= 2, timeout=90, what="two emails")
    time.sleep(2)
    subjects = sorted(m["Subject"] for m in smtp_server.inbox.messages)
    assert subjects == [
        f"Belated: Ben had a birthday on {birthday.day} {birthday:%B}.",
        f"Your week in Netzwerk: {back.day} {back:%B}",
    ]
