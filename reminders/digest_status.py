"""What the preferences page says about the weekly digest: the last one and the next one."""

import dataclasses
import datetime

from django.utils import timezone

from .models import Digest


@dataclasses.dataclass(frozen=True)
class DigestStatus:
    last: Digest | None
    next_at: datetime.datetime | None  # in the user's zone; None when switched off


def next_digest_at(user, now: datetime.datetime) -> datetime.datetime | None:
    """The next digest slot (the user's weekday and hour in their zone) after `now`."""
    if not user.digest_enabled:
        return None
    local = now.astimezone(user.zone)
    days = (user.digest_weekday - local.weekday()) % 7
    day = local.date() + datetime.timedelta(days=days)
    slot = datetime.datetime.combine(day, datetime.time(user.digest_hour), tzinfo=user.zone)
    if slot <= local:
        slot = datetime.datetime.combine(
            day + datetime.timedelta(days=7), datetime.time(user.digest_hour), tzinfo=user.zone
        )
    return slot


def digest_status(user, now: datetime.datetime | None = None) -> DigestStatus:
    """The latest digest row of the user (one query) and when the next one is due."""
    now = now or timezone.now()
    last = Digest.objects.for_owner(user).order_by("-claimed_at", "-id").first()
    return DigestStatus(last=last, next_at=next_digest_at(user, now))
