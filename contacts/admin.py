from django.contrib import admin

from netzwerk.admin import PersonalDataAdmin

from .models import Contact, Interaction, InteractionContact, ProfileLink, Tag


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


class InteractionContactInline(admin.TabularInline):
    model = InteractionContact
    extra = 0
    raw_id_fields = ["contact"]
    # The interaction's own date, copied (InteractionContact).
    readonly_fields = ["date"]


@admin.register(Interaction)
class InteractionAdmin(PersonalDataAdmin):
    list_display = ["__str__", "owner", "kind", "date"]
    list_filter = ["kind"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    date_hierarchy = "date"
    inlines = [InteractionContactInline]

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.contacts.values_list("pk", flat=True))
        super().save_related(request, form, formsets, change)
        # The people's last contact and search text follow, as after the app's own forms.
        after = set(form.instance.contacts.values_list("pk", flat=True))
        form.instance.refresh_contacts(before | after)


@admin.register(Tag)
class TagAdmin(PersonalDataAdmin):
    list_display = ["name", "owner"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
