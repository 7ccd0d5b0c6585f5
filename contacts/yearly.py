"""Yearly dates (birthdays, anniversaries) with or without a year, 29 February included."""

import calendar
import datetime


def occurrence_in(year: int, month: int, day: int) -> datetime.date:
    """The date a yearly (month, day) is celebrated in `year`; 29 Feb is 28 Feb in common years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return datetime.date(year, month, day)


def next_occurrence(month: int, day: int, on_or_after: datetime.date) -> datetime.date:
    this_year = occurrence_in(on_or_after.year, month, day)
    if this_year >= on_or_after:
        return this_year
    return occurrence_in(on_or_after.year + 1, month, day)


def month_days_between(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    """Every stored (month, day) that is celebrated between the two days, both included."""
    pairs = []
    day = start
    while day <= end and len(pairs) < 400:
        pairs.append((day.month, day.day))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            pairs.append((2, 29))
        day += datetime.timedelta(days=1)
    return pairs


def day_runs_between(start: datetime.date, end: datetime.date) -> list[tuple[int, int, int]]:
    """month_days_between() as runs of consecutive days of one month, in date order:
    (month, first day, last day). A query can then ask for a range of each month's days,
    which an index reads in order, instead of for each day."""
    runs: list[tuple[int, int, int]] = []
    for month, day in month_days_between(start, end):
        if runs and runs[-1][0] == month and runs[-1][2] == day - 1:
            runs[-1] = (month, runs[-1][1], day)
        else:
            runs.append((month, day, day))
    return runs
