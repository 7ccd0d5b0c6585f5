from django.urls import path

from .views import (
    calendar,
    dashboard,
    dates,
    delivery,
    email_actions,
    followups,
    lunches,
    nudges,
    push,
)

app_name = "reminders"

# The in-app pages (dashboard, follow-ups, dates, lunches, nudges, calendar feed).
urlpatterns = [
    path("week/", dashboard.dashboard, name="dashboard"),
    path("week/due/", dashboard.due_contacts, name="due_contacts"),
    path("week/dates/", dashboard.upcoming_dates, name="upcoming_dates"),
    path("follow-ups/", followups.followup_list, name="followup_list"),
    path("follow-ups/new/<int:contact_pk>/", followups.followup_create, name="followup_create"),
    path("follow-ups/<int:pk>/edit/", followups.followup_edit, name="followup_edit"),
    path("follow-ups/<int:pk>/done/", followups.followup_done, name="followup_done"),
    path("follow-ups/<int:pk>/snooze/", followups.followup_snooze, name="followup_snooze"),
    path("follow-ups/<int:pk>/delete/", followups.followup_delete, name="followup_delete"),
    path("dates/new/<int:contact_pk>/", dates.date_create, name="date_create"),
    path("dates/<int:pk>/edit/", dates.date_edit, name="date_edit"),
    path("dates/<int:pk>/delete/", dates.date_delete, name="date_delete"),
    path("lunch/", lunches.lunch_list, name="lunch_list"),
    path("lunch/new/", lunches.lunch_create, name="lunch_create"),
    path("lunch/<int:pk>/edit/", lunches.lunch_edit, name="lunch_edit"),
    path("lunch/<int:pk>/done/", lunches.lunch_done, name="lunch_done"),
    path("lunch/<int:pk>/cancel/", lunches.lunch_cancel, name="lunch_cancel"),
    path("lunch/<int:pk>/delete/", lunches.lunch_delete, name="lunch_delete"),
    path("lunch/not-now/<int:contact_pk>/", lunches.suggestion_skip, name="suggestion_skip"),
    path("nudges/", nudges.nudge_list, name="nudge_list"),
    path("nudges/read/", nudges.nudge_read_all, name="nudge_read_all"),
    path("nudges/<int:pk>/read/", nudges.nudge_read, name="nudge_read"),
    path("push/", push.push_settings, name="push"),
    path("push/subscribe/", push.push_subscribe, name="push_subscribe"),
    path("push/<int:pk>/", push.push_device, name="push_device"),
    path("push/<int:pk>/delete/", push.push_device_delete, name="push_device_delete"),
    path("delivery/test-email/", delivery.send_test_email, name="send_test_email"),
    path("delivery/digest-now/", delivery.send_digest_now, name="send_digest_now"),
    path("calendar/regenerate/", calendar.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/<slug:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    # Signed one-tap links from the emails (no login; the token is the credential).
    path("r/a/<slug:action>/<str:token>/", email_actions.email_action, name="email_action"),
    path(
        "r/unsubscribe/<slug:list_name>/<str:token>/",
        email_actions.unsubscribe,
        name="unsubscribe",
    ),
]
