"""Groups with engagement and people; events where meeting people logs interactions."""

import datetime

from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Interaction
from strategy.models import Event, Group
from tests.factories import make_contact, make_event, make_goal, make_group


def test_it_creates_a_group_linked_to_the_owners_goals(client_owner, owner):
    goal = make_goal(owner)
    response = client_owner.post(
        reverse("strategy:group_create"),
        {
            "name": "IHK Köln, Arbeitskreis Digitales",
            "kind": "chamber",
            "engagement": "speaking",
            "outside_bubble": "on",
            "goals": [goal.pk],
        },
    )

    group = Group.objects.get(owner=owner)
    assert response.url == group.get_absolute_url()
    assert group.engagement == "speaking" and group.outside_bubble
    assert list(group.goals.all()) == [goal]
    assert list(goal.groups.all()) == [group]


def test_it_cannot_link_a_group_to_another_users_goal(client_owner, outsider):
    foreign = make_goal(outsider)
    response = client_owner.post(
        reverse("strategy:group_create"),
        {
            "name": "Stammtisch",
            "kind": "stammtisch",
            "engagement": "attending",
            "goals": [foreign.pk],
        },
    )

    assert response.status_code == 422
    assert not Group.objects.exists()


def test_it_adds_and_removes_people_of_a_group(client_owner, owner):
    group, contact = make_group(owner), make_contact(owner, first_name="Kai")
    url = reverse("strategy:group_people", args=[group.pk])

    client_owner.post(url, {"contact": contact.pk})
    assert list(group.contacts.all()) == [contact]

    client_owner.post(url, {"contact": contact.pk, "remove": "1"})
    assert not group.contacts.exists()


def test_the_group_list_counts_people(client_owner, owner):
    make_group(owner, name="Buchclub", contacts=[make_contact(owner), make_contact(owner)])

    html = client_owner.get(reverse("strategy:groups")).content.decode()

    # The count in words: a bare "2 " is on every page ("<h2 ").
    assert "Buchclub" in html and "2 Personen" in html


def test_it_creates_an_event_in_a_group(client_owner, owner):
    today = timezone.localdate()
    group = make_group(owner, outside_bubble=True)
    response = client_owner.post(
        reverse("strategy:event_create"),
        {"title": "Handwerk trifft Digital", "date": today.isoformat(), "group": group.pk},
    )

    event = Event.objects.get(owner=owner)
    assert response.url == event.get_absolute_url()
    assert event.group == group


def test_recording_who_i_met_logs_one_event_interaction_and_creates_pinguine(owner):
    event = make_event(owner, days_ago=3, title="UX-Stammtisch", place="Ehrenfeld")
    known = make_contact(owner, first_name="Lea", category="einhorn")

    created = event.record_met([known], ["Jana Beispiel", "Ole"])

    assert [(c.first_name, c.last_name, c.category) for c in created] == [
        ("Jana", "Beispiel", "pinguin"),
        ("Ole", "", "pinguin"),
    ]
    assert "UX-Stammtisch, Ehrenfeld" in created[0].how_we_met
    interaction = Interaction.objects.get(owner=owner)
    assert interaction.kind == "event" and interaction.date == event.date
    assert set(interaction.contacts.all()) == {known, *created}
    known.refresh_from_db()
    assert known.last_contacted_on == event.date


def test_recording_again_adds_people_to_the_same_interaction(owner):
    event = make_event(owner)
    first, second = make_contact(owner), make_contact(owner)
    event.record_met([first])
    event.record_met([second, first])

    assert Interaction.objects.count() == 1
    assert {c.pk for c in event.people_met()} == {first.pk, second.pk}


def test_a_new_name_already_met_at_the_event_is_not_created_twice(owner):
    event = make_event(owner)
    elsewhere = make_contact(owner, first_name="Jana", last_name="Beispiel")
    [jana] = event.record_met([], ["Jana Beispiel"])

    again = event.record_met([], ["jana  beispiel", "Ole"])

    assert [c.first_name for c in again] == ["Ole"]
    assert Contact.objects.filter(first_name="Jana").count() == 2
    assert set(event.people_met()) == {jana, again[0]}
    assert elsewhere not in event.people_met()


def test_the_met_form_logs_ticked_contacts_and_new_names(client_owner, owner):
    event = make_event(owner)
    known = make_contact(owner)

    response = client_owner.post(
        reverse("strategy:event_met", args=[event.pk]),
        {"contacts": [known.pk], "new_names": "Jana Beispiel\n\n  Jana Beispiel \nTom Test"},
    )

    assert response.status_code == 302
    assert Contact.objects.filter(owner=owner).count() == 3
    event.refresh_from_db()
    assert len(event.people_met()) == 3


def test_the_met_form_needs_somebody(client_owner, owner):
    event = make_event(owner)

    response = client_owner.post(reverse("strategy:event_met", args=[event.pk]), {})

    assert response.status_code == 422
    assert not Interaction.objects.exists()


def test_the_met_form_refuses_another_users_contact(client_owner, owner, outsider):
    event, foreign = make_event(owner), make_contact(outsider)

    response = client_owner.post(
        reverse("strategy:event_met", args=[event.pk]), {"contacts": [foreign.pk]}
    )

    assert response.status_code == 422
    assert not Interaction.objects.exists()


def test_moving_an_event_moves_its_interaction(client_owner, owner):
    today = timezone.localdate()
    event = make_event(owner, days_ago=1)
    contact = make_contact(owner)
    event.record_met([contact])
    new_date = today - datetime.timedelta(days=10)

    client_owner.post(
        reverse("strategy:event_edit", args=[event.pk]),
        {"title": "Neuer Titel", "date": new_date.isoformat()},
    )

    interaction = Interaction.objects.get()
    assert interaction.date == new_date and interaction.notes == "Neuer Titel"
    contact.refresh_from_db()
    assert contact.last_contacted_on == new_date


def test_the_event_list_separates_coming_and_attended(client_owner, owner):
    make_event(owner, days_ago=-7, title="Zukunft")
    make_event(owner, days_ago=7, title="Vergangen")

    html = client_owner.get(reverse("strategy:events")).content.decode()

    assert html.index("Zukunft") < html.index("Vergangen")
