"""An outage of days: the tasks, run on their own clock (`at`), catch up what still makes
sense: missed birthdays as belated nudges, old ones dropped with a log line, one digest."""

import datetime

import pytest
from django.utils import translation

from netzwerk import celery_app
from reminders import tasks
from reminders.models import Digest, DigestState, Nudge, NudgeKind
from tests.factories import make_contact, make_user

from .helpers import at, follow_up


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """One beat of the tasks on the given clock, with what they queue run right after."""

    def beat(when: datetime.datetime):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.scan_nudges(when.isoformat())
            tasks.deliver_nudge_emails(when.isoformat())
            tasks.send_due_digests(when.isoformat())

    celery_app.conf.task_always_eager = True
    yield beat
    celery_app.conf.task_always_eager = False


@pytest.fixture
def long_standing(owner):
    owner.date_joined = at(2026, 1, 5)
    owner.birthday_lead_days = 0
    owner.language = "en"
    owner.save()
    return owner


def birthday_nudges(owner) -> dict:
    nudges = Nudge.objects.for_owner(owner).filter(kind=NudgeKind.BIRTHDAY).for_display()
    with translation.override("en"):
        return {n.contact.first_name: n.headline(datetime.date(2026, 11, 29)) for n in nudges}


def test_birthdays_missed_by_an_outage_come_belated_and_old_ones_are_dropped_with_a_log_line(
    long_standing, run, mailoutbox, caplog
):
    make_contact(long_standing, first_name="Anna", last_name="", birthday_day=24, birthday_month=11)
    make_contact(long_standing, first_name="Ben", last_name="", birthday_day=27, birthday_month=11)
    run(at(2026, 11, 23, 9))
    # Stopped from Monday until Sunday: Anna's birthday (Tuesday) is five days past,
    # Ben's (Friday) two.
    run(at(2026, 11, 29, 9))
    assert birthday_nudges(long_standing) == {"Ben": "Belated: Ben had a birthday on 27 November."}
    assert "dropped 1 birthday and date nudges more than 3 days past" in caplog.text
    nudge_emails = [m.subject for m in mailoutbox if not m.subject.startswith("Your week")]
    assert nudge_emails == ["Belated: Ben had a birthday on 27 November."]


def test_a_birthday_nudged_on_its_day_is_not_called_belated_later(long_standing, run):
    make_contact(long_standing, first_name="Cleo", last_name="", birthday_day=24, birthday_month=11)
    run(at(2026, 11, 24, 9))
    run(at(2026, 11, 29, 9))
    assert birthday_nudges(long_standing) == {"Cleo": "Cleo had a birthday on 24 November."}


def test_after_three_days_stopped_one_digest_arrives_and_never_a_pile(long_standing, run):
    follow_up(long_standing, make_contact(long_standing), datetime.date(2026, 11, 20))
    run(at(2026, 11, 16, 7, 5))  # the digest of week 47, on time
    # An account made during the outage gets its first digest next week.
    newcomer = make_user("new@example.com", date_joined=at(2026, 11, 25, 12))
    follow_up(newcomer, make_contact(newcomer), datetime.date(2026, 11, 20))
    # The worker stops on Sunday evening and is back on Thursday morning (weeks 48).
    for day in (26, 27, 28, 29):
        for hour in (3, 9, 15):
            run(at(2026, 11, day, hour))
    sent = Digest.objects.filter(state=DigestState.SENT)
    assert sorted(sent.values_list("owner__email", "week")) == [
        ("owner@example.com", "2026-W47"),
        ("owner@example.com", "2026-W48"),
    ]
    # Not at 3 a.m.: on Thursday morning.
    assert sent.get(week="2026-W48").sent_at >= at(2026, 11, 26, 9)
