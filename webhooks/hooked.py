"""Whether a user has an enabled webhook endpoint, remembered in the cache: every contact
save and every new interaction asks, and most users have none, so the common case costs a
cache read instead of a query.

The cached answer is written with `add` (only if the key is absent), and every change of a
user's endpoints sets the key to True ("look in the database") for CHANGED_FOR, before and
after its commit. So a request that read the endpoints before a change and writes its answer
after it cannot leave a stale "none" behind: its `add` finds the key taken. True is always
safe (it costs the query it saves); only a stale False would lose events.

A per-process cache (local memory, the quick start's default) would keep a stale False in
the other processes (the web server's workers, the Celery worker that runs imports), so
there every ask is a query.
"""

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import Endpoint

logger = logging.getLogger(__name__)

# A user's answer is asked again after ten minutes at the latest: should the cache lose the
# write that marks a change (a Redis blip), a stale "none" cannot hide new endpoints longer.
REMEMBER_FOR = datetime.timedelta(minutes=10)
# Longer than any transaction that may have read the endpoints before a change.
CHANGED_FOR = datetime.timedelta(minutes=10)
PER_PROCESS = ("LocMemCache", "DummyCache")


def cache_is_shared() -> bool:
    return not settings.CACHES["default"]["BACKEND"].endswith(PER_PROCESS)


def _key(owner_id: int) -> str:
    return f"webhooks:hooked:{owner_id}"


def has_endpoints(owner_id: int) -> bool:
    """Might this user have an enabled endpoint? (True may be out of date, False is not.)"""
    if not cache_is_shared():
        return True
    try:
        cached = cache.get(_key(owner_id))
    except Exception as error:  # noqa: BLE001 - a cache that is away must not stop a save
        logger.warning("Webhook endpoints not looked up in the cache: %s", error)
        return True
    if cached is not None:
        return cached
    hooked = Endpoint.objects.filter(owner_id=owner_id, enabled=True).exists()
    _write(cache.add, owner_id, hooked, REMEMBER_FOR)
    return hooked


def endpoints_changed(owner_id: int) -> None:
    """Called when an endpoint of the user is saved or deleted."""
    _write(cache.set, owner_id, True, CHANGED_FOR)
    transaction.on_commit(lambda: _write(cache.set, owner_id, True, CHANGED_FOR))


def _write(method, owner_id: int, value: bool, timeout: datetime.timedelta) -> None:
    try:
        method(_key(owner_id), value, timeout.total_seconds())
    except Exception as error:  # noqa: BLE001 - see has_endpoints
        logger.warning("Webhook endpoints not remembered in the cache: %s", error)


def user_created(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save of the user: a new user has no endpoint (none can be made before the user
    is committed), so their saves need no query from the start."""
    if created and not raw and cache_is_shared():
        _write(cache.add, instance.pk, False, REMEMBER_FOR)


def endpoint_written(sender, instance: Endpoint, **kwargs) -> None:
    """post_save and post_delete of Endpoint (an account's deletion deletes them one by one
    too); the one UPDATE that switches a failing endpoint off leaves a True, which is safe."""
    endpoints_changed(instance.owner_id)
