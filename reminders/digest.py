"""The weekly digest: what one user's week holds, built in a bounded number of queries.

`build_digest` reads everything for one user with a fixed set of queries, however large the
network (asserted in tests/reminders/test_digest.py). Sending lives in `send_digest`, which
claims the unique Digest(owner, week) row first; see reminders/delivery.py for the claim,
retry and duplicate-window rules that nudge emails and digests share.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from contacts.models import Contact, Status
from contacts.yearly import next_occurrence
from netzwerk.models import User

from .clock import digest_is_due, iso_week, local
from .delivery import CLAIM_TIMEOUT, MAX_ATTEMPTS, backoff, send_message
from .models import Digest, DigestState, FollowUp, ImportantDate, Lunch

logger = logging.getLogger(__name__)

HORIZON_DAYS = 14
OVERDUE_SHOWN = 10
FOLLOW_UPS_SHOWN = 20
SUGGESTIONS_SHOWN = 3


@dataclass
class YearlyDate:
    contact: Contact
    on: datetime.date
    title: str  # "" for a birthday
    years: int | None  # the age or the anniversary, when the year is known
    important_date_id: int | None = None

    @property
    def is_birthday(self) -> bool:
        return self.important_date_id is None


@dataclass
class DigestData:
    user: User
    today: datetime.date
    dates: list[YearlyDate] = field(default_factory=list)
    overdue: list[Contact] = field(default_factory=list)
    overdue_count: int = 0
    follow_ups: list[FollowUp] = field(default_factory=list)
    lunches: list[Lunch] = field(default_factory=list)
    suggestions: list[Contact] = field(default_factory=list)
    # Filled once the strategy app exists (goal reviews due, people you could help).
    goal_reviews: list = field(default_factory=list)
    help_candidates: list = field(default_factory=list)

    @property
    def lunch_target(self) -> int:
        return self.user.lunch_target

    @property
    def lunches_missing(self) -> int:
        return max(0, self.user.lunch_target - len(self.lunches))

    @property
    def is_empty(self) -> bool:
        return not (
            self.dates
            or self.overdue
            or self.follow_ups
            or self.lunches
            or self.suggestions
            or self.goal_reviews
            or self.help_candidates
        )


def build_digest(user: User, today: datetime.date) -> DigestData:
    """One user's digest for the week starting today: at most 10 queries, strategy included."""
    data = DigestData(user=user, today=today)
    end = today + datetime.timedelta(days=HORIZON_DAYS)
    contacts = Contact.objects.for_owner(user)

    for contact in contacts.birthdays_between(today, end):
        on = next_occurrence(contact.birthday_month, contact.birthday_day, today)
        years = on.year - contact.birthday_year if contact.birthday_year else None
        data.dates.append(YearlyDate(contact, on, "", years))
    dates = (
        ImportantDate.objects.for_owner(user)
        .between(today, end)
        .exclude(contact__status=Status.ARCHIVED)
        .select_related("contact")
    )
    for date in dates:
        on = date.next_on(today)
        data.dates.append(YearlyDate(date.contact, on, date.title, date.years_on(on), date.pk))
    data.dates.sort(key=lambda d: (d.on, d.contact.sort_name, d.contact.pk))

    # One query for the shown rows plus one more only when there may be more than shown.
    overdue = list(contacts.due_for_contact(today)[: OVERDUE_SHOWN + 1])
    data.overdue = overdue[:OVERDUE_SHOWN]
    data.overdue_count = (
        contacts.due_for_contact(today).count() if len(overdue) > OVERDUE_SHOWN else len(overdue)
    )

    week_end = today + datetime.timedelta(days=6)
    data.follow_ups = list(
        FollowUp.objects.for_owner(user).due(week_end).select_related("contact")[:FOLLOW_UPS_SHOWN]
    )
    data.lunches = list(
        Lunch.objects.for_owner(user)
        .in_week_of(today)
        .order_by("date", "time", "id")
        .prefetch_related("contacts")
    )
    if user.lunch_target > len(data.lunches):
        data.suggestions = list(contacts.lunch_suggestions(user, today)[:SUGGESTIONS_SHOWN])

    if apps.is_installed("strategy"):
        from strategy.models import Goal

        data.goal_reviews = list(Goal.objects.for_owner(user).review_due(today)[:5])
        data.help_candidates = list(contacts.help_candidates(today)[:3])
    return data


# --- sending -------------------------------------------------------------------------------


def due_digests(now: datetime.datetime | None = None) -> list[tuple[int, str]]:
    """Create this week's digest rows for users whose digest time has come; return those due.

    A row is created (pending) once per user and ISO week; bulk insert with ON CONFLICT DO
    NOTHING, so two beats create one row. Returned are (user id, week) of every row a sender
    may claim now: pending and due (new, or waiting for its retry) or a stale "sending" claim.
    """
    now = now or timezone.now()
    users = User.objects.filter(is_active=True, digest_enabled=True).values_list(
        "id", "time_zone", "digest_weekday", "digest_hour"
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


def send_digest(user_id: int, week: str, now: datetime.datetime | None = None) -> bool:
    """Claim the user's digest row for the week, build, send, record. True if sent now.

    The claim is one conditional UPDATE; a second task for the same row (enqueued twice, two
    beats, a redelivery) finds nothing to claim and returns False.
    """
    from .emails import digest_message

    now = now or timezone.now()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    if not user.digest_enabled:
        Digest.objects.filter(owner=user, week=week, state=DigestState.PENDING).update(
            state=DigestState.SKIPPED, detail="The weekly digest is switched off."
        )
        return False
    try:
        with transaction.atomic():
            Digest.objects.create(owner=user, week=week, state=DigestState.PENDING, claimed_at=now)
    except IntegrityError:
        pass
    claimed = (
        Digest.objects.filter(owner=user, week=week)
        .claimable(now, CLAIM_TIMEOUT)
        .update(state=DigestState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    digest = Digest.objects.get(owner=user, week=week)
    today = local(now, user.time_zone).date()
    data = build_digest(user, today)
    if data.is_empty:
        Digest.objects.filter(pk=digest.pk, state=DigestState.SENDING).update(
            state=DigestState.SKIPPED, detail="Nothing to tell this week."
        )
        return False
    message = digest_message(data, week)
    error = send_message(message)
    mine = Digest.objects.filter(pk=digest.pk, state=DigestState.SENDING, claimed_at=now)
    if error:
        if digest.attempts >= MAX_ATTEMPTS:
            mine.update(state=DigestState.FAILED, detail=error)
            logger.error("Weekly digest %s of user %s failed for good: %s", week, user_id, error)
        else:
            mine.update(
                state=DigestState.PENDING, next_try_at=now + backoff(digest.attempts), detail=error
            )
            logger.warning("Weekly digest %s of user %s will be retried: %s", week, user_id, error)
        return False
    mine.update(state=DigestState.SENT, sent_at=timezone.now(), detail="", next_try_at=None)
    Contact.objects.filter(pk__in=[c.pk for c in data.suggestions]).mark_suggested(today)
    return True
