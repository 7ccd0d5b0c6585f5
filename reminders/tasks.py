"""Celery tasks of the reminders: thin wrappers that take ids and call the model layer.

Every task is safe to run twice (unique nudge keys, claimed Digest rows, conditional UPDATE
claims of emails). None is scheduled ahead: beat runs the scans, the scans find what is due.
A delivery run queues one task per chunk of users with something to send, never one per
user. Every task takes `at`, the instant it runs for (ISO 8601, default now), and hands it
on: a test, or an operator replaying a day the worker missed, runs them on that clock.
"""

import datetime

from celery import shared_task
from django.utils import timezone

from . import delivery, push, scan
from .models import PeriodicRun

# The tasks the beat runs: each skips its run when a newer one is queued behind it.
PERIODIC = {
    "reminders.tasks.scan_nudges",
    "reminders.tasks.deliver_nudge_emails",
    "reminders.tasks.deliver_push",
    "reminders.tasks.send_due_digests",
}


def record_queued(sender=None, headers=None, **kwargs) -> None:
    """Connected to Celery's before_task_publish (reminders/apps.py), in every process that
    queues tasks, the beat's included."""
    if sender in PERIODIC and headers and headers.get("id"):
        PeriodicRun.objects.queued(sender, headers["id"])


def instant(at: str | None) -> datetime.datetime:
    return datetime.datetime.fromisoformat(at) if at else timezone.now()


@shared_task(bind=True)
def scan_nudges(self, at: str | None = None) -> int:
    """Create the nudges due now; if there were new ones, deliver them right away (once,
    not per user: the delivery runs find whom they are for)."""
    now = instant(at)
    since = PeriodicRun.objects.last_run_of(self.name)
    if not PeriodicRun.objects.begin(self.name, self.request.id, now):
        return 0
    created = scan.scan_nudges(now, since)
    if created:
        deliver_nudge_emails.delay_on_commit(at)
        deliver_push.delay_on_commit(at)
    return created


@shared_task(bind=True)
def deliver_nudge_emails(self, at: str | None = None) -> int:
    """Finish claims whose lease lapsed, then one task per chunk of users with emails due."""
    now = instant(at)
    if not PeriodicRun.objects.begin(self.name, self.request.id, now):
        return 0
    delivery.release_stale_claims(now)
    owners = delivery.owners_due_for_email(now)
    for user_ids in delivery.user_chunks(owners):
        send_nudge_emails.delay_on_commit(user_ids, at)
    return len(owners)


@shared_task
def send_nudge_emails(user_ids: list[int], at: str | None = None) -> int:
    return delivery.send_nudge_emails(user_ids, instant(at))


@shared_task
def send_nudge_email(user_id: int, at: str | None = None) -> int:
    """One user's nudge emails: for a resend by hand and for tasks queued before the chunks."""
    return delivery.send_nudge_email(user_id, instant(at))


@shared_task(bind=True)
def deliver_push(self, at: str | None = None) -> int:
    """Finish claims a crash left behind, derive the notifications due, then one task per
    chunk of users with notifications due in their daytime."""
    now = instant(at)
    if not PeriodicRun.objects.begin(self.name, self.request.id, now):
        return 0
    push.release_stale_claims(now)
    push.create_deliveries(now)
    owners = push.owners_due(now)
    for user_ids in delivery.user_chunks(owners):
        send_pushes.delay_on_commit(user_ids, at)
    return len(owners)


@shared_task
def send_pushes(user_ids: list[int], at: str | None = None) -> int:
    now = instant(at)
    return sum(push.send_push(user_id, now) for user_id in user_ids)


@shared_task
def send_push(user_id: int, at: str | None = None) -> int:
    """One user's notifications: for tasks queued before the chunks."""
    return push.send_push(user_id, instant(at))


@shared_task(bind=True)
def send_due_digests(self, at: str | None = None) -> int:
    """Create this week's digest rows for users whose digest time has come; send them in
    chunks (one task per CHUNK_SIZE users, so a run costs few queries per user)."""
    now = instant(at)
    if not PeriodicRun.objects.begin(self.name, self.request.id, now):
        return 0
    due = delivery.due_digests(now)
    for user_ids, week in delivery.chunks(due):
        send_digests.delay_on_commit(user_ids, week, at)
    return len(due)


@shared_task
def send_digests(user_ids: list[int], week: str, at: str | None = None) -> int:
    return delivery.send_digests(user_ids, week, instant(at))


@shared_task
def send_digest(user_id: int, week: str, at: str | None = None) -> bool:
    """One user's digest: for a resend by hand and for tasks queued before the chunks."""
    return delivery.send_digest(user_id, week, instant(at))


@shared_task
def send_test_email(user_id: int) -> str:
    """ "Send me a test email" on the preferences page; the error, if any, is logged."""
    return delivery.send_test_email(user_id)
