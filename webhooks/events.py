"""Where the events come from, and how each becomes outbox rows (one Delivery per endpoint
and event) without ever being lost or sent for a change that was rolled back.

- contact.created / contact.updated: Contact's post_save signal, in the transaction of the
  save (every form, the category switch, triage, merging, CardDAV, the share target, the
  offline queue). What writes contacts without save() (an import's bulk_create and its
  merges' bulk_update, the desk's one-UPDATE bulk actions) calls contacts' extension point
  `contacts_written` in its transaction, which lands in `contacts_written` below.
- interaction.logged: Interaction's post_save signal when the row is created (quick log,
  the full form, a lunch done, "who I met" at an event, an email's one-tap action).
- nudge.due and followup.done: read after the fact from their own rows (the scan inserts
  nudges with ON CONFLICT DO NOTHING, a follow-up is done by a conditional UPDATE; neither
  sends a signal). Each delivery run derives a row per endpoint for the nudges created and
  the follow-ups done since the last run (a stored watermark, less SETTLE for late commits)
  and since the endpoint was registered; the unique (endpoint, event id) makes running it
  twice (or two runs at once) create nothing twice, and a rolled-back nudge or "done" never
  existed to be read.
"""

import datetime
import uuid

from django.conf import settings
from django.utils import timezone

from reminders.models import FollowUp, Nudge

from . import hooked
from .models import Delivery, Endpoint, Event, Watermark

# Save()s that change nothing a receiver sees (the triage's "still a Pinguin", derived
# fields) are no contact.updated.
QUIET_FIELDS = {"triaged_at", "updated_at", "search_text", "search_stale", "last_contacted_on"}
# A run derives the nudges and follow-ups done from the last run's watermark on, less
# SETTLE: they are stamped by their writer's clock before their transaction commits, so one
# stamped just before the watermark can become visible just after the run that set it.
# SETTLE covers the longest such transaction (a task is killed at CELERY_TASK_TIME_LIMIT)
# plus clocks of the machines that differ by up to CLOCK_SKEW. What is read twice is
# recognised by its event id and not made again.
CLOCK_SKEW = datetime.timedelta(minutes=5)
SETTLE = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + CLOCK_SKEW
# The first run ever looks back a day; after an outage a run catches up a week at most (an
# older nudge is no news to a receiver).
FIRST_LOOK_BACK = datetime.timedelta(hours=24)
CATCH_UP = datetime.timedelta(days=7)
WATERMARK = "derived-events"
BATCH_SIZE = 1000
NAMESPACE = uuid.UUID("0f8c4f5e-58c9-4a63-9d7a-2a1f7c3e6b10")


def derived_event_id(event: str, object_id: int, when: datetime.datetime) -> str:
    """The same id on every run for the same nudge or the same "done"."""
    return uuid.uuid5(NAMESPACE, f"{event}:{object_id}:{when.isoformat()}").hex


def record(owner_id: int, event: str, object_ids, at: datetime.datetime | None = None) -> int:
    """An outbox row per enabled endpoint wanting `event` and object; `object_ids` may be a
    values("pk") queryset, read only when an endpoint wants the event. Returns rows made."""
    if not hooked.has_endpoints(owner_id):
        return 0
    endpoints = Endpoint.objects.filter(owner_id=owner_id).wanting(event)
    if not endpoints:
        return 0
    at = at or timezone.now()
    ids = [row["pk"] if isinstance(row, dict) else row for row in object_ids]
    rows = []
    for object_id in ids:
        event_id = uuid.uuid4().hex
        rows += [
            Delivery(
                owner_id=owner_id,
                endpoint=endpoint,
                event_id=event_id,
                event=event,
                object_id=object_id,
                occurred_at=at,
            )
            for endpoint in endpoints
        ]
    Delivery.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def contact_saved(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    if not created and update_fields is not None and set(update_fields) <= QUIET_FIELDS:
        return
    event = Event.CONTACT_CREATED if created else Event.CONTACT_UPDATED
    record(instance.owner_id, event, [instance.pk])


def contacts_written(owner_id: int, contact_ids, created: bool) -> None:
    """contacts' extension point: contacts written without save()."""
    record(owner_id, Event.CONTACT_CREATED if created else Event.CONTACT_UPDATED, contact_ids)


def interaction_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        record(instance.owner_id, Event.INTERACTION_LOGGED, [instance.pk])


def derive(now: datetime.datetime | None = None) -> int:
    """Outbox rows for the nudges created and follow-ups done since the last run (less
    SETTLE), per endpoint that wanted them then (created before the nudge or the "done");
    returns the rows made. A fixed number of queries, however many runs came before and
    however large the network."""
    now = now or timezone.now()
    mark = Watermark.objects.filter(name=WATERMARK).values_list("up_to", flat=True).first()
    since = max(mark - SETTLE if mark else now - FIRST_LOOK_BACK, now - CATCH_UP)
    rows = _derived_rows(since)
    if rows:
        # Rows a run before (or one running at the same time) made already are left out, so
        # the overlap costs no insert; the unique (endpoint, event id) settles a race.
        made = set(
            Delivery.objects.filter(
                endpoint_id__in={row.endpoint_id for row in rows},
                event_id__in={row.event_id for row in rows},
            ).values_list("endpoint_id", "event_id")
        )
        rows = [row for row in rows if (row.endpoint_id, row.event_id) not in made]
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH_SIZE)
    # Moved only forward and only after the rows are in: a run that crashes before this
    # line leaves the mark where it was, and the next run reads the same events again.
    if not Watermark.objects.filter(name=WATERMARK, up_to__lt=now).update(up_to=now) and not mark:
        Watermark.objects.bulk_create([Watermark(name=WATERMARK, up_to=now)], ignore_conflicts=True)
    return len(rows)


def _derived_rows(since: datetime.datetime) -> list[Delivery]:
    endpoints = Endpoint.objects.filter(enabled=True, owner__is_active=True).values_list(
        "id", "owner_id", "events", "created_at"
    )
    by_owner: dict[int, dict[str, list]] = {}
    for endpoint_id, owner_id, events, created_at in endpoints:
        for event in (Event.NUDGE_DUE, Event.FOLLOW_UP_DONE):
            if event in events:
                by_owner.setdefault(owner_id, {}).setdefault(event, []).append(
                    (endpoint_id, created_at)
                )
    if not by_owner:
        return []
    owners = list(by_owner)
    happened = [
        (Event.NUDGE_DUE, row)
        for row in Nudge.objects.filter(owner_id__in=owners, created_at__gte=since).values_list(
            "id", "owner_id", "created_at"
        )
    ] + [
        (Event.FOLLOW_UP_DONE, row)
        for row in FollowUp.objects.filter(owner_id__in=owners, done_at__gte=since).values_list(
            "id", "owner_id", "done_at"
        )
    ]
    return [
        Delivery(
            owner_id=owner_id,
            endpoint_id=endpoint_id,
            event_id=derived_event_id(event, object_id, when),
            event=event,
            object_id=object_id,
            occurred_at=when,
        )
        for event, (object_id, owner_id, when) in happened
        for endpoint_id, registered_at in by_owner[owner_id].get(event, [])
        if when >= registered_at
    ]
