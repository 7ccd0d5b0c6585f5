"""The /health endpoint's checks: a registry each part of the system adds its own check to.

The base registers the database and the cache; a higher app registers what it runs (the
reminders register their beat) from its AppConfig.ready(), so this module imports no app.
A check returns None when healthy, or a short reason that reveals nothing else.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

Check = Callable[[], str | None]

_checks: dict[str, Check] = {}


def register(name: str, check: Check) -> None:
    _checks[name] = check


def failures(only: set[str] | None = None) -> dict[str, str]:
    """Run every check (or those named in `only`); the failing ones by name with their reason."""
    failed = {}
    for name, check in _checks.items():
        if only is not None and name not in only:
            continue
        try:
            reason = check()
        except Exception as error:  # A check that breaks is a failed check, not a 500.
            reason = type(error).__name__
        if reason:
            failed[name] = reason
    return failed


def _database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return None


def _cache() -> str | None:
    cache.set("health-probe", "ok", 10)
    return None if cache.get("health-probe") == "ok" else "cache does not keep a value"


register("database", _database)
register("cache", _cache)
