from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialToken
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User

PERSONAL_DATA_PERMISSION = "netzwerk.view_personal_data"


class PersonalDataAdmin(admin.ModelAdmin):
    """The contents of a user's network are personal data about other people: staff see them
    only with PERSONAL_DATA_PERMISSION granted on top of the model's own permission (a
    superuser has every permission). Staff without it see the users, not their networks."""

    def _may_see_personal_data(self, request) -> bool:
        return request.user.has_perm(PERSONAL_DATA_PERMISSION)

    def has_module_permission(self, request) -> bool:
        return self._may_see_personal_data(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may_see_personal_data(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return self._may_see_personal_data(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return self._may_see_personal_data(request) and allowed

    def has_delete_permission(self, request, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return self._may_see_personal_data(request) and allowed


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "language", "time_zone", "is_staff", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Preferences"),
            {"fields": ["first_name", "last_name", "language", "time_zone", "home_city"]},
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


def _guard_personal_data(model) -> None:
    """Put an admin another app registered behind the personal-data permission."""
    if admin.site.is_registered(model):
        registered = type(admin.site._registry[model])
        admin.site.unregister(model)
        guarded = type(f"Guarded{registered.__name__}", (PersonalDataAdmin, registered), {})
        admin.site.register(model, guarded)


# allauth's admins (its apps come first in INSTALLED_APPS, so they are registered by now):
# two-factor secrets, where and from which address a user signs in, the provider's profile.
for _model in (Authenticator, UserSession, SocialAccount, SocialToken):
    _guard_personal_data(_model)
