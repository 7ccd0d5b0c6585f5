"""The give-first log on the contact page."""

import datetime

from django.urls import reverse
from django.utils import timezone

from contacts.models import HelpEntry
from tests.factories import make_contact, make_help
from tests.pages import without_random_values


def test_it_logs_help_given_from_the_contact_page(client_owner, owner):
    today = timezone.localdate()
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
        today,
    )


def test_the_contact_page_shows_both_directions_and_never_a_balance(client_owner, owner):
    contact = make_contact(owner)
    make_help(contact, direction="given", kind="knowledge", note="Preisliste geteilt")
    make_help(contact, direction="received", kind="question", note="Steuerfrage beantwortet")
    make_help(contact, direction="received", kind="referral", note="Auftrag vermittelt")

    html = client_owner.get(contact.get_absolute_url()).content.decode()

    # Without the section's random CSRF token, which could hold "owes".
    log = without_random_values(html).split('id="give-first"')[1].split("</section>")[0]
    assert "Preisliste geteilt" in log and "Steuerfrage beantwortet" in log
    assert log.count('<li class="event">') == 3
    for word in ("balance", "Bilanz", "owes", "schuldet", "1:2", "2:1", "given: 1", "received: 2"):
        assert word not in log


def test_it_refuses_help_in_the_future(client_owner, owner):
    today = timezone.localdate()
    contact = make_contact(owner)
    future = (today + datetime.timedelta(days=9)).isoformat()

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
