"""The webhooks in the operator's `manage.py delivery_status` (reminders/delivery_status.py):
the outbox like the emails' queues, and the endpoints that keep failing or were switched off
for it."""

import datetime

from django.db.models import Q
from django.db.models.functions import Coalesce

from reminders.delivery_status import Queue, queue_of

from .models import Delivery, Endpoint

# Named one by one up to this many; the rest are counted.
LISTED = 20


def webhook_queue(now: datetime.datetime) -> Queue:
    """A fixed number of queries, whatever the size of the outbox."""
    # A row's claim instant is empty until its first try: its event's instant counts.
    queue = queue_of(
        "webhooks",
        Delivery.objects.annotate(since=Coalesce("claimed_at", "occurred_at")),
        "state",
        "since",
        now,
    )
    troubled = Endpoint.objects.filter(
        Q(enabled=True, failing_since__isnull=False) | Q(enabled=False) & ~Q(disabled_reason="")
    ).order_by("failing_since", "id")
    for endpoint in troubled.only("id", "owner_id", "url", "enabled", "failing_since")[
        : LISTED + 1
    ]:
        if len(queue.problems) == LISTED:
            queue.problems.append("… and more (admin: webhook endpoints, filter “failing”)")
            break
        state = "failing" if endpoint.enabled else "switched off, failed"
        since = endpoint.failing_since.isoformat(" ", "seconds") if endpoint.failing_since else "?"
        queue.problems.append(
            f"endpoint {endpoint.pk} ({endpoint.host}) of user {endpoint.owner_id}: "
            f"{state} since {since}"
        )
    return queue
