"""The operator's view of delivery: `manage.py delivery_status` and the admin filters."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from reminders.delivery import CLAIM_TIMEOUT
from reminders.delivery_status import delivery_report
from reminders.models import Digest, DigestState, EmailState, Nudge, NudgeKind, PeriodicRun
from tests.factories import make_user


@pytest.fixture
def troubles(owner):
    now = timezone.now()
    Nudge.objects.create(
        owner=owner,
        kind=NudgeKind.GOAL_REVIEW,
        key="waiting",
        occurs_on=now.date(),
        created_at=now - datetime.timedelta(hours=2),
        email_state=EmailState.PENDING,
    )
    Nudge.objects.create(
        owner=owner,
        kind=NudgeKind.GOAL_REVIEW,
        key="failed",
        occurs_on=now.date(),
        email_state=EmailState.FAILED,
        email_claimed_at=now - datetime.timedelta(days=1),
        email_error="550 no such user",
    )
    stale = Digest.objects.create(
        owner=owner,
        week="2026-W49",
        state=DigestState.SENDING,
        claimed_at=now - CLAIM_TIMEOUT - datetime.timedelta(minutes=1),
    )
    Digest.objects.create(
        owner=make_user(), week="2026-W49", state=DigestState.SENDING, claimed_at=now
    )
    PeriodicRun.objects.create(
        task="reminders.tasks.scan_nudges", ran_at=now - datetime.timedelta(minutes=30)
    )
    return stale


def test_the_report_names_oldest_pending_stale_claims_failures_and_a_silent_beat(
    troubles, django_assert_max_num_queries
):
    # Four per kind, one for the runs and one for the beat, whatever the queues hold.
    with django_assert_max_num_queries(14):
        report = delivery_report()
    emails, digests, pushes = report.queues
    assert emails.pending == 1
    assert timezone.now() - emails.oldest_pending > datetime.timedelta(hours=1)
    assert sum(emails.failures.values()) == 1
    assert (digests.pending, digests.stale_claims) == (2, 1)
    assert pushes.pending == 0
    assert report.beat_problem == "no periodic task has run for 30 minutes"


def test_the_command_prints_it_and_exits_with_1_when_something_needs_a_look(troubles):
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("delivery_status", stdout=out)
    assert exit_.value.code == 1
    text = out.getvalue()
    assert "weekly digests:\n  pending 2" in text
    assert "claims held longer than the lease: 1" in text
    assert "reminders.tasks.scan_nudges" in text
    assert "beat: no periodic task has run for 30 minutes" in text


def test_the_command_is_quiet_when_all_is_well(db):
    out = io.StringIO()
    call_command("delivery_status", stdout=out)
    assert "claims held longer than the lease: 0" in out.getvalue()


def test_the_admin_filters_claims_held_too_long(troubles, client):
    admin = make_user("admin@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get("/admin/reminders/digest/?delivery=stale").content.decode()
    assert f"/admin/reminders/digest/{troubles.pk}/change/" in page
    assert len(set(re.findall(r"/admin/reminders/digest/(\d+)/change/", page))) == 1
    runs = client.get("/admin/reminders/periodicrun/")
    assert "reminders.tasks.scan_nudges" in runs.content.decode()
