"""Email delivery of nudges (and the rules the weekly digest shares): claim, send, record.

The life of a nudge email: the scan creates the nudge with email_state "pending"; a delivery
run claims all of one user's due pending nudges with ONE conditional UPDATE
(pending → sending, stamped with a fresh claim id, only where still pending), sends one email
bundling them, and marks exactly the rows of its claim "sent". Two runs at once (two beats, a
task enqueued twice, a redelivery) cannot both claim a row: the UPDATE's WHERE re-checks the
state under the row lock, so the loser claims nothing and sends nothing.

One email per user and run, not one per nudge: a morning with a birthday, two follow-ups and
a lunch is one message in the phone's inbox instead of four, and one SMTP transaction.

Failures:
- SMTP refuses or is down: the claimed rows go back to "pending" with email_next_try_at =
  now + backoff (EMAIL_RETRY_BASE_SECONDS, doubling, at most an hour) and the error; the next
  run after that instant sends them. Nothing is scheduled ahead (no countdown, no ETA): the
  periodic run finds what is due. After EMAIL_MAX_ATTEMPTS attempts the rows are "failed"
  and the failure is logged as an error.
- A crash (worker killed, machine gone) between claim and "sent" leaves rows in "sending".
  The next run releases claims older than EMAIL_CLAIM_TIMEOUT_SECONDS (longer than the task
  time limit, so a live send is never taken over) back to "pending" — or to "failed", logged,
  once the attempts are used up — and sends them again.

The accepted duplicate window: if the process dies after the SMTP server accepted the
message and before the UPDATE that marks the rows "sent" committed, the rows are still
"sending"; after the claim timeout they are sent once more. So each such crash can repeat
that one message at most once, and nothing is ever lost. Every other crash point (before or
during the SMTP transaction) loses nothing and repeats nothing. Mail servers that deduplicate
by Message-ID drop even that repeat: the Message-ID is derived from the nudges in the message.
"""

import contextlib
import datetime
import logging
import smtplib
import uuid

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F
from django.utils import timezone

from netzwerk.models import User

from .clock import is_daytime, local
from .models import EmailState, Nudge

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = datetime.timedelta(seconds=settings.EMAIL_CLAIM_TIMEOUT_SECONDS)
MAX_ATTEMPTS = settings.EMAIL_MAX_ATTEMPTS
MAX_BACKOFF = datetime.timedelta(hours=1)


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before try number attempts + 1: base, 2×base, 4×base, … up to an hour."""
    seconds = settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return min(datetime.timedelta(seconds=seconds), MAX_BACKOFF)


def send_message(message: EmailMessage, connection: BaseEmailBackend | None = None) -> str:
    """Send; "" on success, else the error (refused, unreachable, timed out).

    With a connection shared by several messages, a failure closes it and opens a fresh one,
    so one refused message does not take the rest of the batch down with a broken session.
    """
    if connection is not None:
        message.connection = connection
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if connection is not None:
            reopen(connection)
        return f"{type(error).__name__}: {error}"[:1000]
    return ""


def reopen(connection: BaseEmailBackend) -> None:
    """Close and open again; if the server stays away, each later send tries on its own."""
    for step in (connection.close, connection.open):
        with contextlib.suppress(smtplib.SMTPException, OSError):
            step()


def release_stale_claims(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Claims a crash left in "sending": back to pending, or failed when out of attempts.

    Returns (released, failed).
    """
    now = now or timezone.now()
    stale = Nudge.objects.stale_claims(now, CLAIM_TIMEOUT)
    failed_ids = list(stale.filter(email_attempts__gte=MAX_ATTEMPTS).values_list("id", flat=True))
    failed = 0
    if failed_ids:
        failed = Nudge.objects.filter(pk__in=failed_ids, email_state=EmailState.SENDING).update(
            email_state=EmailState.FAILED, email_error="Claim abandoned too often (crashes)."
        )
        logger.error("Nudge emails failed for good after crashes: nudges %s", failed_ids)
    released = stale.update(email_state=EmailState.PENDING, email_claim=None)
    if released:
        logger.warning("Released %s nudge email claims left behind by a crash", released)
    return released, failed


def owners_due_for_email(now: datetime.datetime | None = None) -> list[int]:
    """Users with nudge emails due now whose local time is daytime (never at night)."""
    now = now or timezone.now()
    owner_ids = Nudge.objects.email_due(now).values("owner_id").distinct()
    users = User.objects.filter(pk__in=owner_ids, is_active=True).values_list(
        "id", "time_zone", "morning_hour"
    )
    return [uid for uid, tz, hour in users if is_daytime(local(now, tz), hour)]


def send_nudge_email(user_id: int, now: datetime.datetime | None = None) -> int:
    """Claim the user's due nudge emails, send them in one message; returns nudges sent."""
    from .emails import nudge_message

    now = now or timezone.now()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not is_daytime(local(now, user.time_zone), user.morning_hour):
        return 0
    claim = uuid.uuid4()
    claimed = (
        Nudge.objects.filter(owner=user)
        .email_due(now)
        .update(
            email_state=EmailState.SENDING,
            email_claim=claim,
            email_claimed_at=now,
            email_attempts=F("email_attempts") + 1,
        )
    )
    if not claimed:
        return 0
    mine = Nudge.objects.filter(email_claim=claim, email_state=EmailState.SENDING)
    nudges = list(
        mine.select_related("contact", "follow_up", "lunch", "important_date").order_by(
            "occurs_on", "id"
        )
    )
    error = send_message(nudge_message(user, nudges, now))
    if error:
        attempts = max(n.email_attempts for n in nudges)
        if attempts >= MAX_ATTEMPTS:
            mine.update(email_state=EmailState.FAILED, email_error=error)
            logger.error("Nudge email to user %s failed for good: %s", user_id, error)
        else:
            mine.update(
                email_state=EmailState.PENDING,
                email_claim=None,
                email_next_try_at=now + backoff(attempts),
                email_error=error,
            )
            logger.warning("Nudge email to user %s will be retried: %s", user_id, error)
        return 0
    return mine.update(
        email_state=EmailState.SENT,
        email_sent_at=timezone.now(),
        email_error="",
        email_next_try_at=None,
    )
