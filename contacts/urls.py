from django.urls import path

from .views import detail, interactions, lists, tags, triage

app_name = "contacts"

urlpatterns = [
    path("", lists.contact_list, name="list"),
    path("new/", detail.contact_create, name="create"),
    path("<int:pk>/", detail.contact_detail, name="detail"),
    path("<int:pk>/edit/", detail.contact_edit, name="edit"),
    path("<int:pk>/delete/", detail.contact_delete, name="delete"),
    path("<int:pk>/category/", detail.set_category, name="category"),
    path("<int:pk>/log/", interactions.log_interaction, name="log"),
    path("interactions/new/", interactions.interaction_create, name="interaction_create"),
    path("interactions/people/", interactions.people_search, name="people_search"),
    path("interactions/<int:pk>/edit/", interactions.interaction_edit, name="interaction_edit"),
    path(
        "interactions/<int:pk>/delete/", interactions.interaction_delete, name="interaction_delete"
    ),
    path("tags/", tags.tag_list, name="tags"),
    path("tags/<int:pk>/rename/", tags.tag_rename, name="tag_rename"),
    path("tags/<int:pk>/delete/", tags.tag_delete, name="tag_delete"),
    path("triage/", triage.triage, name="triage"),
    path("triage/restart/", triage.triage_restart, name="triage_restart"),
    path("triage/<int:pk>/", triage.triage_contact, name="triage_contact"),
]
