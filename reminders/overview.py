"""What reminders adds to the strategy overview (strategy/extensions.py): #neverlunchalone
as a signal of the networking strategy."""

import datetime
from collections import Counter

from strategy import charts

from .models import Lunch, LunchStatus
from .models.lunch import week_of

LUNCH_WEEKS_SHOWN = 8


def lunch_signal(user, today: datetime.date) -> dict:
    """Lunches kept (marked done) per week against the weekly target, for the last weeks."""
    weeks = charts.week_starts(today, LUNCH_WEEKS_SHOWN)
    kept = Counter(
        week_of(day)[0]
        for day in Lunch.objects.for_owner(user)
        .filter(status=LunchStatus.DONE, date__gte=weeks[0], date__lte=today)
        .values_list("date", flat=True)
    )
    target = user.lunch_target
    labels, dates = charts.week_labels(weeks)
    series = [(label, kept.get(monday, 0)) for label, monday in zip(labels, weeks, strict=True)]
    return {
        "chart": charts.columns(series, target=target, titles=dates),
        "target": target,
        "this_week": series[-1][1],
        "weeks_on_target": sum(1 for _label, count in series if target and count >= target),
        "weeks": len(series),
    }


def overview_lunches(user, today: datetime.date) -> dict:
    return {"lunches": lunch_signal(user, today)}
