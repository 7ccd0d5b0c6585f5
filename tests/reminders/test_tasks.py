"""The Celery tasks, run eagerly: every task twice sends nothing twice; the beat schedule."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from netzwerk import celery_app
from reminders import delivery, tasks
from reminders.models import Digest, EmailState, Nudge
from tests.factories import make_contact
from webhooks import tasks as webhook_tasks

from .helpers import at, follow_up

SEVEN = at(2026, 11, 23, 7, 0)


@pytest.fixture
def eager(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(timezone, "now", lambda: SEVEN + datetime.timedelta(hours=1))
    celery_app.conf.task_always_eager = True

    def run(task, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return task.delay(*args).get()

    yield run
    celery_app.conf.task_always_eager = False


def test_every_task_run_twice_sends_nothing_twice(owner, eager, mailoutbox):
    ben = make_contact(owner, birthday_day=23, birthday_month=11)
    follow_up(owner, ben, datetime.date(2026, 11, 23))
    for _ in range(2):
        eager(tasks.scan_nudges)
        eager(tasks.deliver_nudge_emails)
        eager(tasks.send_nudge_email, owner.pk)
        eager(tasks.send_due_digests)
        eager(tasks.send_digest, owner.pk, "2026-W48")
    subjects = sorted(m.subject for m in mailoutbox)
    assert len(subjects) == 2, subjects  # one reminder email, one digest
    assert set(Nudge.objects.exclude(email_state="").values_list("email_state", flat=True)) == {
        EmailState.SENT
    }
    assert Digest.objects.get().state == "sent"


def test_a_user_with_everything_switched_off_gets_no_email(owner, eager, mailoutbox):
    for name in ("birthday", "followup", "keep_in_touch", "lunch", "review"):
        setattr(owner, f"{name}_nudges", "off")
    owner.digest_enabled = False
    owner.save()
    follow_up(owner, make_contact(owner, birthday_day=23, birthday_month=11), SEVEN.date())
    eager(tasks.scan_nudges)
    eager(tasks.send_due_digests)
    assert not Nudge.objects.exists()
    assert not Digest.objects.exists()
    assert mailoutbox == []


def test_nothing_is_sent_at_night(owner, monkeypatch, eager, mailoutbox):
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 11, 23, 3, 0))
    follow_up(owner, make_contact(owner), SEVEN.date())
    eager(tasks.scan_nudges)
    eager(tasks.deliver_nudge_emails)
    eager(tasks.send_due_digests)
    assert mailoutbox == []


def test_the_beat_schedule_runs_the_scans_with_crontab_and_never_lets_the_reminders_expire():
    # As a worker does when it starts: import every app's tasks module (autodiscovery), so the
    # test does not depend on which tests imported them before it.
    celery_app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {entry["task"] for entry in schedule.values()} == {
        "reminders.tasks.scan_nudges",
        "reminders.tasks.deliver_nudge_emails",
        "reminders.tasks.deliver_push",
        "reminders.tasks.send_due_digests",
        "contacts.tasks.rebuild_stale_search_texts",
        "contacts.tasks.resume_imports",
        "webhooks.tasks.deliver_webhooks",
        "api.tasks.forget_expired_idempotency_keys",
    }
    # The webhooks' run records itself in PeriodicRun the same way (webhooks/tasks.py).
    periodic = tasks.PERIODIC | {webhook_tasks.DELIVER}
    for entry in schedule.values():
        assert isinstance(entry["schedule"], crontab)
        assert entry["task"] in celery_app.tasks
        if entry["task"] in periodic:
            # Skipped only when a newer run is queued behind it (PeriodicRun), never timed out.
            assert "expires" not in entry["options"]
        else:
            assert entry["options"]["expires"] <= 300


def test_tasks_are_acknowledged_late_one_at_a_time_and_within_time_limits():
    assert settings.CELERY_TASK_ACKS_LATE
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    # A claim is a lease: taken over 3 x EMAIL_TIMEOUT after its last renewal, within about
    # two minutes, while a live sender cuts off any one message after 2 x EMAIL_TIMEOUT.
    assert settings.EMAIL_CLAIM_TIMEOUT_SECONDS == 3 * settings.EMAIL_TIMEOUT <= 120
    assert delivery.MESSAGE_DEADLINE.total_seconds() == 2 * settings.EMAIL_TIMEOUT
    if settings.REDIS_URL:
        visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
        assert visibility > settings.CELERY_TASK_TIME_LIMIT + 60
