"""The login backend: allauth's, loading the user with the nav badge's unread nudge count
(reminders.context_processors.nudges reads it)."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Nudge


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        """The session's user with `unread_nudge_count` annotated: every page shows the badge,
        and this spares each of them a query of its own."""
        unread = (
            Nudge.objects.filter(owner=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("owner")
            .annotate(n=Count("id"))
            .values("n")
        )
        user = (
            get_user_model()
            ._default_manager.annotate(
                unread_nudge_count=Coalesce(Subquery(unread, output_field=IntegerField()), 0)
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
