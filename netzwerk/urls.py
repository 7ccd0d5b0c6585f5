from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    # After login the user lands on "Diese Woche"; anonymous visitors go on to the login.
    path(
        "", RedirectView.as_view(pattern_name="reminders:dashboard", permanent=False), name="home"
    ),
    path("preferences/", views.preferences, name="preferences"),
    path("data/", include("netzwerk.account.urls")),
    path("accounts/", include("allauth.urls")),
    path("contacts/", include("contacts.urls")),
    path("", include("reminders.urls")),
    path("strategy/", include("strategy.urls")),
    path("admin/", admin.site.urls),
]
