from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from . import security, sessions, views

urlpatterns = [
    # After login the user lands on "Diese Woche"; anonymous visitors go on to the login.
    path(
        "", RedirectView.as_view(pattern_name="reminders:dashboard", permanent=False), name="home"
    ),
    path("preferences/", views.preferences, name="preferences"),
    path("health", views.health, name="health"),
    path("data/", include("netzwerk.account.urls")),
    path("accounts/email/", security.email, name="account_email"),
    # The database session store lets the list check every session in one query.
    path("accounts/sessions/", sessions.session_list, name="usersessions_list"),
    path("accounts/sessions/end/", sessions.end_session, name="end_session"),
    path(
        "accounts/sessions/sign-out-everywhere/",
        sessions.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
    path("accounts/", include("allauth.urls")),
    path("contacts/", include("contacts.urls")),
    path("", include("reminders.urls")),
    path("strategy/", include("strategy.urls")),
    path("api/tokens/", include("api.page_urls")),
    path("api/", include("api.urls")),
    path("webhooks/", include("webhooks.urls")),
    path("admin/login/", security.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    # The phone's address book (CardDAV): contacts/carddav/.
    path(".well-known/", include("contacts.carddav.well_known")),
    path("dav/", include("contacts.carddav.urls")),
    path("phone/", include("contacts.carddav.page_urls")),
    # The installable web app: manifest, service worker (root scope), offline page.
    path("", include("netzwerk.webapp_urls")),
]

handler404 = "netzwerk.http.page_not_found"
