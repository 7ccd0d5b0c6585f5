from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netzwerk.admin import PersonalDataAdmin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(PersonalDataAdmin):
    """Tokens to look at and revoke. The hash never shows, and a token is never made here:
    its secret could not be shown to its owner."""

    list_display = ["name", "owner", "prefix", "scope", "expires_at", "last_used_at", "works"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "owner__email"]
    list_select_related = ["owner"]
    fields = [
        "owner",
        "name",
        "prefix",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "works",
    ]
    readonly_fields = fields
    actions = ["revoke"]

    @admin.display(boolean=True, description=_("works"))
    def works(self, token: ApiToken) -> bool:
        return token.works()

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(permissions=["change"], description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset) -> None:
        # Ended by expiring now rather than deleted: the owner's page still lists the token
        # as no longer working, so they can see what happened to it.
        revoked = queryset.revoke(timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )
