from django.urls import path

from .views import events, goals, groups, overview

app_name = "strategy"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("time/", overview.weekly_time, name="weekly_time"),
    path("goals/new/", goals.goal_create, name="goal_create"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/edit/", goals.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", goals.goal_delete, name="goal_delete"),
    path("goals/<int:pk>/review/", goals.goal_review, name="goal_review"),
    path("goals/<int:pk>/contacts/", goals.goal_contact_add, name="goal_contact_add"),
    path("goals/<int:pk>/channels/new/", goals.channel_create, name="channel_create"),
    path("goal-contacts/<int:pk>/edit/", goals.goal_contact_edit, name="goal_contact_edit"),
    path("goal-contacts/<int:pk>/delete/", goals.goal_contact_delete, name="goal_contact_delete"),
    path("channels/<int:pk>/edit/", goals.channel_edit, name="channel_edit"),
    path("channels/<int:pk>/delete/", goals.channel_delete, name="channel_delete"),
    path("contacts/<int:pk>/goal/", goals.link_goal, name="link_goal"),
    path("groups/", groups.group_list, name="groups"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:pk>/delete/", groups.group_delete, name="group_delete"),
    path("groups/<int:pk>/people/", groups.group_people, name="group_people"),
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", events.event_delete, name="event_delete"),
    path("events/<int:pk>/met/", events.event_met, name="event_met"),
]
