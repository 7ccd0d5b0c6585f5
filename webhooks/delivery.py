"""Sending webhooks: the outbox rows are claimed, signed, POSTed and recorded with the rules
of the nudge emails (reminders/delivery.py, whose lease, backoff and failure recording this
module uses):

- Claimed before sent: one conditional UPDATE (pending → sending, a fresh claim id, attempts
  + 1) over a chunk of endpoints' due rows, on the delivery table alone, so of two runs at
  once (two beats, a task queued twice, a redelivery) only one claims a row.
- Recorded right after the receiver answered 2xx. Anything else (another status, a timeout,
  a refused or private address) goes back to pending after the backoff (EMAIL_RETRY_BASE_SECONDS,
  doubling, at most an hour); after EMAIL_MAX_ATTEMPTS the row is failed. The claim is a
  lease renewed after every request (WEBHOOKS_TIMEOUT stays well below the claim timeout); a
  crash between the answer and the record leaves the row "sending", and after the claim
  timeout it is sent once more with the same event id, which receivers deduplicate by.
- An endpoint that has not succeeded for SWITCH_OFF_AFTER since its first failure is
  switched off, with a note on its page and an email to its owner.
"""

import datetime
import hashlib
import hmac
import logging
import uuid

import requests
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reminders.delivery import (
    CLAIM_TIMEOUT,
    MAX_ATTEMPTS,
    Lease,
    backoff,
    record_failure,
    ticking,
)

from . import payloads
from .addresses import UnsafeURL, post
from .models import Delivery, DeliveryState, Endpoint

logger = logging.getLogger(__name__)

SWITCH_OFF_AFTER = datetime.timedelta(days=3)
# Endpoints per chunk task; each endpoint's due rows are sent one after another.
CHUNK_SIZE = 20
# Rows a run takes per endpoint; the rest wait for the next run of the minute.
PER_ENDPOINT = 100
# Sent and failed rows are kept this long for the log (which shows the last 50).
KEEP = datetime.timedelta(days=30)
# A chunk starts no request after this much of its run, so it ends well inside the task's
# soft time limit however slow the receivers are; the rest goes back for the next run.
BUDGET = datetime.timedelta(
    seconds=max(settings.CELERY_TASK_SOFT_TIME_LIMIT / 2 - 2 * settings.WEBHOOKS_TIMEOUT, 10)
)


def signature(secret: str, timestamp: int, body: str) -> str:
    """The Netzwerk-Signature header: t=<unix time>,v1=<HMAC-SHA256 of "t.body", hex>."""
    signed = f"{timestamp}.{body}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def release_stale_claims(now: datetime.datetime | None = None) -> int:
    """Claims a crash left in "sending": back to pending, or failed when out of attempts."""
    now = now or timezone.now()
    stale = Delivery.objects.stale_claims(now, CLAIM_TIMEOUT)
    stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=DeliveryState.FAILED, error="Claim abandoned too often (crashes)."
    )
    return stale.update(state=DeliveryState.PENDING, claim=None)


def endpoints_due(now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return sorted(
        set(
            Delivery.objects.due(now)
            .filter(endpoint__enabled=True)
            .values_list("endpoint_id", flat=True)
            .distinct()
        )
    )


def send(endpoint_ids: list[int], now: datetime.datetime | None = None) -> int:
    """Claim the due rows of these enabled endpoints with ONE conditional UPDATE, POST each,
    record each; returns how many the receivers accepted."""
    now = now or timezone.now()
    clock = ticking(now)
    endpoints = {
        e.pk: e
        for e in Endpoint.objects.filter(pk__in=endpoint_ids, enabled=True).select_related("owner")
    }
    if not endpoints:
        return 0
    wanted = []
    for endpoint_id in endpoints:
        wanted += list(
            Delivery.objects.filter(endpoint_id=endpoint_id)
            .due(now)
            .order_by("id")
            .values_list("id", flat=True)[:PER_ENDPOINT]
        )
    claim = uuid.uuid4()
    claimed = (
        Delivery.objects.filter(pk__in=wanted)
        .due(now)
        .update(
            state=DeliveryState.SENDING, claim=claim, claimed_at=now, attempts=F("attempts") + 1
        )
    )
    if not claimed:
        return 0
    mine = Delivery.objects.filter(claim=claim, state=DeliveryState.SENDING)
    deliveries = list(mine.order_by("endpoint_id", "id"))
    bodies = payloads.bodies(deliveries, now)
    lease = Lease(mine, [d.pk for d in deliveries], clock)
    sent = 0
    failed_endpoints: set[int] = set()
    for delivery in deliveries:
        if delivery.pk not in lease.ids:
            continue
        if delivery.endpoint_id in failed_endpoints or clock() - now > BUDGET:
            # Not tried: its endpoint just failed (the next ones would likely wait for the
            # same timeout), or the run's time is up. Back for a later run, no attempt used.
            _put_back(mine.filter(pk=delivery.pk), endpoints[delivery.endpoint_id], now)
            lease.done([delivery.pk])
            continue
        endpoint = endpoints[delivery.endpoint_id]
        this_one = mine.filter(pk=delivery.pk)
        what = f"Webhook {delivery.event} {delivery.event_id} to endpoint {endpoint.pk}"
        # A refused address is explained in the log in its owner's language.
        with translation.override(endpoint.owner.language):
            status, error = _post(endpoint, delivery, bodies[delivery.pk])
        if error:
            this_one.update(status_code=status)
            record_failure(this_one, delivery.attempts, error, now, what)
            _failed(endpoint, clock())
            failed_endpoints.add(endpoint.pk)
        else:
            this_one.mark_sent(clock(), status)
            _succeeded(endpoint)
            sent += 1
        lease.done([delivery.pk])
        lease.renew()
    return sent


def _put_back(rows, endpoint: Endpoint, now: datetime.datetime) -> None:
    """Unclaim rows that were not tried; after a failure of their endpoint they wait as long
    as the failed one."""
    wait = backoff(1) if endpoint.failing_since else datetime.timedelta(0)
    rows.update(
        state=DeliveryState.PENDING,
        claim=None,
        attempts=F("attempts") - 1,
        next_try_at=now + wait,
    )


def _post(endpoint: Endpoint, delivery: Delivery, body: str) -> tuple[int | None, str]:
    """(status code or None, "" or the error)."""
    timestamp = int(timezone.now().timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Netzwerk-Webhooks/1",
        "Netzwerk-Event": delivery.event,
        "Netzwerk-Event-Id": delivery.event_id,
        "Netzwerk-Signature": signature(endpoint.secret, timestamp, body),
    }
    try:
        status = post(endpoint.url, body.encode(), headers)
    except UnsafeURL as error:
        return None, str(error)
    except requests.RequestException as error:
        return None, f"{type(error).__name__}: {error}"[:1000]
    if 200 <= status < 300:
        return status, ""
    return status, f"HTTP {status}"


def _succeeded(endpoint: Endpoint) -> None:
    if endpoint.failing_since is not None:
        Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
        endpoint.failing_since = None


def _failed(endpoint: Endpoint, at: datetime.datetime) -> None:
    if endpoint.failing_since is None:
        Endpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(failing_since=at)
        endpoint.failing_since = at


def switch_off_failing(now: datetime.datetime | None = None) -> list[int]:
    """Switch off the endpoints that failed for SWITCH_OFF_AFTER without a success, and tell
    their owners by email; the conditional UPDATE makes one run do it once."""
    now = now or timezone.now()
    failing = list(
        Endpoint.objects.filter(
            enabled=True, failing_since__lte=now - SWITCH_OFF_AFTER
        ).select_related("owner")
    )
    switched = []
    for endpoint in failing:
        with translation.override(endpoint.owner.language):
            reason = _("Switched off on %(day)s: every delivery failed since %(since)s.") % {
                "day": timezone.localtime(now).date().isoformat(),
                "since": timezone.localtime(endpoint.failing_since).date().isoformat(),
            }
        if endpoint.switch_off(reason):
            switched.append(endpoint.pk)
            _tell_owner(endpoint)
    return switched


def _tell_owner(endpoint: Endpoint) -> None:
    user = endpoint.owner
    with translation.override(user.language):
        context = {
            "user": user,
            "endpoint": endpoint,
            "page_url": settings.SITE_URL.rstrip("/")
            + reverse("webhooks:endpoint", args=[endpoint.pk]),
        }
        subject = _("Netzwerk switched off a webhook")
        text = render_to_string("webhooks/switched_off_email.txt", context)
    try:
        send_mail(subject, text, None, [user.email])
    except OSError as error:
        # The page says it too; a lost email is not worth a retry of its own.
        logger.warning("Switch-off notice for endpoint %s not sent: %s", endpoint.pk, error)


def prune(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return Delivery.objects.filter(
        state__in=[DeliveryState.SENT, DeliveryState.FAILED], occurred_at__lt=now - KEEP
    ).delete()[0]
