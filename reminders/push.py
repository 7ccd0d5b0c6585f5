"""Web Push: nudges as notifications on the devices a user turned them on for (VAPID,
RFC 8292; the message encrypted for the device, RFC 8291; pywebpush does both).

The same never-twice rules as the nudge emails (reminders/delivery.py, whose backoff and
record_failure this module uses):
- Derived, not queued: each run creates one PushDelivery per (nudge, device) for the nudges
  of the last day that the device's switches want and that came after it subscribed, with
  ON CONFLICT DO NOTHING on that unique pair. Running it twice creates nothing twice.
- Claimed before sent: one conditional UPDATE (pending → sending, stamped with a fresh claim
  id) per user, on the delivery table alone, so of two runs at once only one claims a row.
- Recorded right after each push service accepted the message. A failure goes back to
  pending with the backoff; after EMAIL_MAX_ATTEMPTS the row is failed and logged. The claim
  is a lease renewed after every push (PUSH_TIMEOUT stays below EMAIL_TIMEOUT, so one push
  never outlasts it). A crash between accept and record leaves the row "sending"; after the
  claim timeout it is sent once more (the same accepted window as the emails; the
  notification's tag makes the device show the repeat in place of the first).
- Only in the user's daytime, like the emails. A device whose push service answers 404 or
  410 has gone (uninstalled, permission withdrawn): its subscription is deleted.
"""

import datetime
import json
import logging
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from py_vapid import Vapid, b64urlencode
from pywebpush import WebPushException, webpush

from netzwerk.models import User

from .clock import is_daytime, local
from .delivery import CLAIM_TIMEOUT, MAX_ATTEMPTS, Lease, daytime_owners, record_failure, ticking
from .models import Nudge
from .models.push import PushDelivery, PushState, PushSubscription

logger = logging.getLogger(__name__)

# A nudge older than this is not pushed any more: the in-app list still has it.
MAX_AGE = datetime.timedelta(hours=24)
# The development key, made on first use when VAPID_PRIVATE_KEY is not set.
DEV_KEY_FILE = Path(settings.VAR_DIR) / "vapid-private-key.txt"


def new_private_key() -> str:
    """A fresh VAPID private key as VAPID_PRIVATE_KEY holds it: base64url of 32 bytes."""
    fresh = Vapid()
    fresh.generate_keys()
    return b64urlencode(fresh.private_key.private_numbers().private_value.to_bytes(32, "big"))


def vapid() -> Vapid:
    """The server's VAPID key: VAPID_PRIVATE_KEY (base64url, the raw 32 bytes), or in
    development one made once and kept under var/."""
    key = settings.VAPID_PRIVATE_KEY
    if not key:
        if not DEV_KEY_FILE.exists():
            DEV_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
            DEV_KEY_FILE.write_text(new_private_key())
        key = DEV_KEY_FILE.read_text().strip()
    return Vapid.from_string(key)


def application_server_key() -> str:
    """The public key the browser subscribes with (base64url, uncompressed point)."""
    point = vapid().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64urlencode(point)


def endpoint_allowed(endpoint: str) -> bool:
    """Only the browsers' push services: the server sends to this URL, and must never be
    made to send to an address of the user's choosing (another host, an internal one)."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    for allowed in settings.PUSH_SERVICE_HOSTS:
        allowed = allowed.lower()
        matches = host == allowed.lstrip(".") or (
            allowed.startswith(".") and host.endswith(allowed)
        )
        if matches and (parts.scheme == "https" or settings.PUSH_ALLOW_HTTP):
            return True
    return False


# --- deriving ------------------------------------------------------------------------------


def create_deliveries(now: datetime.datetime | None = None) -> int:
    """A delivery row for every recent nudge and device that wants it; returns how many
    pairs there were (existing rows are left as they are)."""
    now = now or timezone.now()
    devices = list(
        PushSubscription.objects.filter(owner__is_active=True).values_list(
            "id", "owner_id", "topics", "created_at"
        )
    )
    if not devices:
        return 0
    by_owner: dict[int, list] = {}
    for device in devices:
        by_owner.setdefault(device[1], []).append(device)
    nudges = Nudge.objects.filter(
        owner_id__in=list(by_owner), created_at__gte=now - MAX_AGE, read_at__isnull=True
    ).values_list("id", "owner_id", "kind", "created_at")
    rows = []
    for nudge_id, owner_id, kind, created_at in nudges:
        for device_id, _owner, topics, subscribed_at in by_owner[owner_id]:
            wanted = PushSubscription(topics=topics).kinds
            if kind in wanted and created_at >= subscribed_at:
                rows.append(
                    PushDelivery(owner_id=owner_id, nudge_id=nudge_id, subscription_id=device_id)
                )
    PushDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def release_stale_claims(now: datetime.datetime | None = None) -> int:
    """Claims a crash left in "sending": back to pending, or failed when out of attempts."""
    now = now or timezone.now()
    stale = PushDelivery.objects.stale_claims(now, CLAIM_TIMEOUT)
    stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=PushState.FAILED, error="Claim abandoned too often (crashes)."
    )
    return stale.update(state=PushState.PENDING, claim=None)


def owners_due(now: datetime.datetime | None = None) -> list[int]:
    """Users with notifications due now whose local time is daytime."""
    now = now or timezone.now()
    return daytime_owners(PushDelivery.objects.due(now).values("owner_id").distinct(), now)


# --- sending -------------------------------------------------------------------------------


def send_push(user_id: int, now: datetime.datetime | None = None) -> int:
    """Claim the user's due notifications and push each to its device; returns how many
    the push services accepted."""
    now = now or timezone.now()
    clock = ticking(now)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not is_daytime(local(now, user.time_zone), user.morning_hour):
        return 0
    claim = uuid.uuid4()
    claimed = (
        PushDelivery.objects.filter(owner_id=user_id)
        .due(now)
        .update(state=PushState.SENDING, claim=claim, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return 0
    mine = PushDelivery.objects.filter(claim=claim, state=PushState.SENDING)
    deliveries = list(mine.select_related("subscription").order_by("id"))
    nudges = {
        nudge.pk: nudge
        for nudge in Nudge.objects.filter(pk__in={d.nudge_id for d in deliveries}).for_display()
    }
    key = vapid()
    lease = Lease(mine, [d.pk for d in deliveries], clock)
    sent = 0
    gone: set[int] = set()
    with translation.override(user.language):
        today = local(now, user.time_zone).date()
        for delivery in deliveries:
            if delivery.subscription_id in gone or delivery.pk not in lease.ids:
                continue
            this_one = mine.filter(pk=delivery.pk)
            what = f"Push of nudge {delivery.nudge_id} to device {delivery.subscription_id}"
            error, status = _push(delivery.subscription, nudges[delivery.nudge_id], today, key)
            if status in (404, 410):
                logger.info("%s: the device is gone (%s), unsubscribed", what, status)
                gone.add(delivery.subscription_id)
                delivery.subscription.delete()
                lease.done(d.pk for d in deliveries if d.subscription_id in gone)
            elif error:
                record_failure(this_one, delivery.attempts, error, now, what)
            else:
                this_one.mark_sent(clock())
                sent += 1
            lease.done([delivery.pk])
            lease.renew()
    PushSubscription.objects.filter(pk__in={d.subscription_id for d in deliveries} - gone).update(
        last_sent_at=timezone.now()
    )
    return sent


def payload(nudge: Nudge, today: datetime.date) -> str:
    """What the service worker shows: the nudge's headline, and where a tap leads."""
    return json.dumps(
        {
            "title": f"{nudge.emoji} Netzwerk",
            "body": nudge.headline(today),
            "url": nudge.target_url(),
            # One notification per nudge on the device, even if it arrives twice.
            "tag": f"nudge-{nudge.pk}",
        },
        ensure_ascii=False,
    )


def _push(device: PushSubscription, nudge: Nudge, today, key: Vapid) -> tuple[str, int]:
    """Send one message; ("", 201) on success, else the error and the HTTP status (0 when
    there was no answer)."""
    if not endpoint_allowed(device.endpoint):
        return "The endpoint is no known push service.", 410
    try:
        response = webpush(
            device.as_webpush(),
            data=payload(nudge, today),
            vapid_private_key=key,
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            timeout=settings.PUSH_TIMEOUT,
            ttl=int(MAX_AGE.total_seconds()),
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else 0
        return f"{status}: {error}"[:1000], status
    except OSError as error:  # refused, unreachable, timed out
        return f"{type(error).__name__}: {error}"[:1000], 0
    return "", response.status_code
