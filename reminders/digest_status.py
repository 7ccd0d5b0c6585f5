"""What the preferences page says about email delivery: the last digest and the next one, and
how the last nudge email went (sent, waiting to retry and why, failed)."""

import dataclasses
import datetime

from django.utils import timezone

from .clock import digest_is_due, iso_week
from .models import Digest, EmailState, Nudge

# The beat entry "send-due-weekly-digests-every-minute" runs at the start of every minute.
BEAT_MINUTES = 1
# A digest is due at most a week and a grace day ahead.
LOOK_AHEAD = datetime.timedelta(days=8, hours=1)


@dataclasses.dataclass(frozen=True)
class DigestStatus:
    last: Digest | None
    next_at: datetime.datetime | None  # in the user's zone; None when switched off
    # The newest nudge that was to be emailed; its email_* fields say how that went.
    last_nudge_email: Nudge | None = None


def next_beat(now: datetime.datetime) -> datetime.datetime:
    """The first run of the digest beat after `now` (one at `now` itself may have run before
    the settings were saved)."""
    now = now.astimezone(datetime.UTC)
    start = now.replace(minute=now.minute - now.minute % BEAT_MINUTES, second=0, microsecond=0)
    return start + datetime.timedelta(minutes=BEAT_MINUTES)


def next_digest_at(
    user, now: datetime.datetime, done_week: str | None = None
) -> datetime.datetime | None:
    """When the sender will send the next digest, in the user's zone.

    It asks the sender's own rule (reminders.clock.digest_is_due) at each beat run, so the
    answer is what happens: a weekday and hour set a minute after their slot on that very day
    still send it at the next run, today. `done_week` is the ISO week that already has its
    digest (sent, being sent, failed or skipped); that week sends none again.
    """
    if not user.digest_enabled:
        return None
    run = next_beat(now)
    while run <= now + LOOK_AHEAD:
        local = run.astimezone(user.zone)
        if iso_week(local.date()) != done_week and digest_is_due(
            local, user.digest_weekday, user.digest_hour, user.date_joined
        ):
            return local
        # The rule reads only the local weekday and hour, and a run starts every minute, so
        # the next candidate is the next full local hour: a week is 200 steps, not 10,000.
        run += datetime.timedelta(minutes=60 - local.minute)
    return None


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
        last=last,
        next_at=next_digest_at(user, now, last.week if last else None),
        last_nudge_email=last_nudge_email,
    )
