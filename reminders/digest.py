"""The weekly digest: what each user's week holds, built and sent in batches.

`build_digests` reads everything for many users at once with a fixed set of queries, however
many users and however large their networks (the first N rows per user come from window
functions partitioned by owner); `build_digest` is its one-user case. `send_digests` claims a
chunk of users' Digest(owner, week) rows in one conditional UPDATE, builds, sends over one SMTP
connection and records each sent message right after the server accepted it: a whole weekly
run costs about one query per user (asserted in tests/reminders/test_digest_batch.py).

See reminders/delivery.py for the claim, retry and duplicate-window rules that nudge emails
and digests share: because each message is recorded as soon as it went out, a worker killed
outright in the middle of a chunk repeats at most the one message it was sending.
"""

import contextlib
import datetime
import logging
import smtplib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.core.mail import get_connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from contacts.models import (
    Contact,
    HelpDirection,
    HelpEntry,
    Introduction,
    IntroductionStatus,
    Status,
)
from contacts.yearly import next_occurrence
from netzwerk.models import User
from strategy.models import Goal, GoalContact

from .clock import digest_is_due, iso_week, local
from .delivery import CLAIM_TIMEOUT, MAX_ATTEMPTS, backoff, reopen, send_message
from .lunch_guests import lunch_suggestions_by_owner, mark_suggested
from .models import Digest, DigestState, FollowUp, ImportantDate, Lunch

logger = logging.getLogger(__name__)

HORIZON_DAYS = 14
OVERDUE_SHOWN = 10
FOLLOW_UPS_SHOWN = 20
SUGGESTIONS_SHOWN = 3
GOAL_REVIEWS_SHOWN = 5
HELP_CANDIDATES_SHOWN = 3
# Someone helped within this many days is not suggested for help again yet.
HELPED_LATELY_DAYS = 30
# Users per chunk task: few queries per user, and a chunk still sends well within the task's
# time limit even with a slow remote mail server.
CHUNK_SIZE = 100
# Long texts no digest shows: left in the database, so ranking a large network stays light.
UNSHOWN_CONTACT_FIELDS = ("notes", "search_text", "interests", "how_we_met")


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
    goal_reviews: list[Goal] = field(default_factory=list)
    help_candidates: list[Contact] = field(default_factory=list)

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
    """One user's digest for the week starting today (the one-user case of build_digests)."""
    return build_digests([(user, today)])[user.pk]


def build_digests(users: list[tuple[User, datetime.date]]) -> dict[int, DigestData]:
    """The digests of many users, each for the week starting on their own local today.

    A fixed number of queries per distinct today (users around the globe are on one or two
    dates at once), whatever the number of users: 9 with the strategy app.
    """
    by_day: dict[datetime.date, list[User]] = defaultdict(list)
    for user, today in users:
        by_day[today].append(user)
    digests = {}
    for today, same_day in by_day.items():
        digests.update(_build_for_day(same_day, today))
    return digests


def first_per_owner(queryset: QuerySet, shown: int, with_total: bool = False) -> QuerySet:
    """The first `shown` rows of each owner in the queryset's own order (an explicit
    order_by), in one query.

    with_total annotates `owner_total`: how many rows the owner has in all.
    """
    order = list(queryset.query.order_by)
    ranked = queryset.annotate(
        place=Window(RowNumber(), partition_by=[F("owner_id")], order_by=order)
    )
    if with_total:
        ranked = ranked.annotate(owner_total=Window(Count("pk"), partition_by=[F("owner_id")]))
    return ranked.filter(place__lte=shown).order_by("owner_id", "place")


def help_candidates(contacts: QuerySet[Contact], today: datetime.date) -> QuerySet[Contact]:
    """People you could help this week, the best first; the weekly digest takes the first.

    Active contacts (no wish or archived ones) not helped in the last HELPED_LATELY_DAYS.
    First those with a reason: linked to a goal or waiting in an introduction idea; then
    Einhörner before Flamingos before Pinguine, warmer first, never or longest ago helped
    first, longest without contact first. One query, whatever the network's size.
    """
    goal_links = GoalContact.objects.filter(contact=OuterRef("pk"))
    ideas = Introduction.objects.filter(status=IntroductionStatus.IDEA).filter(
        Q(contact_a=OuterRef("pk")) | Q(contact_b=OuterRef("pk"))
    )
    last_helped = (
        HelpEntry.objects.filter(contact=OuterRef("pk"), direction=HelpDirection.GIVEN)
        .order_by("-date")
        .values("date")[:1]
    )
    cutoff = today - datetime.timedelta(days=HELPED_LATELY_DAYS)
    return (
        contacts.filter(status=Status.ACTIVE)
        .with_category_rank()
        .with_sort_keys()
        .annotate(
            goal_linked=Exists(goal_links),
            open_idea=Exists(ideas),
            last_helped_on=Subquery(last_helped),
        )
        .filter(Q(last_helped_on__isnull=True) | Q(last_helped_on__lte=cutoff))
        .annotate(
            has_reason=Case(
                When(Q(goal_linked=True) | Q(open_idea=True), then=Value(0)),
                default=Value(1),
            )
        )
        .order_by(
            "has_reason",
            "category_rank",
            F("warmth").desc(nulls_last=True),
            F("last_helped_on").asc(nulls_first=True),
            "last_key",
            "id",
        )
    )


def _build_for_day(users: list[User], today: datetime.date) -> dict[int, DigestData]:
    digests = {user.pk: DigestData(user=user, today=today) for user in users}
    end = today + datetime.timedelta(days=HORIZON_DAYS)
    contacts = Contact.objects.filter(owner_id__in=digests).defer(*UNSHOWN_CONTACT_FIELDS)

    for contact in contacts.birthdays_between(today, end):
        on = next_occurrence(contact.birthday_month, contact.birthday_day, today)
        years = on.year - contact.birthday_year if contact.birthday_year else None
        digests[contact.owner_id].dates.append(YearlyDate(contact, on, "", years))
    dates = (
        ImportantDate.objects.filter(owner_id__in=digests)
        .between(today, end)
        .exclude(contact__status=Status.ARCHIVED)
        .select_related("contact")
    )
    for date in dates:
        on = date.next_on(today)
        digests[date.owner_id].dates.append(
            YearlyDate(date.contact, on, date.title, date.years_on(on), date.pk)
        )
    for data in digests.values():
        data.dates.sort(key=lambda d: (d.on, d.contact.sort_name, d.contact.pk))

    overdue = first_per_owner(contacts.due_for_contact(today), OVERDUE_SHOWN, with_total=True)
    for contact in overdue:
        digests[contact.owner_id].overdue.append(contact)
        digests[contact.owner_id].overdue_count = contact.owner_total

    week_end = today + datetime.timedelta(days=6)
    follow_ups = FollowUp.objects.filter(owner_id__in=digests).due(week_end)
    for follow_up in first_per_owner(follow_ups.select_related("contact"), FOLLOW_UPS_SHOWN):
        digests[follow_up.owner_id].follow_ups.append(follow_up)
    lunches = (
        Lunch.objects.filter(owner_id__in=digests)
        .in_week_of(today)
        .order_by("date", "time", "id")
        .prefetch_related("contacts")
    )
    for lunch in lunches:
        digests[lunch.owner_id].lunches.append(lunch)
    # Suggestions only for those below their lunch target.
    hungry = [pk for pk, data in digests.items() if data.user.lunch_target > len(data.lunches)]
    if hungry:
        guests = lunch_suggestions_by_owner(contacts.filter(owner_id__in=hungry), today)
        for contact in first_per_owner(guests, SUGGESTIONS_SHOWN):
            digests[contact.owner_id].suggestions.append(contact)

    goals = Goal.objects.filter(owner_id__in=digests).review_due(today)
    for goal in first_per_owner(goals, GOAL_REVIEWS_SHOWN):
        digests[goal.owner_id].goal_reviews.append(goal)
    candidates = help_candidates(contacts, today)
    for contact in first_per_owner(candidates, HELP_CANDIDATES_SHOWN):
        digests[contact.owner_id].help_candidates.append(contact)
    return digests


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
    if User.objects.filter(pk=user_id, is_active=True, digest_enabled=True).exists():
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
    from .emails import digest_message

    now = now or timezone.now()
    users = {user.pk: user for user in User.objects.filter(pk__in=user_ids, is_active=True)}
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
            try:
                message = digest_message(data, week)
            except SoftTimeLimitExceeded:
                raise
            except Exception as error:
                # One user's unexpected data must not hold back the rest of the chunk.
                logger.exception("Weekly digest %s of user %s did not render", week, row.owner_id)
                _record_failure(mine.filter(pk=row.pk), row, f"{type(error).__name__}", now)
                continue
            error = send_message(message, connection)
            if error:
                _record_failure(mine.filter(pk=row.pk), row, error, now)
                continue
            # Recorded at once, not with the chunk: a worker killed after this point repeats
            # nothing, one killed before it repeats this one message (the accepted window).
            mine.filter(pk=row.pk, state=DigestState.SENDING).update(
                state=DigestState.SENT, sent_at=timezone.now(), detail="", next_try_at=None
            )
            sent.append(row.pk)
            suggested[data.today] += [contact.pk for contact in data.suggestions]
    finally:
        for today, contact_ids in suggested.items():
            mark_suggested(Contact.objects.filter(pk__in=contact_ids), today)
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return len(sent)


def _record_failure(mine: QuerySet, row: Digest, error: str, now: datetime.datetime) -> None:
    """Retry later with backoff, or give up after MAX_ATTEMPTS (rare: one UPDATE each)."""
    mine = mine.filter(state=DigestState.SENDING)
    if row.attempts >= MAX_ATTEMPTS:
        mine.update(state=DigestState.FAILED, detail=error)
        logger.error(
            "Weekly digest %s of user %s failed for good: %s", row.week, row.owner_id, error
        )
    else:
        mine.update(
            state=DigestState.PENDING, next_try_at=now + backoff(row.attempts), detail=error
        )
        logger.warning(
            "Weekly digest %s of user %s will be retried: %s", row.week, row.owner_id, error
        )
