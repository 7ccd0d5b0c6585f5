"""Nudge emails through a real worker survive a SIGKILL and a Redis outage: none lost."""

import collections
import time

import pytest

from reminders import tasks
from reminders.models import EmailState, Nudge
from tests.factories import make_contact, make_user

from .helpers import follow_up
from .integration import daytime_zone, enqueue, wait_for

pytestmark = pytest.mark.integration


def users_with_due_nudges(count: int) -> list:
    zone, local = daytime_zone()
    users = []
    for n in range(count):
        user = make_user(f"user{n}@example.com", time_zone=zone, morning_hour=6, language="en")
        follow_up(user, make_contact(user, first_name=f"Kontakt{n}"), local.date(), note=f"#{n}")
        users.append(user)
    return users


def all_sent() -> bool:
    pending = Nudge.objects.exclude(email_state__in=["", EmailState.SENT])
    return Nudge.objects.exists() and not pending.exists()


def test_a_worker_killed_mid_batch_loses_no_nudge_and_repeats_at_most_one(
    redis_server, smtp_server, workers
):
    users = users_with_due_nudges(10)
    smtp_server.inbox.delay = 0.3
    worker = workers()
    enqueue(redis_server, tasks.scan_nudges)
    wait_for(lambda: len(smtp_server.inbox.messages) >= 3, what="a few messages")
    worker.kill()  # SIGKILL to the worker and its pool child, mid-chunk
    # The rest of the chunk stays claimed until its lease lapses.
    assert Nudge.objects.filter(email_state=EmailState.SENT).count() < len(users)

    # A new worker; after the claim timeout (3 s here) the periodic run finishes the rest.
    workers()
    time.sleep(3.5)
    enqueue(redis_server, tasks.deliver_nudge_emails)
    wait_for(all_sent, timeout=90, what="every nudge email to be sent")
    time.sleep(1)

    received = collections.Counter(m["To"] for m in smtp_server.inbox.messages)
    assert set(received) == {user.email for user in users}  # none lost
    repeats = sum(n - 1 for n in received.values())
    assert repeats <= 1, received  # at most the message accepted when the worker died


def test_a_redis_outage_delays_nudges_but_every_one_goes_out_once(
    redis_server, smtp_server, workers
):
    worker = workers(beat=True, BEAT_EVERY_SECONDS="1")
    redis_server.stop()
    # While Redis is down, the reminders come due (queued tasks, if any, are gone with it).
    users = users_with_due_nudges(5)
    time.sleep(3)
    assert smtp_server.inbox.messages == []
    redis_server.start()
    wait_for(all_sent, timeout=90, what="every nudge email after the outage")
    time.sleep(2)
    received = collections.Counter(m["To"] for m in smtp_server.inbox.messages)
    assert received == {user.email: 1 for user in users}, worker.output()[-3000:]
