"""What the operator sees of delivery (`manage.py delivery_status`, the admin, /health)."""

import datetime

from django.utils import timezone

from .models import PeriodicRun

# /health reports the beat when no periodic task has started for this long.
BEAT_SILENT_AFTER = datetime.timedelta(minutes=10)


def beat_check(now: datetime.datetime | None = None) -> str | None:
    """None while periodic tasks run; else how long the beat (or its worker) has been silent.

    Before the first run ever (a fresh install, a web-only setup) there is nothing to say.
    """
    now = now or timezone.now()
    last = PeriodicRun.objects.last_run()
    if last is None or now - last < BEAT_SILENT_AFTER:
        return None
    minutes = int((now - last).total_seconds() // 60)
    return f"no periodic task has run for {minutes} minutes"
