"""What the preferences page says about email delivery: the last digest and the next one, and
how the last nudge email went (sent, waiting to retry and why, failed)."""

import dataclasses
import datetime

from django.utils import timezone

from .models import Digest, EmailState, Nudge


@dataclasses.dataclass(frozen=True)
class DigestStatus:
    last: Digest | None
    next_at: datetime.datetime | None  # in the user's zone; None when switched off
    # The newest nudge that was to be emailed; its email_* fields say how that went.
    last_nudge_email: Nudge | None = None


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
    """The latest digest row and the latest emailed nudge of the user (two queries) and when
    the next digest is due."""
    now = now or timezone.now()
    last = Digest.objects.for_owner(user).order_by("-claimed_at", "-id").first()
    last_nudge_email = (
        Nudge.objects.for_owner(user)
        .exclude(email_state=EmailState.NONE)
        .only("email_state", "email_sent_at", "email_next_try_at", "email_error", "created_at")
        .order_by("-created_at", "-id")
        .first()
    )
    return DigestStatus(
        last=last, next_at=next_digest_at(user, now), last_nudge_email=last_nudge_email
    )
