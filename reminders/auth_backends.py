"""The login backend: allauth's, loading the user with the nav badge's unread nudge count
(reminders.context_processors.nudges reads it)."""

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Nudge

# Stands for the user's id while the query is compiled once (ids are never negative).
PLACEHOLDER_ID = -7_300_001


@cache
def user_query(alias: str) -> tuple[str, tuple]:
    """The session user's SQL with `unread_nudge_count` annotated, compiled once per
    database: every request runs it, and building the same ORM query each time cost
    several times more than running it (README, Performance)."""
    unread = (
        Nudge.objects.filter(owner=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("owner")
        .annotate(n=Count("id"))
        .values("n")
    )
    users = (
        get_user_model()
        ._default_manager.using(alias)
        .annotate(unread_nudge_count=Coalesce(Subquery(unread, output_field=IntegerField()), 0))
        .filter(pk=PLACEHOLDER_ID)
    )
    return users.query.get_compiler(alias).as_sql()


class AuthenticationBackend(AllauthBackend):
    def warm_up(self) -> None:
        """Compile the user's query before the first request (netzwerk/warmup.py)."""
        user_query(router.db_for_read(get_user_model()))

    def get_user(self, user_id):
        """The session's user with `unread_nudge_count` annotated: every page shows the badge,
        and this spares each of them a query of its own."""
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        alias = router.db_for_read(model)
        sql, params = user_query(alias)
        params = [pk if value == PLACEHOLDER_ID else value for value in params]
        user = next(iter(model._default_manager.db_manager(alias).raw(sql, params)), None)
        return user if user is not None and self.user_can_authenticate(user) else None
