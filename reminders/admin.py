from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.admin import PersonalDataAdmin

from .delivery import CLAIM_TIMEOUT
from .models import Digest, FollowUp, ImportantDate, Lunch, Nudge, PeriodicRun


class DeliveryFilter(admin.SimpleListFilter):
    """For the operator (with `manage.py delivery_status`): claims held longer than the
    lease (a crashed sender; the next run takes them over) and sends waiting for a retry.
    `state`, `claimed_at` and `next_try_at` name the model's columns."""

    title = _("delivery")
    parameter_name = "delivery"
    state, claimed_at, next_try_at = "state", "claimed_at", "next_try_at"

    def lookups(self, request, model_admin):
        return [("stale", _("claim held too long")), ("retry", _("waiting for a retry"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.filter(
                **{self.state: "sending", f"{self.claimed_at}__lt": timezone.now() - CLAIM_TIMEOUT}
            )
        if self.value() == "retry":
            return queryset.filter(**{self.state: "pending", f"{self.next_try_at}__isnull": False})
        return queryset


class NudgeDeliveryFilter(DeliveryFilter):
    state, claimed_at, next_try_at = "email_state", "email_claimed_at", "email_next_try_at"


@admin.register(FollowUp)
class FollowUpAdmin(PersonalDataAdmin):
    list_display = ["due_on", "contact", "note", "repeat", "done_at", "owner"]
    raw_id_fields = ["owner", "contact"]


@admin.register(ImportantDate)
class ImportantDateAdmin(PersonalDataAdmin):
    list_display = ["contact", "kind", "label", "day", "month", "year", "owner"]
    raw_id_fields = ["owner", "contact"]


@admin.register(Lunch)
class LunchAdmin(PersonalDataAdmin):
    list_display = ["date", "time", "place", "status", "owner"]
    raw_id_fields = ["owner", "contacts"]


@admin.register(Nudge)
class NudgeAdmin(PersonalDataAdmin):
    list_display = [
        "kind",
        "key",
        "occurs_on",
        "owner",
        "read_at",
        "email_state",
        "email_claimed_at",
        "email_attempts",
        "email_error",
    ]
    list_filter = ["kind", "email_state", NudgeDeliveryFilter]
    raw_id_fields = ["owner", "contact", "follow_up", "lunch", "important_date"]


@admin.register(Digest)
class DigestAdmin(PersonalDataAdmin):
    list_display = ["week", "owner", "state", "claimed_at", "sent_at", "attempts", "detail"]
    list_filter = ["state", DeliveryFilter]
    raw_id_fields = ["owner"]


@admin.register(PeriodicRun)
class PeriodicRunAdmin(admin.ModelAdmin):
    """The last run of each periodic task: a beat that has stopped shows here first."""

    list_display = ["task", "queued_at", "ran_at"]
    readonly_fields = ["task", "queued_id", "queued_at", "ran_at"]

    def has_add_permission(self, request) -> bool:
        return False
