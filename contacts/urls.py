from django.urls import path

from .views import (
    bulk,
    desk,
    detail,
    export,
    help,
    interactions,
    introductions,
    lists,
    people,
    request_prep,
    tags,
    triage,
)

app_name = "contacts"

urlpatterns = [
    path("", lists.contact_list, name="list"),
    path("desk/", desk.desk, name="desk"),
    path("desk/actions/", bulk.bulk_action, name="bulk"),
    path("desk/search-progress/", desk.search_progress, name="search_progress"),
    path("export/contacts.vcf", export.export_vcard, name="export_vcard"),
    path("export/contacts.csv", export.export_csv, name="export_csv"),
    path("<int:pk>/vcard/", export.contact_vcard, name="vcard"),
    path("new/", detail.contact_create, name="create"),
    path("<int:pk>/", detail.contact_detail, name="detail"),
    path("<int:pk>/edit/", detail.contact_edit, name="edit"),
    path("<int:pk>/delete/", detail.contact_delete, name="delete"),
    path("<int:pk>/category/", detail.set_category, name="category"),
    path("<int:pk>/log/", interactions.log_interaction, name="log"),
    path("interactions/new/", interactions.interaction_create, name="interaction_create"),
    path("interactions/people/", people.people_search, name="people_search"),
    path("interactions/<int:pk>/edit/", interactions.interaction_edit, name="interaction_edit"),
    path(
        "interactions/<int:pk>/delete/", interactions.interaction_delete, name="interaction_delete"
    ),
    path("tags/", tags.tag_list, name="tags"),
    path("tags/options/", lists.tag_options, name="tag_options"),
    path("tags/<int:pk>/rename/", tags.tag_rename, name="tag_rename"),
    path("tags/<int:pk>/delete/", tags.tag_delete, name="tag_delete"),
    path("<int:pk>/request/", request_prep.request_prep, name="request_prep"),
    path("<int:pk>/request/stage/", request_prep.request_stage, name="request_stage"),
    path("<int:pk>/help/", help.help_create, name="help_create"),
    path("help/<int:pk>/edit/", help.help_edit, name="help_edit"),
    path("help/<int:pk>/delete/", help.help_delete, name="help_delete"),
    path("introductions/", introductions.introduction_list, name="introductions"),
    path("introductions/new/", introductions.introduction_create, name="introduction_create"),
    path(
        "introductions/<int:pk>/",
        introductions.introduction_detail,
        name="introduction_detail",
    ),
    path("introductions/<int:pk>/edit/", introductions.introduction_edit, name="introduction_edit"),
    path(
        "introductions/<int:pk>/progress/",
        introductions.introduction_progress,
        name="introduction_progress",
    ),
    path(
        "introductions/<int:pk>/delete/",
        introductions.introduction_delete,
        name="introduction_delete",
    ),
    path("triage/", triage.triage, name="triage"),
    path("triage/restart/", triage.triage_restart, name="triage_restart"),
    path("triage/undo/", triage.triage_undo, name="triage_undo"),
    path("triage/<int:pk>/", triage.triage_contact, name="triage_contact"),
]
