"""Deleting an account: every row the user owns, in every app, then the user.

The rows go model by model, children before parents (the reverse of registry.py's order),
each with one DELETE: every reference of a user's row points at the same user's rows, so
nothing is left pointing at a deleted one, and no row is read into memory first.
"""

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from .registry import owned_models


@dataclass(frozen=True)
class Count:
    label: str
    name: str
    count: int


def counts(user) -> list[Count]:
    """How many rows of each kind the user owns (link tables left out: they are part of the
    rows they link), the kinds with rows first."""
    rows = [
        Count(owned.label, str(owned.model._meta.verbose_name_plural), owned.rows_of(user).count())
        for owned in owned_models()
        if not owned.holder
    ]
    return sorted(rows, key=lambda c: c.count == 0)


@transaction.atomic
def delete_account(user) -> None:
    # Periodic tasks read users in their own transactions: marked inactive first, a digest
    # or nudge run that starts now already skips this user.
    get_user_model()._base_manager.filter(pk=user.pk).update(is_active=False)
    for owned in reversed(owned_models()):
        # _raw_delete: one DELETE without collecting the rows first; the order above keeps
        # every foreign key satisfied.
        owned.rows_of(user)._raw_delete(owned.model._base_manager.db)
    end_sessions(user)
    user.delete()


def end_sessions(user) -> int:
    """Delete every session of the user, on every device."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    # The cache-backed engine (settings.SESSION_ENGINE with Redis) keeps a copy of each
    # session that it reads before the database; the copies go too.
    prefix = getattr(import_module(settings.SESSION_ENGINE).SessionStore, "cache_key_prefix", None)
    if prefix and ended:
        caches[settings.SESSION_CACHE_ALIAS].delete_many([prefix + key for key in ended])
    return len(ended)
