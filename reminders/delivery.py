"""Sending: nudge emails and weekly digests are claimed, sent over SMTP and recorded.

What a message says is built elsewhere (reminders/digest.py gathers a digest's content,
reminders/emails.py renders both kinds of message); this module decides who is due, claims,
sends, and records how it went. It imports those builders and they never import it.

Claims. A nudge email: the scan creates the nudge with email_state "pending"; a delivery run
claims all of one user's due pending nudges with ONE conditional UPDATE (pending → sending,
stamped with a fresh claim id, only where still pending), sends one email bundling them, and
marks exactly the rows of its claim "sent". A weekly digest: the beat creates one pending
Digest(owner, week) row per user; a chunk task claims up to CHUNK_SIZE users' rows with ONE
conditional UPDATE, builds their digests with a fixed set of queries, sends them over one
SMTP connection and marks each "sent" right after the server accepted it. Two runs at once
(two beats, a task enqueued twice, a redelivery) cannot both claim a row: the UPDATE's WHERE
re-checks the state under the row lock, so the loser claims nothing and sends nothing.

One email per user and run, not one per nudge: a morning with a birthday, two follow-ups and
a lunch is one message in the phone's inbox instead of four, and one SMTP transaction.

Failures, the same for both kinds (record_failure):
- SMTP refuses or is down: the claimed rows go back to "pending", not before now + backoff
  (EMAIL_RETRY_BASE_SECONDS, doubling, at most an hour), with the error; the next run after
  that instant sends them. Nothing is scheduled ahead (no countdown, no ETA): the periodic run
  finds what is due. After EMAIL_MAX_ATTEMPTS attempts the rows are "failed" and the failure
  is logged as an error.
- A crash (worker killed, machine gone) between claim and "sent" leaves rows in "sending".
  A later run takes over claims older than EMAIL_CLAIM_TIMEOUT_SECONDS (longer than the task
  time limit, so a live send is never taken over) and sends them again; nudges that used up
  their attempts that way are "failed", logged.

The accepted duplicate window: if the process dies after the SMTP server accepted a message
and before the UPDATE that marks it "sent" committed, its rows are still "sending"; after the
claim timeout they are sent once more. So each such crash can repeat that one message at most
once, and nothing is ever lost. Every other crash point (before or during the SMTP
transaction) loses nothing and repeats nothing. Mail servers that deduplicate by Message-ID
drop even that repeat: the Message-ID is derived from the nudges in the message, or from the
user and week of a digest.
"""

import contextlib
import datetime
import logging
import smtplib
import uuid
from collections import defaultdict
from typing import Protocol

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F
from django.utils import timezone

from contacts.models import Contact
from netzwerk.models import User

from . import emails
from .clock import digest_is_due, is_daytime, iso_week, local
from .digest import build_digests
from .lunch_guests import mark_suggested
from .models import Digest, DigestState, EmailState, Nudge

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = datetime.timedelta(seconds=settings.EMAIL_CLAIM_TIMEOUT_SECONDS)
MAX_ATTEMPTS = settings.EMAIL_MAX_ATTEMPTS
MAX_BACKOFF = datetime.timedelta(hours=1)
# Users per digest chunk task: few queries per user, and a chunk still sends well within the
# task's time limit even with a slow remote mail server.
CHUNK_SIZE = 100


class Claimed(Protocol):
    """The rows of one claim still "sending": nudges of one email, or one digest. Their
    querysets record the outcome in the row kind's own columns, one UPDATE each."""

    def retry_at(self, when: datetime.datetime, error: str) -> int: ...

    def mark_failed(self, error: str) -> int: ...


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before try number attempts + 1: base, 2×base, 4×base, … up to an hour."""
    seconds = settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return min(datetime.timedelta(seconds=seconds), MAX_BACKOFF)


def record_failure(
    claimed: Claimed, attempts: int, error: str, now: datetime.datetime, what: str
) -> None:
    """A send failed: retry after the backoff, or give up after MAX_ATTEMPTS; logged.

    `what` names the message in the log ("Nudge email to user 7").
    """
    if attempts >= MAX_ATTEMPTS:
        claimed.mark_failed(error)
        logger.error("%s failed for good: %s", what, error)
    else:
        claimed.retry_at(now + backoff(attempts), error)
        logger.warning("%s will be retried: %s", what, error)


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


# --- nudge emails ----------------------------------------------------------------------------


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
    return daytime_owners(Nudge.objects.email_due(now).values("owner_id").distinct(), now)


def daytime_owners(owner_ids, now: datetime.datetime) -> list[int]:
    """The active users among these ids (a values("owner_id") queryset) whose local time is
    daytime now; push notifications (reminders/push.py) ask the same."""
    users = User.objects.filter(pk__in=owner_ids, is_active=True).values_list(
        "id", "time_zone", "morning_hour"
    )
    return [uid for uid, tz, hour in users if is_daytime(local(now, tz), hour)]


def send_nudge_email(user_id: int, now: datetime.datetime | None = None) -> int:
    """Claim the user's due nudge emails, send them in one message; returns nudges sent."""
    now = now or timezone.now()
    user = User.objects.filter(pk=user_id, is_active=True).with_email_confirmed().first()
    if user is None or not is_daytime(local(now, user.time_zone), user.morning_hour):
        return 0
    if not user.email_confirmed:
        # The address changed to an unconfirmed one after the scan: the nudges stay in the app.
        Nudge.objects.filter(owner=user).email_due(now).update(email_state=EmailState.NONE)
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
    # Loaded as the app's nudge list loads them: the email words them with the same headline.
    nudges = list(mine.for_display().order_by("occurs_on", "id"))
    error = send_message(emails.nudge_message(user, nudges, now))
    if error:
        attempts = max(n.email_attempts for n in nudges)
        record_failure(mine, attempts, error, now, f"Nudge email to user {user_id}")
        return 0
    return mine.mark_sent(timezone.now())


# --- weekly digests --------------------------------------------------------------------------


def due_digests(now: datetime.datetime | None = None) -> list[tuple[int, str]]:
    """Create this week's digest rows for users whose digest time has come; return those due.

    A row is created (pending) once per user and ISO week; bulk insert with ON CONFLICT DO
    NOTHING, so two beats create one row. Returned are (user id, week) of every row a sender
    may claim now: pending and due (new, or waiting for its retry) or a stale "sending" claim.
    """
    now = now or timezone.now()
    users = (
        User.objects.mailable()
        .filter(digest_enabled=True)
        .values_list("id", "time_zone", "digest_weekday", "digest_hour")
    )
    rows = []
    for user_id, time_zone, weekday, hour in users.iterator(chunk_size=2000):
        local_now = local(now, time_zone)
        if digest_is_due(local_now, weekday, hour):
            rows.append(
                Digest(
                    owner_id=user_id,
                    week=iso_week(local_now.date()),
                    state=DigestState.PENDING,
                    claimed_at=now,
                )
            )
    Digest.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    # Rows of weeks gone by that never went out (a long outage) are closed, not sent late.
    Digest.objects.filter(
        state__in=[DigestState.PENDING, DigestState.SENDING],
        claimed_at__lt=now - datetime.timedelta(days=8),
    ).update(state=DigestState.FAILED, detail="Not sent during its week.")
    weeks = {row.owner_id: row.week for row in rows}
    claimable = Digest.objects.filter(owner_id__in=weeks).claimable(now, CLAIM_TIMEOUT)
    return [
        (owner_id, week)
        for owner_id, week in claimable.values_list("owner_id", "week")
        if weeks.get(owner_id) == week
    ]


def chunks(due: list[tuple[int, str]], size: int = CHUNK_SIZE) -> list[tuple[list[int], str]]:
    """(user ids, week) per chunk task: up to `size` users of the same ISO week."""
    by_week: dict[str, list[int]] = defaultdict(list)
    for user_id, week in due:
        by_week[week].append(user_id)
    return [
        (ids[start : start + size], week)
        for week, ids in sorted(by_week.items())
        for start in range(0, len(ids), size)
    ]


def send_digest(user_id: int, week: str, now: datetime.datetime | None = None) -> bool:
    """One user's digest (the row is created if the beat has not); True if sent now."""
    now = now or timezone.now()
    if User.objects.mailable().filter(pk=user_id, digest_enabled=True).exists():
        Digest.objects.bulk_create(
            [Digest(owner_id=user_id, week=week, state=DigestState.PENDING, claimed_at=now)],
            ignore_conflicts=True,
        )
    return send_digests([user_id], week, now) == 1


def send_digests(user_ids: list[int], week: str, now: datetime.datetime | None = None) -> int:
    """Claim the chunk's digest rows for the week, build, send, record. Returns how many sent.

    The claim is one conditional UPDATE stamped with a fresh claim id; a second task for the
    same rows (enqueued twice, two beats, a redelivery, a user in two chunks) claims nothing
    it does not own and sends nothing twice. Inactive users are left alone.
    """
    now = now or timezone.now()
    users = {user.pk: user for user in User.objects.mailable().filter(pk__in=user_ids)}
    rows = Digest.objects.filter(week=week)
    switched_off = [pk for pk, user in users.items() if not user.digest_enabled]
    if switched_off:
        rows.filter(owner_id__in=switched_off, state=DigestState.PENDING).update(
            state=DigestState.SKIPPED, detail="The weekly digest is switched off."
        )
    # The claim's WHERE is on the digest table alone (no join, no subquery), so PostgreSQL
    # re-checks it under the row lock and of two tasks at once only one claims a row.
    wanted = [pk for pk, user in users.items() if user.digest_enabled]
    claim = uuid.uuid4()
    claimed = (
        rows.filter(owner_id__in=wanted)
        .claimable(now, CLAIM_TIMEOUT)
        .update(state=DigestState.SENDING, claim=claim, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return 0
    mine = rows.filter(owner_id__in=wanted, claim=claim)
    claimed_rows = list(mine.order_by("owner_id"))
    for row in claimed_rows:
        row.owner = users[row.owner_id]
    digests = build_digests(
        [(row.owner, local(now, row.owner.time_zone).date()) for row in claimed_rows]
    )

    sent: list[int] = []
    suggested: dict[datetime.date, list[int]] = defaultdict(list)
    empty = [row.pk for row in claimed_rows if digests[row.owner_id].is_empty]
    if empty:
        mine.filter(pk__in=empty, state=DigestState.SENDING).update(
            state=DigestState.SKIPPED, detail="Nothing to tell this week."
        )
    # One SMTP connection for the chunk; if the server is away, each send tries on its own.
    connection = get_connection()
    reopen(connection)
    try:
        for row in claimed_rows:
            data = digests[row.owner_id]
            if data.is_empty:
                continue
            this_one = mine.filter(pk=row.pk, state=DigestState.SENDING)
            what = f"Weekly digest {row.week} of user {row.owner_id}"
            try:
                message = emails.digest_message(data, week)
            except SoftTimeLimitExceeded:
                raise
            except Exception as error:
                # One user's unexpected data must not hold back the rest of the chunk.
                logger.exception("Weekly digest %s of user %s did not render", week, row.owner_id)
                record_failure(this_one, row.attempts, type(error).__name__, now, what)
                continue
            error = send_message(message, connection)
            if error:
                record_failure(this_one, row.attempts, error, now, what)
                continue
            # Recorded at once, not with the chunk: a worker killed after this point repeats
            # nothing, one killed before it repeats this one message (the accepted window).
            this_one.mark_sent(timezone.now())
            sent.append(row.pk)
            suggested[data.today] += [contact.pk for contact in data.suggestions]
    finally:
        for today, contact_ids in suggested.items():
            mark_suggested(Contact.objects.filter(pk__in=contact_ids), today)
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return len(sent)
