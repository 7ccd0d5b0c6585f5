"""The user's local clock: when it is morning, when it is night, which ISO week it is.

Everything is computed from an aware UTC instant and the user's zoneinfo time zone, so a
daylight-saving change moves the UTC instant of "07:00 local" and nothing else.
"""

import datetime
import functools
import zoneinfo

# From this local hour on it is evening: no nudge and no digest is sent until the morning.
EVENING_HOUR = 22
# A weekly digest missed on its day (an outage) goes out this many days later for anyone;
# later in the week only for accounts that existed at its time.
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


def digest_is_due(
    local_now: datetime.datetime,
    weekday: int,
    hour: int,
    joined: datetime.datetime | None = None,
) -> bool:
    """The week's digest time (weekday at hour, local) has passed, and it is not night.

    A digest missed on its day (an outage of up to a week) still goes out on a later day of
    the same ISO week, but only from `hour` on, so a worker that comes back at 3 a.m. waits
    for the morning; older weeks are never sent, so an outage leaves at most one late digest.
    An account made after this week's digest time (`joined`) gets its first one the day
    after at the latest, else next week.
    """
    days_after = local_now.weekday() - weekday
    if days_after < 0:
        return False
    if days_after > DIGEST_GRACE_DAYS:
        slot = datetime.datetime.combine(
            local_now.date() - datetime.timedelta(days=days_after),
            datetime.time(hour),
            tzinfo=local_now.tzinfo,
        )
        if joined is None or joined > slot:
            return False
    return hour <= local_now.hour < max(EVENING_HOUR, hour + 1)
