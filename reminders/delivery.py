"""Sending: nudge emails and weekly digests are claimed, sent over SMTP and recorded.

What a message says is built elsewhere (reminders/digest.py gathers a digest's content,
reminders/emails.py renders both kinds of message); this module decides who is due, claims,
sends, and records how it went. It imports those builders and they never import it.

Claims. A nudge email: the scan creates the nudge with email_state "pending"; a delivery run
hands the users with due emails to chunk tasks (up to CHUNK_SIZE users each); a chunk claims
all its users' due pending nudges with ONE conditional UPDATE (pending → sending, stamped
with a fresh claim id, only where still pending), sends one email per user bundling them,
and marks exactly the rows of that email "sent". A weekly digest: the beat creates one pending
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

A claim is a lease. Its rows' claimed_at is renewed after every message (the heartbeat),
and a claim not renewed for CLAIM_TIMEOUT is taken over by the next delivery run. A live
sender never lets it lapse: one message's whole exchange (connecting, the SMTP transaction,
reconnecting after a failure) is cut off after MESSAGE_DEADLINE (a watchdog shuts the
socket; the message counts as failed and is retried). The formula, with EMAIL_TIMEOUT the
limit of one socket operation:
    MESSAGE_DEADLINE = 2 x EMAIL_TIMEOUT  (connect and greeting, the part that cannot be cut)
    CLAIM_TIMEOUT    = 3 x EMAIL_TIMEOUT  (EMAIL_CLAIM_TIMEOUT_SECONDS; one EMAIL_TIMEOUT
                                           more for rendering and the database between
                                           messages)
With the default EMAIL_TIMEOUT of 30 s a crashed sender's claim is taken over 90 s after its
last message, by the delivery run of the following minute. A sender whose lease lapsed anyway
(a database stalled for longer) notices at its next renewal and sends nothing more of it.

The accepted duplicate window: if the process dies after the SMTP server accepted a message
and before the UPDATE that marks it "sent" committed, its rows are still "sending"; after the
claim timeout they are sent once more. So a crash can repeat the message each pool process
had in flight, at most once each, and nothing is ever lost. An SMTP exchange that fails
after the server stored the message (a timeout waiting for its "250", the watchdog cutting
it) is recorded as failed and repeated by the retry, without any crash. Mail servers that
deduplicate by Message-ID drop such repeats: the Message-ID is derived from the nudges in
the message, or from the user and week of a digest.
"""

import contextlib
import datetime
import logging
import smtplib
import socket
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
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
# One message's exchange is cut off after this, so a live sender renews its lease in time.
MESSAGE_DEADLINE = CLAIM_TIMEOUT * 2 / 3
MAX_ATTEMPTS = settings.EMAIL_MAX_ATTEMPTS
MAX_BACKOFF = datetime.timedelta(hours=1)
# Users per chunk task (digests and nudge emails): few queries per user, and a chunk still
# sends well within the task's time limit even with a slow remote mail server.
CHUNK_SIZE = 100

Clock = Callable[[], datetime.datetime]


class Claimed(Protocol):
    """The rows of one claim still "sending": nudges of one email, or one digest. Their
    querysets record the outcome in the row kind's own columns, one UPDATE each."""

    def retry_at(self, when: datetime.datetime, error: str) -> int: ...

    def mark_failed(self, error: str) -> int: ...


class Held(Protocol):
    """The rows a claim still holds (its id, still "sending"), of any of the claimed kinds."""

    def renew_claim(self, at: datetime.datetime) -> int: ...

    def values_list(self, *fields, flat: bool = False): ...


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


def ticking(now: datetime.datetime) -> Clock:
    """A clock that starts at the run's instant `now` (which a caller may give) and runs on
    in real time, so the lease renewals and "sent" stamps of a run stay in its timeline."""
    start = time.monotonic()
    return lambda: now + datetime.timedelta(seconds=time.monotonic() - start)


class Lease:
    """The heartbeat of one claim: after every message, the rows still held are renewed.

    `ids` are the rows not yet done. If a renewal finds fewer than those (the lease lapsed
    and another run took rows over), only the rows still held are sent from then on.
    """

    def __init__(self, held: Held, ids, clock: Clock):
        self.held, self.ids, self.clock = held, set(ids), clock

    def done(self, ids) -> None:
        self.ids -= set(ids)

    def renew(self) -> set[int]:
        if self.ids and self.held.renew_claim(self.clock()) < len(self.ids):
            still = set(self.held.values_list("pk", flat=True))
            logger.warning("A lapsed claim lost %s rows to another run", len(self.ids - still))
            self.ids &= still
        return self.ids


@contextlib.contextmanager
def deadline(connection: BaseEmailBackend, seconds: float) -> Iterator[None]:
    """Shut the connection's socket if the block has not finished after `seconds`, so the
    blocked SMTP call fails at once (an OSError or SMTPServerDisconnected).

    Connecting and the server's greeting cannot be cut (the socket is out of reach until
    the greeting is read); each of them is bounded by EMAIL_TIMEOUT.
    """
    done = threading.Event()

    def watch() -> None:
        if done.wait(seconds):
            return
        while not done.is_set():
            for smtp in (
                getattr(connection, "connection", None),
                getattr(connection, "_partial_connection", None),
            ):
                sock = getattr(smtp, "sock", None)
                if sock is not None:
                    with contextlib.suppress(OSError):
                        # The plain socket's shutdown, also for TLS: it wakes a blocked read.
                        socket.socket.shutdown(sock, socket.SHUT_RDWR)
            done.wait(0.1)

    watchdog = threading.Thread(target=watch, name="smtp-deadline", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        done.set()
        watchdog.join()


def send_message(message: EmailMessage, connection: BaseEmailBackend) -> str:
    """Send over the connection within MESSAGE_DEADLINE; "" on success, else the error
    (refused, unreachable, timed out, cut off).

    The connection stays open for the next message; after a failure it is closed, and the
    next message opens a fresh one (within its own deadline), so one refused message does
    not take the rest of a batch down with a broken session.
    """
    message.connection = connection
    with deadline(connection, MESSAGE_DEADLINE.total_seconds()):
        try:
            connection.open()
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                connection.close()
            return f"{type(error).__name__}: {error}"[:1000]
    return ""


def render_or_fail(
    render: Callable[[], EmailMessage], claimed: Claimed, attempts, now, what, retry=True
):
    """The message, built, or None after recording the failure: one user's unexpected data
    must not hold back the rest of a chunk. With retry=False a message that cannot be built
    is failed at once with the reason (nudges: their text comes from the user's data, and a
    second try builds the same)."""
    try:
        message = render()
        # Headers are checked when the message is built, not when it is made.
        message.message()
        return message
    except SoftTimeLimitExceeded:
        raise
    except Exception as error:
        logger.exception("%s did not render", what)
        if retry:
            record_failure(claimed, attempts, type(error).__name__, now, what)
        else:
            claimed.mark_failed(f"Not built: {type(error).__name__}: {error}"[:1000])
        return None


def user_chunks(user_ids: list[int], size: int = CHUNK_SIZE) -> list[list[int]]:
    """The ids in runs of `size` for the chunk tasks (users here, endpoints for webhooks)."""
    return [user_ids[start : start + size] for start in range(0, len(user_ids), size)]


# --- nudge emails ----------------------------------------------------------------------------


def release_stale_claims(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Claims whose lease lapsed (a crash): back to pending, or failed when out of attempts.

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
    return sorted(uid for uid, tz, hour in users if is_daytime(local(now, tz), hour))


def send_nudge_email(user_id: int, now: datetime.datetime | None = None) -> int:
    """One user's due nudge emails in one message; returns nudges sent."""
    return send_nudge_emails([user_id], now)


def send_nudge_emails(user_ids: list[int], now: datetime.datetime | None = None) -> int:
    """Claim the due nudge emails of these users with ONE conditional UPDATE, send one email
    per user over one connection, renewing the lease after each; returns nudges sent."""
    now = now or timezone.now()
    clock = ticking(now)
    candidates = [
        user
        for user in User.objects.filter(pk__in=user_ids, is_active=True).with_email_confirmed()
        if is_daytime(local(now, user.time_zone), user.morning_hour)
    ]
    unconfirmed = [user.pk for user in candidates if not user.email_confirmed]
    if unconfirmed:
        # The address changed to an unconfirmed one after the scan: the nudges stay in the app.
        Nudge.objects.filter(owner_id__in=unconfirmed).email_due(now).update(
            email_state=EmailState.NONE
        )
    users = {user.pk: user for user in candidates if user.email_confirmed}
    if not users:
        return 0
    claim = uuid.uuid4()
    claimed = (
        Nudge.objects.filter(owner_id__in=users)
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
    held = Nudge.objects.filter(email_claim=claim, email_state=EmailState.SENDING)
    # Loaded as the app's nudge list loads them: the email words them with the same headline.
    by_owner: dict[int, list[Nudge]] = defaultdict(list)
    for nudge in held.for_display().order_by("owner_id", "occurs_on", "id"):
        by_owner[nudge.owner_id].append(nudge)
    lease = Lease(held, [n.pk for nudges in by_owner.values() for n in nudges], clock)
    sent = 0
    connection = get_connection()
    try:
        for owner_id, nudges in by_owner.items():
            nudges = [n for n in nudges if n.pk in lease.ids]
            if not nudges:
                continue
            ids = [n.pk for n in nudges]
            this_one = held.filter(pk__in=ids)
            attempts = max(n.email_attempts for n in nudges)
            what = f"Nudge email to user {owner_id}"
            message = render_or_fail(
                lambda: emails.nudge_message(users[owner_id], nudges, now),  # noqa: B023
                this_one,
                attempts,
                now,
                what,
                retry=False,
            )
            error = send_message(message, connection) if message else ""
            if error:
                record_failure(this_one, attempts, error, now, what)
            elif message:
                sent += this_one.mark_sent(clock())
            lease.done(ids)
            lease.renew()
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return sent


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
        .values_list("id", "time_zone", "digest_weekday", "digest_hour", "date_joined")
    )
    # The run comes every minute and a digest stays due for the rest of its week (a late one
    # after an outage), so this loop stays light: the local time once per zone, plain tuples,
    # and only the rows still missing are inserted.
    clocks: dict[str, tuple[datetime.datetime, str]] = {}
    weeks: dict[int, str] = {}
    for user_id, time_zone, weekday, hour, joined in users.iterator(chunk_size=2000):
        if time_zone not in clocks:
            local_now = local(now, time_zone)
            clocks[time_zone] = (local_now, iso_week(local_now.date()))
        local_now, week = clocks[time_zone]
        if digest_is_due(local_now, weekday, hour, joined):
            weeks[user_id] = week
    # Filtered by week alone: a list of every due user's id would cost far more to plan.
    this_week = Digest.objects.filter(week__in=set(weeks.values()))
    existing = set(this_week.values_list("owner_id", "week"))
    Digest.objects.bulk_create(
        [
            Digest(owner_id=user_id, week=week, state=DigestState.PENDING, claimed_at=now)
            for user_id, week in weeks.items()
            if (user_id, week) not in existing
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    # Rows of weeks gone by that never went out (a long outage) are closed, not sent late.
    Digest.objects.filter(
        state__in=[DigestState.PENDING, DigestState.SENDING],
        claimed_at__lt=now - datetime.timedelta(days=8),
    ).update(state=DigestState.FAILED, detail="Not sent during its week.")
    claimable = this_week.claimable(now, CLAIM_TIMEOUT)
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
        (ids, week) for week, users in sorted(by_week.items()) for ids in user_chunks(users, size)
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
    it does not own and sends nothing twice. Inactive users are left alone. The lease is
    renewed after building and after every message.
    """
    now = now or timezone.now()
    clock = ticking(now)
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
    lease = Lease(
        mine.filter(state=DigestState.SENDING), {row.pk for row in claimed_rows} - set(empty), clock
    )
    lease.renew()
    # One SMTP connection for the chunk; if the server is away, each send tries on its own.
    connection = get_connection()
    try:
        for row in claimed_rows:
            if row.pk not in lease.ids:
                continue
            data = digests[row.owner_id]
            this_one = mine.filter(pk=row.pk, state=DigestState.SENDING)
            what = f"Weekly digest {row.week} of user {row.owner_id}"
            message = render_or_fail(
                lambda: emails.digest_message(data, week),  # noqa: B023
                this_one,
                row.attempts,
                now,
                what,
            )
            error = send_message(message, connection) if message else ""
            if error:
                record_failure(this_one, row.attempts, error, now, what)
            elif message:
                # Recorded at once, not with the chunk: a worker killed after this point
                # repeats nothing, one killed before it repeats this one message.
                this_one.mark_sent(clock())
                sent.append(row.pk)
                suggested[data.today] += [contact.pk for contact in data.suggestions]
            lease.done([row.pk])
            lease.renew()
    finally:
        for today, contact_ids in suggested.items():
            mark_suggested(Contact.objects.filter(pk__in=contact_ids), today)
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return len(sent)


# --- on request (the preferences page) -------------------------------------------------------


def send_test_email(user_id: int, now: datetime.datetime | None = None) -> str:
    """Send a test email to the user right away; "" on success, else the error."""
    now = now or timezone.now()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return "No such user."
    connection = get_connection()
    try:
        error = send_message(emails.test_message(user, now), connection)
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    if error:
        logger.warning("Test email to user %s failed: %s", user_id, error)
    return error


def request_digest_now(user: User, now: datetime.datetime | None = None) -> Digest | None:
    """This week's digest, to be sent now: its row is created (or a failed one set to try
    again) and returned for the caller to queue; None when it is sent or on its way already.

    Safe against double taps: the unique (owner, week) row and the claim make a second
    request find the same row, and the chunk's claim sends it once.
    """
    now = now or timezone.now()
    week = iso_week(local(now, user.time_zone).date())
    Digest.objects.bulk_create(
        [Digest(owner=user, week=week, state=DigestState.PENDING, claimed_at=now)],
        ignore_conflicts=True,
    )
    row = Digest.objects.for_owner(user).get(week=week)
    if row.state in (DigestState.FAILED, DigestState.SKIPPED):
        Digest.objects.filter(pk=row.pk, state=row.state).update(
            state=DigestState.PENDING, next_try_at=None, attempts=0, detail=""
        )
        row.refresh_from_db()
    if row.state == DigestState.PENDING:
        Digest.objects.filter(pk=row.pk, state=DigestState.PENDING).update(next_try_at=None)
        return row
    return None
