"""nudge.due and followup.done are read after the fact from their own rows: each run starts
where the last one stopped (a stored watermark), makes every event once, loses none after an
outage or a late commit, and costs the same queries however long it has run."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reminders.models import NudgeKind
from tests.factories import make_contact, make_follow_up, make_nudge, make_user
from tests.reminders.integration import wait_for
from webhooks import events
from webhooks.models import Delivery, Watermark

from .conftest import make_endpoint

EVENTS = ["nudge.due", "followup.done"]
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def start():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def hooked(owner, allow_private, start):
    return make_endpoint(owner, "http://127.0.0.1/hook", EVENTS, created_at=start - 2 * HOUR)


def done(contact, at: datetime.datetime):
    return make_follow_up(contact, 0, note="Angebot", done_at=at)


def made() -> list[tuple[str, int]]:
    return sorted(Delivery.objects.values_list("event", "object_id"))


def test_two_runs_in_a_row_make_nothing_new(owner, hooked, start):
    follow_up = done(make_contact(owner), start - MINUTE)

    assert events.derive(start) == 1
    assert events.derive(start + MINUTE) == 0
    assert events.derive(start + 2 * MINUTE) == 0

    assert made() == [("followup.done", follow_up.pk)]


def test_after_an_outage_of_hours_the_missed_events_are_made_once(owner, hooked, start):
    contact = make_contact(owner)
    events.derive(start)
    # The worker is away for thirty hours (a weekend's crash); meanwhile follow-ups are done
    # and nudges made, the first more than a day before it is back.
    missed = [done(contact, start + hours * HOUR) for hours in (1, 2, 29)]
    nudge = make_nudge(owner, NudgeKind.GOAL_REVIEW, "g", created_at=start + 3 * HOUR)

    assert events.derive(start + 30 * HOUR) == 4
    assert events.derive(start + 30 * HOUR + MINUTE) == 0

    assert made() == sorted([("followup.done", f.pk) for f in missed] + [("nudge.due", nudge.pk)])


def test_an_event_stamped_before_the_last_run_but_committed_after_it_is_not_lost(
    owner, hooked, start
):
    events.derive(start)
    # A scan stamps its nudges when it starts and commits minutes later, after that run.
    late = make_nudge(owner, NudgeKind.GOAL_REVIEW, "late", created_at=start - 3 * MINUTE)

    assert events.derive(start + MINUTE) == 1
    assert made() == [("nudge.due", late.pk)]


def test_a_run_that_crashed_before_moving_the_watermark_is_repeated_without_doubles(
    owner, hooked, start
):
    follow_up = done(make_contact(owner), start - MINUTE)
    events.derive(start)
    # As if the run had died after inserting and before recording how far it read.
    Watermark.objects.update(up_to=start - HOUR)

    assert events.derive(start + MINUTE) == 0
    assert made() == [("followup.done", follow_up.pk)]
    assert Watermark.objects.get().up_to == start + MINUTE


def test_a_run_for_an_earlier_instant_does_not_move_the_watermark_back(owner, hooked, start):
    events.derive(start)
    events.derive(start - HOUR)

    assert Watermark.objects.get().up_to == start


def test_a_week_old_event_is_not_made_after_a_longer_outage(owner, hooked, start):
    events.derive(start)
    contact = make_contact(owner)
    done(contact, start + HOUR)
    recent = done(contact, start + 8 * 24 * HOUR)

    events.derive(start + 9 * 24 * HOUR)

    assert made() == [("followup.done", recent.pk)]


def test_an_event_before_the_endpoint_was_registered_is_not_made(owner, hooked, start):
    done(make_contact(owner), hooked.created_at - MINUTE)

    assert events.derive(start) == 0


def _network(users: int, old_events: int, start: datetime.datetime) -> None:
    """Users with endpoints and a history of follow-ups done and nudges (before the window)."""
    for n in range(users):
        user = make_user(f"net{n}@example.com")
        make_endpoint(user, f"http://127.0.0.1/{n}", EVENTS, created_at=start - 30 * 24 * HOUR)
        contact = make_contact(user)
        for day in range(1, old_events + 1):
            done(contact, start - day * 24 * HOUR)
            make_nudge(user, NudgeKind.GOAL_REVIEW, f"old{day}", created_at=start - day * HOUR)


def _queries_of_a_run_with_one_new_event(owner, at: datetime.datetime) -> int:
    done(make_contact(owner), at - MINUTE)
    with CaptureQueriesContext(connection) as run:
        assert events.derive(at) == 1
    return len(run.captured_queries)


def test_the_queries_of_a_run_do_not_grow_with_runs_or_the_network(owner, hooked, start):
    events.derive(start - HOUR)
    small = _queries_of_a_run_with_one_new_event(owner, start)

    _network(users=8, old_events=5, start=start)
    for minute in range(1, 30):
        events.derive(start + minute * MINUTE)
    large = _queries_of_a_run_with_one_new_event(owner, start + HOUR)

    # The watermark, endpoints, nudges, follow-ups done, rows made already, insert, mark.
    assert small == large == 7


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_make_each_row_once(owner, allow_private, start):
    """The second run checks for rows made while the first has not committed yet, so both
    insert; the unique (endpoint, event id) makes the second wait and then add nothing."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises the two runs")
    make_endpoint(owner, "http://127.0.0.1/hook", EVENTS, created_at=start - 2 * HOUR)
    follow_up = done(make_contact(owner), start - MINUTE)
    first_inserted, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def run(hold: bool) -> None:
        try:
            with transaction.atomic():
                events.derive(start)
                if hold:
                    first_inserted.set()
                    release.wait(60)
        except BaseException as error:  # noqa: BLE001 - reported by the assert below
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=run, args=(True,))
    first.start()
    assert first_inserted.wait(60)
    second = threading.Thread(target=run, args=(False,))
    second.start()
    # The second run's insert now waits for the first's transaction (a lock on the key).
    wait_for(_a_backend_waits_for_a_lock, what="the second run to wait for the first")
    release.set()
    first.join(60)
    second.join(60)

    assert errors == []
    assert made() == [("followup.done", follow_up.pk)]


def _a_backend_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0
