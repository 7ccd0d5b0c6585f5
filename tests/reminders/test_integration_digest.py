"""A real Celery worker on a real Redis sends the weekly digest through a real SMTP server."""

import datetime
import time

import pytest

from reminders import tasks
from reminders.clock import iso_week
from reminders.models import Digest, DigestState
from tests.factories import make_contact, make_user

from .helpers import follow_up
from .integration import daytime_zone, enqueue, wait_for

pytestmark = pytest.mark.integration


def digest_user():
    """A user whose digest is due right now, wherever the test runs."""
    zone, local = daytime_zone()
    user = make_user(
        "digest@example.com",
        first_name="Dora",
        language="en",
        time_zone=zone,
        digest_weekday=local.weekday(),
        digest_hour=max(5, local.hour - 1),
        # Only the digest by email here; nudge emails have their own tests.
        birthday_nudges="app",
        followup_nudges="app",
    )
    ben = make_contact(
        user,
        first_name="Ben",
        last_name="Ufer",
        birthday_day=(local + datetime.timedelta(days=2)).day,
        birthday_month=(local + datetime.timedelta(days=2)).month,
    )
    follow_up(user, ben, local.date(), note="Angebot schicken")
    return user, iso_week(local.date())


def test_the_digest_sent_through_the_worker_arrives_with_both_parts_and_headers(
    redis_server, smtp_server, workers
):
    user, week = digest_user()
    workers()
    enqueue(redis_server, tasks.send_digest, user.pk, week)
    message = wait_for(lambda: smtp_server.inbox.to(user.email), what="the digest")[0]
    assert message["Subject"].startswith("Your week in Netzwerk")
    assert (
        str(message["List-Unsubscribe"])
        .strip()
        .startswith("<https://netzwerk.example.org/r/unsubscribe/digest/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for part in (text, html):
        assert "Angebot schicken" in part
        assert "Ben Ufer" in part
        assert "https://netzwerk.example.org/r/a/done/" in part
        assert "https://netzwerk.example.org/r/a/congratulate/" in part
    assert "<style" not in html and "max-width: 600px" in html
    digest = wait_for(
        lambda: Digest.objects.filter(owner=user, state=DigestState.SENT).first(),
        what="the digest row to say sent",
    )
    assert digest.week == week


def test_the_same_digest_task_enqueued_twice_delivers_one_message(
    redis_server, smtp_server, workers
):
    user, week = digest_user()
    enqueue(redis_server, tasks.send_digest, user.pk, week)
    enqueue(redis_server, tasks.send_digest, user.pk, week)
    enqueue(redis_server, tasks.send_due_digests)
    worker = workers()
    wait_for(lambda: smtp_server.inbox.to(user.email), what="the digest")
    wait_for(lambda: worker.output().count("succeeded") >= 3, what="all three tasks to finish")
    time.sleep(0.5)
    assert len(smtp_server.inbox.messages) == 1


def test_an_smtp_server_that_refuses_then_recovers_ends_with_exactly_one_message(
    redis_server, smtp_server, workers
):
    user, week = digest_user()
    smtp_server.inbox.refuse = 2
    # Beat every second drives the retries, as it does every few minutes in production.
    workers(beat=True, BEAT_EVERY_SECONDS="1")
    wait_for(lambda: smtp_server.inbox.to(user.email), timeout=90, what="the digest")
    assert smtp_server.inbox.refused == 2
    digest = wait_for(
        lambda: Digest.objects.filter(owner=user, state=DigestState.SENT).first(),
        what="the digest row to say sent",
    )
    assert digest.attempts == 3
    time.sleep(2)  # two more beats: nothing more goes out
    assert len(smtp_server.inbox.messages) == 1
