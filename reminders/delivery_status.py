"""What the operator sees of delivery (`manage.py delivery_status`, the admin, /health)."""

import dataclasses
import datetime
from collections.abc import Callable

from django.db.models import Count, Min
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from .delivery import CLAIM_TIMEOUT
from .models import Digest, EmailState, Nudge, PeriodicRun, PushDelivery

# /health reports the beat when no periodic task has started for this long.
BEAT_SILENT_AFTER = datetime.timedelta(minutes=10)


def beat_check(now: datetime.datetime | None = None) -> str | None:
    """None while periodic tasks run; else how long the beat (or its worker) has been silent.

    Before the first run ever (a fresh install, a web-only setup) there is nothing to say.
    """
    now = now or timezone.now()
    last = PeriodicRun.objects.last_run()
    if last is None or now - last < BEAT_SILENT_AFTER:
        return None
    minutes = int((now - last).total_seconds() // 60)
    return f"no periodic task has run for {minutes} minutes"


@dataclasses.dataclass
class Queue:
    """One kind of outgoing message (reminder emails, digests, push notifications)."""

    name: str
    # Rows waiting or being sent, their oldest creation (nudges) or claim/creation instant.
    pending: int
    oldest_pending: datetime.datetime | None
    # Claims not renewed for longer than the lease: a crashed sender, taken over next run.
    stale_claims: int
    # Rows that failed for good, per day of their last attempt (the last FAILURE_DAYS).
    failures: dict[datetime.date, int]
    # Other things that need a look, one line each (a webhook endpoint that keeps failing).
    problems: list[str] = dataclasses.field(default_factory=list)


FAILURE_DAYS = 7

# The queues of the apps above reminders (webhooks), added from their AppConfig.ready(): each
# a function of `now` that returns its Queue; `manage.py delivery_status` shows them too.
other_queues: list[Callable[[datetime.datetime], Queue]] = []


def add_queue(report: Callable[[datetime.datetime], Queue]) -> None:
    if report not in other_queues:
        other_queues.append(report)


def queue_of(name: str, rows, state: str, claimed_at: str, now: datetime.datetime) -> Queue:
    """The figures of one kind; `state` and `claimed_at` name its columns (the three kinds
    share the state values pending, sending, sent, failed)."""
    waiting = rows.filter(**{f"{state}__in": [EmailState.PENDING, EmailState.SENDING]})
    stale = rows.filter(**{state: EmailState.SENDING, f"{claimed_at}__lt": now - CLAIM_TIMEOUT})
    since = now - datetime.timedelta(days=FAILURE_DAYS)
    per_day = (
        rows.filter(**{state: EmailState.FAILED, f"{claimed_at}__gte": since})
        .annotate(day=TruncDate(claimed_at))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return Queue(
        name=name,
        pending=waiting.count(),
        oldest_pending=waiting.aggregate(oldest=Min(claimed_at))["oldest"],
        stale_claims=stale.count(),
        failures={row["day"]: row["n"] for row in per_day},
    )


@dataclasses.dataclass
class DeliveryReport:
    queues: list[Queue]
    runs: list[PeriodicRun]
    beat_problem: str | None


def delivery_report(now: datetime.datetime | None = None) -> DeliveryReport:
    """For the operator: what waits and since when, claims held too long, failures per day,
    and the periodic runs. A fixed number of queries, whatever the size of the queues."""
    now = now or timezone.now()
    queues = [
        # A row's claim instant is empty until its first try: its nudge's creation counts.
        queue_of(
            "reminder emails",
            Nudge.objects.annotate(since=Coalesce("email_claimed_at", "created_at")),
            "email_state",
            "since",
            now,
        ),
        queue_of("weekly digests", Digest.objects.all(), "state", "claimed_at", now),
        queue_of(
            "push notifications",
            PushDelivery.objects.annotate(since=Coalesce("claimed_at", "nudge__created_at")),
            "state",
            "since",
            now,
        ),
    ]
    return DeliveryReport(
        queues=queues,
        runs=list(PeriodicRun.objects.order_by("task")),
        beat_problem=beat_check(now),
    )
