from django.urls import path

from .views import email_actions

app_name = "reminders"

urlpatterns = [
    # Signed one-tap links from the emails (no login; the token is the credential).
    path("r/a/<slug:action>/<str:token>/", email_actions.email_action, name="email_action"),
    path(
        "r/unsubscribe/<slug:list_name>/<str:token>/",
        email_actions.unsubscribe,
        name="unsubscribe",
    ),
]
