"""One delivery run queues a handful of chunk tasks, not one per user; a periodic run skips
itself only when a newer one is queued behind it; /health reports a silent beat."""

import datetime

from django.test import Client
from django.utils import timezone

from netzwerk.models import User
from reminders import tasks
from reminders.delivery_status import beat_check
from reminders.models import Digest, EmailState, Nudge, NudgeKind, PeriodicRun

from .helpers import at

NINE = at(2026, 11, 23, 9)


def due_users(count: int) -> list[int]:
    User.objects.bulk_create(
        User(email=f"due{n}@example.com", digest_weekday=0, digest_hour=7) for n in range(count)
    )
    ids = list(User.objects.order_by("id").values_list("id", flat=True))
    Nudge.objects.bulk_create(
        Nudge(
            owner_id=uid,
            kind=NudgeKind.LUNCH_WEEK,
            key="2026-W48",
            occurs_on=NINE.date(),
            email_state=EmailState.PENDING,
        )
        for uid in ids
    )
    return ids


def test_one_delivery_run_for_300_due_users_queues_a_handful_of_tasks(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    due_users(300)
    queued = []
    for name in ("send_nudge_emails", "send_nudge_email", "send_digests", "send_digest"):
        task = getattr(tasks, name)
        monkeypatch.setattr(task, "delay_on_commit", lambda *args, n=name: queued.append((n, args)))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.deliver_nudge_emails(NINE.isoformat()) == 300
        assert tasks.send_due_digests(NINE.isoformat()) == 300
    assert [name for name, _args in queued] == ["send_nudge_emails"] * 3 + ["send_digests"] * 3
    assert sorted(uid for _name, args in queued[:3] for uid in args[0]) == sorted(
        User.objects.values_list("id", flat=True)
    )
    assert Digest.objects.count() == 300


def test_the_scan_queues_delivery_once_and_only_when_it_created_nudges(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    due_users(3)
    queued = []
    monkeypatch.setattr(tasks.deliver_nudge_emails, "delay_on_commit", queued.append)
    monkeypatch.setattr(tasks.deliver_push, "delay_on_commit", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.scan_nudges(NINE.isoformat())  # nothing new: the lunch nudges exist already
    assert queued == []


def test_a_periodic_run_skips_itself_only_when_a_newer_one_is_queued(db):
    user_ids = due_users(1)
    name = tasks.deliver_nudge_emails.name
    tasks.record_queued(sender=name, headers={"id": "older"})
    tasks.record_queued(sender=name, headers={"id": "newer"})
    older = tasks.deliver_nudge_emails.apply(args=[NINE.isoformat()], task_id="older")
    assert older.get() == 0  # the newer one behind it does the work
    newer = tasks.deliver_nudge_emails.apply(args=[NINE.isoformat()], task_id="newer")
    assert newer.get() == len(user_ids)
    run = PeriodicRun.objects.get(task=name)
    assert run.queued_id == "newer" and run.ran_at is not None
    # Another task's publish changes nothing here.
    tasks.record_queued(sender="contacts.tasks.rebuild_stale_search_texts", headers={"id": "x"})
    assert PeriodicRun.objects.count() == 1


def test_health_reports_a_beat_that_has_not_run_for_ten_minutes(db):
    assert beat_check() is None  # nothing ever ran: a fresh install says nothing
    PeriodicRun.objects.create(task=tasks.scan_nudges.name, ran_at=timezone.now())
    assert Client().get("/health").status_code == 200
    PeriodicRun.objects.update(ran_at=timezone.now() - datetime.timedelta(minutes=11))
    response = Client().get("/health")
    assert response.status_code == 503
    assert response.json()["failed"] == {"beat": "no periodic task has run for 11 minutes"}
