"""Celery tasks of the webhooks: thin, safe to run twice (unique outbox rows, claims by a
conditional UPDATE), never scheduled ahead: the beat's run every minute finds what is due."""

from celery import shared_task

from reminders.delivery import user_chunks
from reminders.models import PeriodicRun
from reminders.tasks import instant

from . import delivery, events

DELIVER = "webhooks.tasks.deliver_webhooks"


def record_queued(sender=None, headers=None, **kwargs) -> None:
    """Connected to Celery's before_task_publish (webhooks/apps.py), as the reminders' runs:
    a run skips itself when a newer one is queued behind it."""
    if sender == DELIVER and headers and headers.get("id"):
        PeriodicRun.objects.queued(sender, headers["id"])


@shared_task(bind=True)
def deliver_webhooks(self, at: str | None = None) -> int:
    """Finish claims a crash left behind, derive the nudge and follow-up events, switch off
    endpoints failing for days, then one task per chunk of endpoints with deliveries due."""
    now = instant(at)
    if not PeriodicRun.objects.begin(self.name, self.request.id, now):
        return 0
    delivery.release_stale_claims(now)
    events.derive(now)
    delivery.switch_off_failing(now)
    delivery.prune(now)
    due = delivery.endpoints_due(now)
    for endpoint_ids in user_chunks(due, delivery.CHUNK_SIZE):
        send_webhooks.delay_on_commit(endpoint_ids, at)
    return len(due)


@shared_task
def send_webhooks(endpoint_ids: list[int], at: str | None = None) -> int:
    return delivery.send(endpoint_ids, instant(at))
