from django.contrib import admin

from netzwerk.admin import PersonalDataAdmin

from .models import Contact, Interaction, ProfileLink, Tag


class ProfileLinkInline(admin.TabularInline):
    model = ProfileLink
    extra = 0


@admin.register(Contact)
class ContactAdmin(PersonalDataAdmin):
    list_display = ["name", "owner", "company", "city", "category", "status", "last_contacted_on"]
    list_filter = ["category", "status"]
    search_fields = ["first_name", "last_name", "company", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "tags"]
    inlines = [ProfileLinkInline]


@admin.register(Interaction)
class InteractionAdmin(PersonalDataAdmin):
    list_display = ["__str__", "owner", "kind", "date"]
    list_filter = ["kind"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "contacts"]
    date_hierarchy = "date"


@admin.register(Tag)
class TagAdmin(PersonalDataAdmin):
    list_display = ["name", "owner"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
