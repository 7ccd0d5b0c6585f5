"""Webhooks for the operator: read-mostly. An endpoint shows its host, not its full URL (the
path of a Zapier or n8n hook is a secret of the receiver's), and never its signing secret;
the operator may only switch it off or on. Deliveries are read-only, filtered like the
emails' (claims held too long, waiting for a retry)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from netzwerk.admin import PersonalDataAdmin
from reminders.admin import DeliveryFilter

from .models import Delivery, Endpoint


class FailingFilter(admin.SimpleListFilter):
    title = _("failing")
    parameter_name = "failing"

    def lookups(self, request, model_admin):
        return [("yes", _("failing or switched off for it"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(failing_since__isnull=False)
        return queryset


@admin.register(Endpoint)
class EndpointAdmin(PersonalDataAdmin):
    list_display = ["id", "url_host", "owner", "enabled", "failing_since", "created_at"]
    list_filter = ["enabled", FailingFilter]
    search_fields = ["owner__email"]
    raw_id_fields = ["owner"]
    fields = ["owner", "url_host", "events", "enabled", "failing_since", "disabled_reason"]
    readonly_fields = ["owner", "url_host", "events", "failing_since", "disabled_reason"]

    @admin.display(description=_("host"))
    def url_host(self, endpoint: Endpoint) -> str:
        return endpoint.host

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        # Switched on again as the owner's button does it: the failing streak starts afresh.
        if obj.enabled and "enabled" in form.changed_data:
            obj.failing_since, obj.disabled_reason = None, ""
        super().save_model(request, obj, form, change)


@admin.register(Delivery)
class DeliveryAdmin(PersonalDataAdmin):
    list_display = [
        "id",
        "event",
        "endpoint_id",
        "owner",
        "state",
        "attempts",
        "next_try_at",
        "status_code",
        "error",
        "occurred_at",
        "sent_at",
    ]
    list_filter = ["state", "event", DeliveryFilter]
    search_fields = ["event_id"]
    list_select_related = ["owner"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
