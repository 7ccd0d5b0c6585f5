"""The background work the benchmark times: digest build, weekly digest run, nudge scan.

Each function takes the Bench and returns what a Case runs. The weekly digest runs the
way the beat task and the workers split it: `due_digests` creates the week's rows, `chunks`
cuts them into chunk tasks, then the workers claim, build and send a chunk at a time with
`send_digests` (what the Celery chunk task calls). With one worker that happens in this
process (so its queries are counted); with more, forked processes share the chunks, each
with its own database connection, the email backend being locmem in all of them.
"""

import datetime
import multiprocessing
from zoneinfo import ZoneInfo

from django.core import mail
from django.db import connection, connections
from django.test.utils import override_settings
from django.utils import timezone

from netzwerk.models import User
from reminders.clock import iso_week, local
from reminders.delivery import chunks, due_digests, send_digests
from reminders.digest import build_digest
from reminders.emails import digest_message
from reminders.models import Digest, DigestState, Nudge
from reminders.scan import scan_nudges

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _local_at(zone: str, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZoneInfo(zone))


def digest_time(user: User) -> datetime.datetime:
    """The user's next digest instant (today if today is their digest day): all generated
    users share the defaults, so at this instant every digest is due."""
    today = local(timezone.now(), user.time_zone).date()
    day = today + datetime.timedelta(days=(user.digest_weekday - today.weekday()) % 7)
    return _local_at(user.time_zone, day, user.digest_hour, 30)


def scan_time(user: User) -> datetime.datetime:
    """Mid-morning of the user's today: every generated user is in their daytime."""
    today = local(timezone.now(), user.time_zone).date()
    return _local_at(user.time_zone, today, max(10, user.morning_hour + 1))


def _empty(model) -> None:
    """Remove every row of a table the benchmark's tasks fill (untimed set-up). TRUNCATE on
    Postgres: a DELETE leaves dead rows that each following insert has to step over in the
    indexes, which a table that was never filled does not have."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        # (Not inside a transaction, such as a test's: pending foreign-key checks forbid it.)
        # CASCADE empties the rows that point here too (push deliveries of nudges).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(f"TRUNCATE {table} CASCADE")  # nosec B608 # a model's table
        else:
            cursor.execute(f"DELETE FROM {table}")  # nosec B608 # a model's table


def one_digest(bench):
    """Build and render the heavy user's digest (what a worker does for one user)."""
    user = bench.dataset.heavy
    now = digest_time(user)
    today, week = local(now, user.time_zone).date(), iso_week(local(now, user.time_zone).date())

    def run():
        message = digest_message(build_digest(user, today), week)
        return message.message()

    return run


def _send_share(share: list[tuple[list[int], str]], now) -> None:
    # A forked worker: fresh connections, its own locmem outbox.
    for alias in connections:
        connections[alias].close()
    with override_settings(EMAIL_BACKEND=LOCMEM):
        _send_chunks(share, now)
    connections.close_all()


def _send_chunks(share: list[tuple[list[int], str]], now) -> None:
    for user_ids, week in share:
        send_digests(user_ids, week, now)
        mail.outbox = []


def _check_all_done(due: int) -> int:
    """Every due digest was sent or skipped as empty: the run did the whole work."""
    done = Digest.objects.filter(state__in=[DigestState.SENT, DigestState.SKIPPED]).count()
    if done != due:
        raise RuntimeError(f"{due} digests were due, {done} were sent or skipped")
    return due


def weekly_digests(workers: int):
    """The whole weekly digest run over every user, with `workers` processes."""

    def make(bench):
        now = digest_time(bench.dataset.heavy)

        def setup():
            _empty(Digest)
            mail.outbox = []

        def run():
            with override_settings(EMAIL_BACKEND=LOCMEM):
                due = due_digests(now)
                tasks = chunks(sorted(due))
                if workers == 1:
                    _send_chunks(tasks, now)
                    return _check_all_done(len(due))
                if connection.in_atomic_block or (
                    connection.vendor == "sqlite" and connection.is_in_memory_db()
                ):
                    raise RuntimeError(
                        "Worker processes cannot see this database (an open transaction or "
                        "an in-memory SQLite database): measure digest.weekly_2 on a file or "
                        "server database."
                    )
                connections.close_all()
                context = multiprocessing.get_context("fork")
                processes = [
                    context.Process(target=_send_share, args=(tasks[n::workers], now))
                    for n in range(workers)
                ]
                for process in processes:
                    process.start()
                for process in processes:
                    process.join()
                failed = [p.exitcode for p in processes if p.exitcode != 0]
                if failed:
                    raise RuntimeError(f"a digest worker exited with {failed}")
                return _check_all_done(len(due))

        return run, setup

    return make


def nudge_scan(first: bool):
    """The nudge scan over all users: the first of the day (every nudge is new) or a later
    one (everything exists already, the common case every 5 minutes)."""

    def make(bench):
        now = scan_time(bench.dataset.heavy)

        def setup():
            if first:
                _empty(Nudge)

        return (lambda: scan_nudges(now)), setup

    return make
