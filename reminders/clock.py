"""The user's local clock: when it is morning, when it is night, which ISO week it is.

Everything is computed from an aware UTC instant and the user's zoneinfo time zone, so a
daylight-saving change moves the UTC instant of "07:00 local" and nothing else.
"""

import datetime
import functools
import zoneinfo

# From this local hour on it is evening: no nudge and no digest is sent until the morning.
EVENING_HOUR = 22
# A weekly digest missed on its day (an outage) may still go out this many days later.
DIGEST_GRACE_DAYS = 1


@functools.cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("Europe/Berlin")


def local(now: datetime.datetime, time_zone: str) -> datetime.datetime:
    return now.astimezone(zone(time_zone))


def is_daytime(local_now: datetime.datetime, from_hour: int) -> bool:
    """From `from_hour` (the user's morning) until the evening; never at night."""
    return from_hour <= local_now.hour < EVENING_HOUR


def iso_week(day: datetime.date) -> str:
    """ "2026-W48": the key of a week (ISO weeks start on Monday)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_is_due(local_now: datetime.datetime, weekday: int, hour: int) -> bool:
    """The week's digest time (weekday at hour, local) has passed, and it is not night.

    A digest missed on its day (an outage) still goes out the day after, but only from `hour`
    on, so a worker that comes back at 3 a.m. waits for the morning. Later than that it waits
    for next week (a new account on a Wednesday gets its first digest the next week).
    """
    if not 0 <= local_now.weekday() - weekday <= DIGEST_GRACE_DAYS:
        return False
    return hour <= local_now.hour < max(EVENING_HOUR, hour + 1)
