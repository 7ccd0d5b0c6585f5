"""Derive the nudges from the database: what is due for every user whose morning has come.

The scan runs every few minutes (beat). It asks the data what is due *now* instead of
remembering what was queued, so an outage of Redis or the worker only delays nudges. Every
nudge is one row under a unique (owner, kind, key) — the key names the object and its
occurrence — and rows are inserted with ON CONFLICT DO NOTHING, so running the scan twice,
from two beats at once, or after a crash creates nothing twice.

Scale: users are read in one query and handled in chunks; per chunk and local date there is a
fixed number of set-based queries (no query per user or per contact), so the scan's time grows
with the rows it reads, not with round trips (tests/reminders/test_scan_scale.py; the figures
are in the README's performance section).
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from contacts.models import Contact, Status
from contacts.models.rhythm import CATEGORY_RANK
from contacts.yearly import next_occurrence
from netzwerk.models import NudgeDelivery, User
from reminders.models import EmailState, FollowUp, ImportantDate, Lunch, Nudge, NudgeKind
from reminders.models.lunch import LunchStatus, week_of
from strategy.models import Goal

from .clock import is_daytime, iso_week, local
from .lunch_guests import has_planned_lunch

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
# A birthday or date whose day was missed entirely (an outage) is still nudged the day after.
GRACE_DAYS = 1
# After a longer outage the scan looks back to its previous run, at most this many days ...
CATCH_UP_DAYS = 7
# ... and nudges, as belated, the birthdays and dates at most this many days past; older
# ones are dropped with a log line (a congratulation a week late helps nobody).
BELATED_DAYS = 3
# Keep-in-touch nudges a user gets per day at most; the rest wait for the next days.
KEEP_IN_TOUCH_PER_DAY = 3

USER_FIELDS = (
    "id",
    "time_zone",
    "morning_hour",
    "birthday_lead_days",
    "birthday_nudges",
    "followup_nudges",
    "keep_in_touch_nudges",
    "lunch_nudges",
    "lunch_target",
    "lunch_nudge_weekday",
    "review_nudges",
    "email_confirmed",
)


@dataclass(slots=True)
class NewNudge:
    """A nudge about to be inserted, far cheaper to build than a model instance: the first
    scan of a day builds one for every nudge due across all users (Nudge.objects.insert_new
    takes these)."""

    owner_id: int
    kind: str
    key: str
    occurs_on: datetime.date
    email_state: str = ""
    contact_id: int | None = None
    follow_up_id: int | None = None
    lunch_id: int | None = None
    important_date_id: int | None = None
    goal_id: int | None = None
    created_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Recipient:
    """What the scan needs of one user, read without loading the whole model."""

    id: int
    time_zone: str
    morning_hour: int
    birthday_lead_days: int
    birthday_nudges: str
    followup_nudges: str
    keep_in_touch_nudges: str
    lunch_nudges: str
    lunch_target: int
    lunch_nudge_weekday: int
    review_nudges: str
    # Reminder emails go to a confirmed address only; the nudges still show in the app.
    email_confirmed: bool

    def wants(self, setting: str) -> bool:
        return getattr(self, setting) != NudgeDelivery.OFF

    def email_state(self, setting: str) -> str:
        by_email = self.email_confirmed and getattr(self, setting) == NudgeDelivery.EMAIL
        return EmailState.PENDING if by_email else ""


def look_back_days(now: datetime.datetime, since: datetime.datetime | None) -> int:
    """How many days before today the birthdays and dates are looked at: back to the day of
    the previous scan (`since`; an outage in between), at least GRACE_DAYS, at most
    CATCH_UP_DAYS."""
    missed = (now - since).days + 1 if since else GRACE_DAYS
    return min(max(missed, GRACE_DAYS), CATCH_UP_DAYS)


def scan_nudges(
    now: datetime.datetime | None = None, since: datetime.datetime | None = None
) -> int:
    """Create every nudge that is due now for users in their daytime; returns rows offered.

    Safe to run any number of times: the unique key makes the insert of an existing nudge a
    no-op. `since` is the previous scan: after an outage the birthdays and dates missed in
    between are caught up (look_back_days).
    """
    now = now or timezone.now()
    back = look_back_days(now, since)
    users = (
        User.objects.filter(is_active=True)
        .with_email_confirmed()
        .order_by("id")
        .values_list(*USER_FIELDS)
    )
    offered = 0
    batch: list[tuple[Recipient, datetime.date]] = []
    for row in users.iterator(chunk_size=CHUNK_SIZE):
        user = Recipient(*row)
        local_now = local(now, user.time_zone)
        if is_daytime(local_now, user.morning_hour):
            batch.append((user, local_now.date()))
        if len(batch) >= CHUNK_SIZE:
            offered += _scan_chunk(batch, now, back)
            batch = []
    if batch:
        offered += _scan_chunk(batch, now, back)
    return offered


def _scan_chunk(
    batch: list[tuple["Recipient", datetime.date]], now: datetime.datetime, back: int
) -> int:
    # Users around the globe can be on two (rarely three) different dates at one instant.
    by_date: dict[datetime.date, list[Recipient]] = defaultdict(list)
    for user, today in batch:
        by_date[today].append(user)
    nudges: list[NewNudge] = []
    for today, users in by_date.items():
        nudges += yearly_nudges(users, today, back)
        nudges += follow_up_nudges(users, today)
        nudges += keep_in_touch_nudges(users, today, now)
        nudges += lunch_week_nudges(users, today)
        nudges += lunch_today_nudges(users, today)
        nudges += goal_review_nudges(users, today)
    for nudge in nudges:
        nudge.created_at = now
    Nudge.objects.insert_new(nudges)
    return len(nudges)


def _ids(users: Iterable[Recipient]) -> list[int]:
    return [user.id for user in users]


def yearly_nudges(
    users: list[Recipient], today: datetime.date, back: int = GRACE_DAYS
) -> list["NewNudge"]:
    """Birthdays and important dates: `birthday_lead_days` before, and on the day.

    Days missed (up to `back` days ago) are nudged late, the headline says "belated"; those
    more than BELATED_DAYS past are dropped, logged. 29 February is celebrated on 28
    February in common years (contacts.yearly).
    """
    users = [u for u in users if u.wants("birthday_nudges")]
    if not users:
        return []
    by_id = {u.id: u for u in users}
    start = today - datetime.timedelta(days=back)
    end = today + datetime.timedelta(days=max(u.birthday_lead_days for u in users))
    birthdays = (
        Contact.objects.filter(owner_id__in=by_id)
        .birthdays_between(start, end)
        .values_list("id", "owner_id", "birthday_month", "birthday_day")
    )
    dates = (
        ImportantDate.objects.filter(owner_id__in=by_id)
        .between(start, end)
        .exclude(contact__status=Status.ARCHIVED)
        .values_list("id", "owner_id", "contact_id", "month", "day")
    )
    # What exists already is skipped here, so a rescan builds (almost) no rows at all.
    existing = set(
        Nudge.objects.filter(
            owner_id__in=by_id,
            kind__in=[NudgeKind.BIRTHDAY, NudgeKind.IMPORTANT_DATE],
            occurs_on__range=(start, end),
        ).values_list("owner_id", "kind", "key")
    )
    nudges = []
    for contact_id, owner_id, month, day in birthdays:
        nudge = _yearly(by_id[owner_id], today, start, month, day, NudgeKind.BIRTHDAY, contact_id)
        if nudge and (owner_id, nudge.kind, nudge.key) not in existing:
            nudge.contact_id = contact_id
            nudges.append(nudge)
    for date_id, owner_id, contact_id, month, day in dates:
        kind = NudgeKind.IMPORTANT_DATE
        nudge = _yearly(by_id[owner_id], today, start, month, day, kind, date_id)
        if nudge and (owner_id, nudge.kind, nudge.key) not in existing:
            nudge.contact_id, nudge.important_date_id = contact_id, date_id
            nudges.append(nudge)
    oldest = today - datetime.timedelta(days=BELATED_DAYS)
    too_late = [n for n in nudges if n.occurs_on < oldest]
    if too_late:
        logger.warning(
            "Scan after an outage: dropped %s birthday and date nudges more than %s days past"
            " (nudges %s)",
            len(too_late),
            BELATED_DAYS,
            ", ".join(f"{n.owner_id}/{n.kind}/{n.key}" for n in too_late[:20]),
        )
    return [n for n in nudges if n.occurs_on >= oldest]


def _yearly(user, today, start, month, day, kind, key) -> "NewNudge | None":
    occurs = next_occurrence(month, day, start)
    if occurs <= today:
        stage = "day"
    elif (occurs - today).days <= user.birthday_lead_days:
        stage = "ahead"
    else:
        return None
    return NewNudge(
        owner_id=user.id,
        kind=kind,
        key=f"{key}:{occurs.isoformat()}:{stage}",
        occurs_on=occurs,
        email_state=user.email_state("birthday_nudges"),
    )


def follow_up_nudges(users: list[Recipient], today: datetime.date) -> list["NewNudge"]:
    """One nudge per follow-up and due day: due today or overdue (a snooze makes a new one)."""
    by_id = {u.id: u for u in users if u.wants("followup_nudges")}
    if not by_id:
        return []
    nudged = Nudge.objects.filter(
        kind=NudgeKind.FOLLOW_UP, follow_up_id=OuterRef("pk"), occurs_on=OuterRef("due_on")
    )
    due = (
        FollowUp.objects.filter(owner_id__in=by_id)
        .due(today)
        .exclude(Exists(nudged))
        .values_list("id", "owner_id", "contact_id", "due_on")
    )
    return [
        NewNudge(
            owner_id=owner_id,
            kind=NudgeKind.FOLLOW_UP,
            key=f"{pk}:{due_on.isoformat()}",
            occurs_on=due_on,
            follow_up_id=pk,
            contact_id=contact_id,
            email_state=by_id[owner_id].email_state("followup_nudges"),
        )
        for pk, owner_id, contact_id, due_on in due
    ]


def keep_in_touch_nudges(
    users: list[Recipient], today: datetime.date, now: datetime.datetime
) -> list["NewNudge"]:
    """At most KEEP_IN_TOUCH_PER_DAY a day per user: Einhörner first, then the longest due.

    One nudge per contact and due day: logging an interaction moves the due day, and the
    next time the contact is due, it is nudged again.
    """
    by_id = {u.id: u for u in users if u.wants("keep_in_touch_nudges")}
    if not by_id:
        return []
    # Today's quota: nudges of this kind created since the user's local midnight, counted
    # in SQL with one condition per time zone (users of a zone share their midnight).
    by_zone: dict[str, list[int]] = defaultdict(list)
    for uid, user in by_id.items():
        by_zone[user.time_zone].append(uid)
    since = Q()
    for zone_name, ids in by_zone.items():
        midnight = local(now, zone_name).replace(hour=0, minute=0, second=0, microsecond=0)
        since |= Q(owner_id__in=ids, created_at__gte=midnight)
    used: dict[int, int] = defaultdict(int)
    used.update(
        Nudge.objects.filter(since, kind=NudgeKind.KEEP_IN_TOUCH)
        .values("owner_id")
        .annotate(n=Count("id"))
        .values_list("owner_id", "n")
    )
    open_ids = [uid for uid in by_id if used[uid] < KEEP_IN_TOUCH_PER_DAY]
    if not open_ids:
        return []
    nudged = Nudge.objects.filter(
        kind=NudgeKind.KEEP_IN_TOUCH,
        contact_id=OuterRef("pk"),
        occurs_on=OuterRef("keep_in_touch_due_on"),
    )
    candidates = (
        Contact.objects.filter(owner_id__in=open_ids, keep_in_touch_due_on__lte=today)
        .exclude(Exists(nudged))
        .exclude(has_planned_lunch(today))
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("owner_id")],
                order_by=[CATEGORY_RANK.asc(), F("keep_in_touch_due_on").asc(), F("id").asc()],
            )
        )
        .filter(place__lte=KEEP_IN_TOUCH_PER_DAY)
        .values_list("id", "owner_id", "keep_in_touch_due_on", "place")
    )
    return [
        NewNudge(
            owner_id=owner_id,
            kind=NudgeKind.KEEP_IN_TOUCH,
            key=f"{pk}:{due_on.isoformat()}",
            occurs_on=due_on,
            contact_id=pk,
            email_state=by_id[owner_id].email_state("keep_in_touch_nudges"),
        )
        for pk, owner_id, due_on, place in candidates
        if place <= KEEP_IN_TOUCH_PER_DAY - used[owner_id]
    ]


def lunch_week_nudges(users: list[Recipient], today: datetime.date) -> list["NewNudge"]:
    """On the user's lunch planning morning, if the week has fewer lunches than the target.

    Once per ISO week; missed on its day (an outage), it comes on a later day of the week.
    """
    by_id = {
        u.id: u
        for u in users
        if u.wants("lunch_nudges") and u.lunch_target and today.weekday() >= u.lunch_nudge_weekday
    }
    week = iso_week(today)
    if by_id:
        nudged = Nudge.objects.filter(owner_id__in=by_id, kind=NudgeKind.LUNCH_WEEK, key=week)
        for owner_id in nudged.values_list("owner_id", flat=True):
            del by_id[owner_id]
    if not by_id:
        return []
    counts = dict(
        Lunch.objects.filter(owner_id__in=by_id)
        .in_week_of(today)
        .values("owner_id")
        .annotate(n=Count("id"))
        .values_list("owner_id", "n")
    )
    monday, _sunday = week_of(today)
    return [
        NewNudge(
            owner_id=uid,
            kind=NudgeKind.LUNCH_WEEK,
            key=week,
            occurs_on=monday,
            email_state=user.email_state("lunch_nudges"),
        )
        for uid, user in by_id.items()
        if counts.get(uid, 0) < user.lunch_target
    ]


def lunch_today_nudges(users: list[Recipient], today: datetime.date) -> list["NewNudge"]:
    """On the morning of a planned lunch."""
    by_id = {u.id: u for u in users if u.wants("lunch_nudges")}
    if not by_id:
        return []
    nudged = Nudge.objects.filter(
        kind=NudgeKind.LUNCH_TODAY, lunch_id=OuterRef("pk"), occurs_on=today
    )
    lunches = (
        Lunch.objects.filter(owner_id__in=by_id, date=today, status=LunchStatus.PLANNED)
        .exclude(Exists(nudged))
        .values_list("id", "owner_id")
    )
    return [
        NewNudge(
            owner_id=owner_id,
            kind=NudgeKind.LUNCH_TODAY,
            key=f"{pk}:{today.isoformat()}",
            occurs_on=today,
            lunch_id=pk,
            email_state=by_id[owner_id].email_state("lunch_nudges"),
        )
        for pk, owner_id in lunches
    ]


def goal_review_nudges(users: list[Recipient], today: datetime.date) -> list["NewNudge"]:
    """One nudge per goal and review date once the review is due."""
    by_id = {u.id: u for u in users if u.wants("review_nudges")}
    if not by_id:
        return []
    due = list(
        Goal.objects.filter(owner_id__in=by_id)
        .review_due(today)
        .values_list("id", "owner_id", "next_review_on")
    )
    keys = [f"{pk}:{on.isoformat()}" for pk, _, on in due]
    nudged = set(
        Nudge.objects.filter(
            owner_id__in=by_id, kind=NudgeKind.GOAL_REVIEW, key__in=keys
        ).values_list("owner_id", "key")
    )
    return [
        NewNudge(
            owner_id=owner_id,
            kind=NudgeKind.GOAL_REVIEW,
            key=key,
            occurs_on=on,
            goal_id=pk,
            email_state=by_id[owner_id].email_state("review_nudges"),
        )
        for (pk, owner_id, on), key in zip(due, keys, strict=True)
        if (owner_id, key) not in nudged
    ]
