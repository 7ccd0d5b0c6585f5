"""The weekly digest's content: what each user's week holds, gathered for many users at once.

`build_digests` reads everything for many users with a fixed set of queries, however many
users and however large their networks (the first N rows per user come from window functions
partitioned by owner), so a chunk of a weekly run costs the same few queries for one user as
for a hundred; `build_digest` is its one-user case. This module only reads: rendering the
message is reminders/emails.py, claiming, sending and recording it is reminders/delivery.py.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

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

from .lunch_guests import due_for_contact, lunch_suggestions_by_owner
from .models import FollowUp, ImportantDate, Lunch

HORIZON_DAYS = 14
OVERDUE_SHOWN = 10
FOLLOW_UPS_SHOWN = 20
SUGGESTIONS_SHOWN = 3
GOAL_REVIEWS_SHOWN = 5
HELP_CANDIDATES_SHOWN = 3
# Someone helped within this many days is not suggested for help again yet.
HELPED_LATELY_DAYS = 30
# Long texts no digest shows: left in the database, so ranking a large network stays light.
UNSHOWN_CONTACT_FIELDS = ("notes", "interests", "how_we_met")


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
    dates at once), whatever the number of users and the size of their networks.
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

    overdue = first_per_owner(due_for_contact(contacts, today), OVERDUE_SHOWN, with_total=True)
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
