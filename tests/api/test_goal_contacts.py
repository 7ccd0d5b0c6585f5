"""Contacts are linked to goals over the API as on the goal's page."""

import pytest

from strategy.models import Goal, GoalContact
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(owner) -> Goal:
    return Goal.objects.create(owner=owner, title="Drei neue Kunden", kind="clients")


def test_it_links_a_contact_to_a_goal_with_a_next_step(owner, goal, owner_api, client_owner):
    anna = make_contact(owner, first_name="Anna")

    response = owner_api.post(
        "/api/v1/goal-contacts/",
        {"goal": goal.pk, "contact": anna.pk, "next_step": "Angebot schicken"},
    )

    assert response.status_code == 201
    link = GoalContact.objects.get()
    assert (link.goal, link.contact, link.next_step) == (goal, anna, "Angebot schicken")
    assert response.json() == {
        "id": link.pk,
        "goal": goal.pk,
        "contact": anna.pk,
        "next_step": "Angebot schicken",
        "created_at": response.json()["created_at"],
    }
    assert "Angebot schicken" in client_owner.get(f"/strategy/goals/{goal.pk}/").text


def test_linking_again_keeps_one_link_with_the_new_next_step(owner, goal, owner_api):
    anna = make_contact(owner)
    body = {"goal": goal.pk, "contact": anna.pk, "next_step": "Anrufen"}
    owner_api.post("/api/v1/goal-contacts/", body)

    again = owner_api.post("/api/v1/goal-contacts/", {**body, "next_step": "Treffen"})

    assert again.status_code == 201
    assert GoalContact.objects.get().next_step == "Treffen"


def test_the_next_step_changes_and_the_link_goes(owner, goal, owner_api):
    link = goal.link_contact(make_contact(owner), "Anrufen")

    changed = owner_api.patch(f"/api/v1/goal-contacts/{link.pk}", {"next_step": "Mail"})
    assert changed.status_code == 200
    assert changed.json()["next_step"] == "Mail"
    assert changed.json()["contact"] == link.contact_id

    assert owner_api.delete(f"/api/v1/goal-contacts/{link.pk}").status_code == 204
    assert not GoalContact.objects.exists()


def test_only_the_owners_goals_and_contacts_can_be_linked(owner, outsider, goal, owner_api):
    theirs = make_contact(outsider)
    their_goal = Goal.objects.create(owner=outsider, title="Fremd", kind="clients")
    mine = make_contact(owner)

    other_contact = owner_api.post(
        "/api/v1/goal-contacts/", {"goal": goal.pk, "contact": theirs.pk}
    )
    other_goal = owner_api.post(
        "/api/v1/goal-contacts/", {"goal": their_goal.pk, "contact": mine.pk}
    )

    assert other_contact.status_code == other_goal.status_code == 422
    assert "contact" in other_contact.json()["errors"]
    assert "goal" in other_goal.json()["errors"]
    assert not GoalContact.objects.exists()


def test_a_read_only_token_cannot_link(owner, goal, reader_api):
    link = goal.link_contact(make_contact(owner))

    assert reader_api.get(f"/api/v1/goal-contacts/{link.pk}").status_code == 200
    body = {"goal": goal.pk, "contact": link.contact_id}
    assert reader_api.post("/api/v1/goal-contacts/", body).status_code == 403
    assert reader_api.delete(f"/api/v1/goal-contacts/{link.pk}").status_code == 403
    assert GoalContact.objects.count() == 1
