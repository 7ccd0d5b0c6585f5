from django.contrib import admin

from netzwerk.admin import PersonalDataAdmin

from .models import Digest, FollowUp, ImportantDate, Lunch, Nudge


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
    list_display = ["kind", "key", "occurs_on", "owner", "read_at", "email_state"]
    list_filter = ["kind", "email_state"]
    raw_id_fields = ["owner", "contact", "follow_up", "lunch", "important_date"]


@admin.register(Digest)
class DigestAdmin(PersonalDataAdmin):
    list_display = ["week", "owner", "state", "claimed_at", "sent_at", "attempts"]
    list_filter = ["state"]
    raw_id_fields = ["owner"]
