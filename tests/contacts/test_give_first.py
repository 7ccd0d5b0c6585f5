"""The give-first log on the contact page, and whom to help this week."""

import datetime

from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, HelpEntry
from tests.factories import (
    make_contact,
    make_goal,
    make_goal_contact,
    make_help,
    make_interaction,
    make_introduction,
)

TODAY = timezone.localdate()


def test_it_logs_help_given_from_the_contact_page(client_owner, owner):
    contact = make_contact(owner)

    response = client_owner.post(
        reverse("contacts:help_create", args=[contact.pk]),
        {"direction": "given", "kind": "referral", "note": "an Studio Nord empfohlen"},
    )

    entry = HelpEntry.objects.get()
    assert response.url == contact.get_absolute_url() + "#give-first"
    assert (entry.owner, entry.contact, entry.direction, entry.date) == (
        owner,
        contact,
        "given",
        TODAY,
    )


def test_the_contact_page_shows_both_directions_and_never_a_balance(client_owner, owner):
    contact = make_contact(owner)
    make_help(contact, direction="given", kind="knowledge", note="Preisliste geteilt")
    make_help(contact, direction="received", kind="question", note="Steuerfrage beantwortet")
    make_help(contact, direction="received", kind="referral", note="Auftrag vermittelt")

    html = client_owner.get(contact.get_absolute_url()).content.decode()

    log = html.split('id="give-first"')[1].split("</section>")[0]
    assert "Preisliste geteilt" in log and "Steuerfrage beantwortet" in log
    assert log.count('<li class="event">') == 3
    for word in ("balance", "Bilanz", "owes", "schuldet", "1:2", "2:1", "given: 1", "received: 2"):
        assert word not in log


def test_it_refuses_help_in_the_future(client_owner, owner):
    contact = make_contact(owner)
    future = (TODAY + datetime.timedelta(days=9)).isoformat()

    response = client_owner.post(
        reverse("contacts:help_create", args=[contact.pk]),
        {"direction": "given", "kind": "other", "date": future},
    )

    assert response.status_code == 422
    assert not HelpEntry.objects.exists()


def test_it_edits_and_deletes_an_entry(client_owner, owner):
    entry = make_help(make_contact(owner), kind="knowledge")

    client_owner.post(
        reverse("contacts:help_edit", args=[entry.pk]),
        {"direction": "received", "kind": "recommendation", "note": "neu"},
    )
    entry.refresh_from_db()
    assert (entry.direction, entry.kind, entry.note) == ("received", "recommendation", "neu")

    client_owner.post(reverse("contacts:help_delete", args=[entry.pk]))
    assert not HelpEntry.objects.exists()


def candidates(owner) -> list[str]:
    return [c.first_name for c in Contact.objects.for_owner(owner).help_candidates(TODAY)]


def test_help_candidates_put_people_with_a_reason_first(owner):
    make_contact(owner, first_name="Einhorn", category="einhorn", warmth=5)
    linked = make_contact(owner, first_name="Ziel", category="pinguin")
    make_goal_contact(make_goal(owner), linked)
    idea_a = make_contact(owner, first_name="Idee", category="flamingo")
    make_introduction(idea_a, make_contact(owner, first_name="Zweite", category="pinguin"))

    assert candidates(owner) == ["Idee", "Ziel", "Zweite", "Einhorn"]


def test_help_candidates_prefer_einhoerner_and_warmth_and_skip_the_recently_helped(owner):
    make_contact(owner, first_name="Pinguin", category="pinguin")
    make_contact(owner, first_name="Kühl", category="einhorn", warmth=1)
    make_contact(owner, first_name="Warm", category="einhorn", warmth=5)
    helped = make_contact(owner, first_name="Geholfen", category="einhorn", warmth=5)
    make_help(helped, days_ago=3)
    long_ago = make_contact(owner, first_name="Lange", category="flamingo")
    make_help(long_ago, days_ago=90)
    make_contact(owner, first_name="Wunsch", category="einhorn", status="wish")

    assert candidates(owner) == ["Warm", "Kühl", "Lange", "Pinguin"]


def test_help_received_lately_does_not_hide_someone(owner):
    contact = make_contact(owner, first_name="Gab", category="einhorn")
    make_help(contact, direction="received", days_ago=1)

    assert candidates(owner) == ["Gab"]


def test_help_candidates_is_one_query(owner, django_assert_num_queries):
    for n in range(5):
        contact = make_contact(owner, category="einhorn")
        make_interaction(contact, days_ago=n)
        make_help(contact, days_ago=40 + n)

    with django_assert_num_queries(1):
        first = Contact.objects.for_owner(owner).help_candidates(TODAY).first()
    assert first is not None
