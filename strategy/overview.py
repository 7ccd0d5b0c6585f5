"""The strategy overview: each goal with its signals, in a fixed number of queries.

Signals span models (goals, channels, events, and interactions from contacts), which is why
they are gathered here rather than on one model. Apps above strategy add their own parts
(strategy/extensions.py).
"""

import dataclasses
import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.formats import date_format

from contacts.models import InteractionContact

from . import charts, extensions
from .models import Event, Goal, GoalChannel, GoalContact, Group, Platform

MONTHS_SHOWN = 6
EVENT_WINDOW_DAYS = 90


@dataclasses.dataclass
class GoalSignals:
    goal: Goal
    months: dict
    interactions_this_month: int
    events_attended: int
    review_due: bool


def _subquery_total(queryset, field: str, function=Count):
    rows = queryset.order_by().values("goal").annotate(total=function(field)).values("total")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def goals_with_counts(user):
    """The active goals, annotated with linked contacts, channels and weekly minutes."""
    return (
        Goal.objects.for_owner(user)
        .active()
        .annotate(
            contact_count=_subquery_total(GoalContact.objects.filter(goal=OuterRef("pk")), "id"),
            channel_count=_subquery_total(GoalChannel.objects.filter(goal=OuterRef("pk")), "id"),
            weekly_minutes=_subquery_total(
                GoalChannel.objects.filter(goal=OuterRef("pk")), "weekly_minutes", Sum
            ),
        )
        .order_by("next_review_on", "id")
    )


def monthly_goal_interactions(user, since: datetime.date) -> dict[tuple[int, datetime.date], int]:
    """{(goal id, first of month): interactions with the goal's contacts} in one query.

    It reads the people's links of those months alone, by their (person, date) index: the
    goal contacts' older interactions are not touched, however long their history.
    """
    rows = (
        InteractionContact.objects.filter(
            contact__owner=user, contact__goal_links__goal__status="active", date__gte=since
        )
        .annotate(month=TruncMonth("date"))
        .values("contact__goal_links__goal", "month")
        .annotate(total=Count("interaction", distinct=True))
        .order_by()
    )
    result = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        result[(row["contact__goal_links__goal"], month)] = row["total"]
    return result


def events_by_goal(user, since: datetime.date, until: datetime.date) -> dict[int, int]:
    rows = (
        Event.objects.for_owner(user)
        .attended(since, until)
        .filter(group__goals__isnull=False)
        .values("group__goals")
        .annotate(total=Count("id", distinct=True))
        .order_by()
    )
    return {row["group__goals"]: row["total"] for row in rows}


def bubble_signal(user, since: datetime.date, until: datetime.date) -> dict:
    """Events attended in the window and how many of them were outside the bubble."""
    outside = Q(outside_bubble=True) | Q(group__outside_bubble=True)
    events = (
        Event.objects.for_owner(user)
        .attended(since, until)
        .aggregate(total=Count("id"), outside=Count("id", filter=outside))
    )
    groups = Group.objects.for_owner(user).aggregate(
        total=Count("id"), outside=Count("id", filter=Q(outside_bubble=True))
    )
    total, outside_count = events["total"], events["outside"]
    return {
        "events": total,
        "events_outside": outside_count,
        "events_inside": total - outside_count,
        "percent": round(100 * outside_count / total) if total else 0,
        "groups": groups["total"],
        "groups_outside": groups["outside"],
    }


def time_by_platform(user) -> list[charts.Bar]:
    """Where the weekly time goes: minutes per platform over the active goals' channels."""
    rows = GoalChannel.objects.for_owner(user).of_active_goals().minutes_by_platform()
    labels = dict(Platform.choices)
    return charts.bars([(str(labels[row["platform"]]), row["minutes"]) for row in rows])


def strategy_overview(user, today: datetime.date) -> dict:
    months = charts.month_starts(today, MONTHS_SHOWN)
    window_start = today - datetime.timedelta(days=EVENT_WINDOW_DAYS)
    goals = list(goals_with_counts(user))
    per_month = monthly_goal_interactions(user, months[0])
    per_goal_events = events_by_goal(user, window_start, today)
    signals = []
    for goal in goals:
        series = [(date_format(month, "M"), per_month.get((goal.pk, month), 0)) for month in months]
        signals.append(
            GoalSignals(
                goal=goal,
                months=charts.columns(series),
                interactions_this_month=series[-1][1],
                events_attended=per_goal_events.get(goal.pk, 0),
                review_due=goal.review_is_due(today),
            )
        )
    time_bars = time_by_platform(user)
    context = {
        "signals": signals,
        "reviews_due": [s.goal for s in signals if s.review_due],
        "bubble": bubble_signal(user, window_start, today),
        "event_window_days": EVENT_WINDOW_DAYS,
        "time_bars": time_bars,
        "weekly_minutes": sum(bar.value for bar in time_bars),
    }
    for part in extensions.overview_parts:
        context.update(part(user, today))
    return context
