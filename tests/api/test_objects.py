"""Reading and writing objects through the API: the forms decide, ETags guard, ids stay
private."""

import pytest
from django.test import Client

from contacts.models import Contact, Interaction, Tag
from contacts.tasks import rebuild_stale_search_texts
from reminders.models import Nudge
from tests.factories import (
    make_contact,
    make_follow_up,
    make_goal,
    make_interaction,
    make_nudge,
    make_tag,
)

pytestmark = pytest.mark.django_db


def test_it_creates_a_contact_with_tags_emails_and_links(owner, owner_api):
    response = owner_api.post(
        "/api/v1/contacts/",
        {
            "first_name": "Anna",
            "last_name": "Berg",
            "category": "einhorn",
            "emails": ["anna@example.com"],
            "tag_names": ["Design", "Buchclub"],
            "link_linkedin": "https://www.linkedin.com/in/anna",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["category"] == "einhorn"
    assert body["tags"] == ["Buchclub", "Design"] or sorted(body["tags"]) == ["Buchclub", "Design"]
    assert body["links"] == {"linkedin": "https://www.linkedin.com/in/anna"}
    assert response["ETag"]
    contact = Contact.objects.for_owner(owner).get(pk=body["id"])
    assert contact.emails == ["anna@example.com"]
    # The search finds the new contact by its tag at once.
    assert owner_api.get("/api/v1/contacts/?q=buchclub").json()["items"][0]["id"] == contact.pk


def test_it_answers_invalid_input_with_the_forms_errors(owner_api):
    response = owner_api.post(
        "/api/v1/contacts/", {"emails": ["not-an-email"]}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["first_name"][0]["message"] == "Please enter a first or last name."
    assert "not a valid email address" in errors["emails"][0]["message"]
    assert not Contact.objects.exists()


def test_the_errors_come_in_the_requests_language(owner_api):
    response = owner_api.post("/api/v1/contacts/", {}, HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 422
    assert response.json()["errors"]["first_name"][0]["message"] == (
        "Bitte gib einen Vor- oder Nachnamen ein."
    )


def test_patch_changes_only_the_fields_sent(owner, owner_api):
    contact = make_contact(owner, first_name="Anna", company="Rheinwerk", tags=["Design"])

    response = owner_api.patch(f"/api/v1/contacts/{contact.pk}", {"city": "Köln"})

    assert response.status_code == 200
    assert response.json()["company"] == "Rheinwerk"
    assert response.json()["tags"] == ["Design"]
    contact.refresh_from_db()
    assert contact.city == "Köln"


def test_put_replaces_the_object(owner, owner_api):
    contact = make_contact(owner, first_name="Anna", company="Rheinwerk")

    response = owner_api.put(f"/api/v1/contacts/{contact.pk}", {"first_name": "Anna"})

    assert response.status_code == 200
    assert response.json()["company"] == ""


def test_a_stale_if_match_is_refused_with_412(owner, owner_api):
    contact = make_contact(owner, first_name="Anna")
    etag = owner_api.get(f"/api/v1/contacts/{contact.pk}")["ETag"]
    assert (
        owner_api.patch(
            f"/api/v1/contacts/{contact.pk}", {"city": "Bonn"}, HTTP_IF_MATCH=etag
        ).status_code
        == 200
    )

    stale = owner_api.patch(f"/api/v1/contacts/{contact.pk}", {"city": "Köln"}, HTTP_IF_MATCH=etag)
    gone = owner_api.delete(f"/api/v1/contacts/{contact.pk}", HTTP_IF_MATCH=etag)

    assert stale.status_code == 412
    assert gone.status_code == 412
    contact.refresh_from_db()
    assert contact.city == "Bonn"


def test_the_etag_changes_with_the_object_and_matches_the_new_one(owner, owner_api):
    contact = make_contact(owner, first_name="Anna")
    first = owner_api.get(f"/api/v1/contacts/{contact.pk}")["ETag"]
    changed = owner_api.patch(f"/api/v1/contacts/{contact.pk}", {"city": "Bonn"})

    assert changed["ETag"] != first
    assert owner_api.get(f"/api/v1/contacts/{contact.pk}")["ETag"] == changed["ETag"]
    deleted = owner_api.delete(f"/api/v1/contacts/{contact.pk}", HTTP_IF_MATCH=changed["ETag"])
    assert deleted.status_code == 204
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_it_logs_an_interaction_and_the_contact_shows_it(owner, owner_api):
    contact = make_contact(owner, first_name="Anna")

    response = owner_api.post(
        "/api/v1/interactions/",
        {"kind": "coffee", "date": "2026-11-30", "notes": "Kaffee", "contacts": [contact.pk]},
    )

    assert response.status_code == 201
    contact.refresh_from_db()
    assert str(contact.last_contacted_on) == "2026-11-30"


def test_an_interaction_with_someone_elses_contact_is_refused(outsider, owner_api):
    stranger = make_contact(outsider, first_name="Fremd")

    response = owner_api.post(
        "/api/v1/interactions/", {"kind": "coffee", "contacts": [stranger.pk]}
    )

    assert response.status_code == 422
    assert "contacts" in response.json()["errors"]
    assert not Interaction.objects.exists()


def test_a_follow_up_needs_one_of_the_owners_contacts(owner, outsider, owner_api):
    stranger = make_contact(outsider)
    mine = make_contact(owner)

    refused = owner_api.post("/api/v1/follow-ups/", {"contact": stranger.pk, "note": "Angebot"})
    made = owner_api.post(
        "/api/v1/follow-ups/", {"contact": mine.pk, "note": "Angebot", "due_on": "2026-12-24"}
    )

    assert refused.status_code == 422
    assert made.status_code == 201
    assert made.json()["contact"] == mine.pk


def test_a_channel_belongs_to_one_of_the_owners_goals(owner, owner_api):
    goal = make_goal(owner)

    response = owner_api.post(
        "/api/v1/channels/", {"goal": goal.pk, "platform": "linkedin", "weekly_minutes": 30}
    )
    twice = owner_api.post(
        "/api/v1/channels/", {"goal": goal.pk, "platform": "linkedin", "weekly_minutes": 30}
    )

    assert response.status_code == 201
    assert twice.status_code == 422
    assert "platform" in twice.json()["errors"]


def test_nudges_are_read_and_marked_read(owner, owner_api):
    nudge = make_nudge(owner, "followup")

    listed = owner_api.get("/api/v1/nudges/").json()["items"]
    marked = owner_api.post(f"/api/v1/nudges/{nudge.pk}/read")

    assert [n["id"] for n in listed] == [nudge.pk]
    assert marked.status_code == 200
    assert marked.json()["read_at"]
    assert Nudge.objects.get(pk=nudge.pk).read_at is not None


@pytest.mark.parametrize(
    "path",
    [
        "contacts",
        "interactions",
        "tags",
        "follow-ups",
        "important-dates",
        "lunches",
        "nudges",
        "goals",
        "channels",
        "groups",
        "events",
        "introductions",
        "give-first",
    ],
)
def test_every_list_shows_only_the_callers_objects(path, owner, outsider, outsider_api):
    from tests.test_isolation import build_owned_objects

    build_owned_objects(owner)

    response = outsider_api.get(f"/api/v1/{path}/")

    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_read_only_token_cannot_write(owner, reader_api):
    contact = make_contact(owner, first_name="Anna")

    assert reader_api.get(f"/api/v1/contacts/{contact.pk}").status_code == 200
    assert reader_api.post("/api/v1/contacts/", {"first_name": "Neu"}).status_code == 403
    assert reader_api.patch(f"/api/v1/contacts/{contact.pk}", {"city": "X"}).status_code == 403
    assert reader_api.delete(f"/api/v1/contacts/{contact.pk}").status_code == 403
    assert Contact.objects.count() == 1


def test_the_session_works_and_needs_the_csrf_token_to_write(owner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    make_tag(owner, "Design")

    listed = browser.get("/api/v1/tags/")
    refused = browser.post("/api/v1/tags/", {"name": "Neu"}, content_type="application/json")
    browser.get("/preferences/")
    token = browser.cookies["csrftoken"].value
    made = browser.post(
        "/api/v1/tags/",
        {"name": "Neu"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert listed.status_code == 200
    assert [t["name"] for t in listed.json()["items"]] == ["Design"]
    assert refused.status_code == 403
    assert made.status_code == 201


def test_without_credentials_it_is_401():
    assert Client().get("/api/v1/contacts/").status_code == 401


def test_interactions_page_with_a_signed_cursor(owner, owner_api):
    contact = make_contact(owner)
    made = [make_interaction(contact, days_ago=n) for n in range(5)]

    first = owner_api.get("/api/v1/interactions/?limit=2").json()
    second = owner_api.get(f"/api/v1/interactions/?limit=2&cursor={first['next_cursor']}").json()
    forged = owner_api.get("/api/v1/interactions/?cursor=eyJpZCI6MX0")

    ids = [i["id"] for i in first["items"] + second["items"]]
    assert ids == sorted((i.pk for i in made), reverse=True)[:4]
    assert forged.status_code == 422


def test_an_interaction_without_a_date_is_logged_today(owner, owner_api):
    from django.utils import timezone

    contact = make_contact(owner)

    response = owner_api.post("/api/v1/interactions/", {"kind": "call", "contacts": [contact.pk]})

    assert response.status_code == 201
    assert response.json()["date"] == timezone.localdate().isoformat()


@pytest.mark.parametrize("path", ["/api/v1/interactions/-7863", "/api/v1/contacts/abc", "/api/v9/"])
def test_a_path_no_operation_matches_is_a_json_404(owner_api, path):
    response = owner_api.put(path, {})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_a_page_that_does_not_exist_is_still_the_html_404(client):
    response = client.get("/contacts/-5/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_form_post_with_the_session_is_refused_not_a_server_error(owner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    browser.get("/preferences/")
    token = browser.cookies["csrftoken"].value

    # The CSRF check reads a form post's fields, and with them its whole body.
    response = browser.post(
        "/api/v1/tags/", {"name": "Design", "csrfmiddlewaretoken": token}, HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 415
    assert not Tag.objects.exists()


def test_an_address_the_api_does_not_have_is_a_json_404(owner_api):
    response = owner_api.put("/api/v1/interactions/-1", {})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_follow_up_the_app_planned_reads_in_the_clients_language(owner, owner_api):
    anna = make_contact(owner, first_name="Anna")
    make_follow_up(anna, topic="introduction", topic_name="Ben Berg")

    english = owner_api.get("/api/v1/follow-ups/", HTTP_ACCEPT_LANGUAGE="en").json()
    german = owner_api.get("/api/v1/follow-ups/", HTTP_ACCEPT_LANGUAGE="de").json()

    assert english["items"][0]["note"] == ""
    assert english["items"][0]["text"] == "Ask how the introduction to Ben Berg went"
    assert german["items"][0]["text"] == "Fragen, wie die Vorstellung mit Ben Berg gelaufen ist"


def test_a_contact_says_how_drafts_address_it(owner, owner_api):
    anna = make_contact(owner, first_name="Anna", address_form="sie", message_language="en")

    body = owner_api.get(f"/api/v1/contacts/{anna.pk}").json()

    assert (body["address_form"], body["message_language"]) == ("sie", "en")


def test_a_rename_or_delete_through_the_api_enqueues_the_background_too(
    owner, owner_api, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []
    monkeypatch.setattr(rebuild_stale_search_texts, "delay", lambda *args: enqueued.append(args))
    tagged = [make_contact(owner, tags=["Buchclub"]) for _ in range(2)]
    tag = Tag.objects.get(name="Buchclub")
    api = owner_api

    with django_capture_on_commit_callbacks(execute=True):
        renamed = api.patch(f"/api/v1/tags/{tag.pk}", {"name": "Lesekreis"})
    assert renamed.status_code == 200, renamed.content
    assert enqueued == [(owner.pk,)]
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"/api/v1/tags/{tag.pk}").status_code == 204
    assert enqueued == [(owner.pk,), (owner.pk,)]

    # The task marks the carriers changed: their cards and search follow.
    before = {c.pk: c.updated_at for c in tagged}
    rebuild_stale_search_texts(owner.pk)
    after = dict(Contact.objects.filter(pk__in=before).values_list("pk", "updated_at"))
    assert all(after[pk] > before[pk] for pk in before)
