"""Wish contacts: the four questions, the message draft, and wish → sent → connected."""

from django.urls import reverse
from django.utils import timezone, translation

from contacts.models import RequestPrep
from tests.factories import make_contact, make_request_prep

TODAY = timezone.localdate()


def prep_url(contact) -> str:
    return reverse("contacts:request_prep", args=[contact.pk])


def stage_url(contact) -> str:
    return reverse("contacts:request_stage", args=[contact.pk])


def test_the_draft_is_built_from_the_four_answers(owner):
    contact = make_contact(owner, first_name="Jana", status="wish")
    prep = make_request_prep(
        contact,
        does_today="lead the UX team at Stadtwerke Köln.",
        shared="a love for accessible forms",
        fascinates="the move from print to product design",
        hope_for="to hear how you run research with small budgets",
    )

    with translation.override("en"):
        draft = prep.draft_message("Olga")

    assert draft.startswith("Hello Jana,\n")
    assert "I saw that you lead the UX team at Stadtwerke Köln." in draft
    assert "We share a love for accessible forms." in draft
    assert "What fascinates me about your path: the move from print" in draft
    assert "I would be glad to hear how you run research" in draft
    assert draft.endswith("Olga")


def test_a_draft_without_answers_still_greets(owner):
    prep = RequestPrep(contact=make_contact(owner, first_name="Jana"))

    with translation.override("en"):
        assert "Hello Jana" in prep.draft_message("Olga")
    with translation.override("de"):
        assert "Hallo Jana" in prep.draft_message("Olga")


def test_it_saves_the_answers_and_shows_the_draft_with_a_copy_button(client_owner, owner):
    contact = make_contact(owner, first_name="Jana", status="wish")

    response = client_owner.post(
        prep_url(contact), {"does_today": "teach typography", "shared": "Köln"}
    )
    assert response.url == prep_url(contact) + "#draft"
    html = client_owner.get(prep_url(contact)).content.decode()

    assert RequestPrep.objects.get(contact=contact).owner == owner
    # The owner's language is German: "Ich habe gesehen, dass du teach typography."
    assert "dass du teach typography." in html
    assert 'data-copy-target="request-draft"' in html
    assert "LinkedIn" in html


def test_the_contact_page_of_a_wish_contact_offers_the_request_prep(client_owner, owner):
    wish = make_contact(owner, status="wish")
    active = make_contact(owner)

    assert prep_url(wish) in client_owner.get(wish.get_absolute_url()).content.decode()
    assert prep_url(active) not in client_owner.get(active.get_absolute_url()).content.decode()


def test_the_status_goes_from_wish_to_sent_to_connected_with_dates(client_owner, owner):
    contact = make_contact(owner, status="wish")

    client_owner.post(stage_url(contact), {"stage": "sent"})
    prep = RequestPrep.objects.get(contact=contact)
    assert (prep.stage, prep.requested_on) == ("sent", TODAY)
    contact.refresh_from_db()
    assert contact.status == "wish"

    response = client_owner.post(stage_url(contact), {"stage": "connected"})
    prep.refresh_from_db()
    contact.refresh_from_db()
    assert response.url == contact.get_absolute_url()
    assert (prep.stage, prep.connected_on) == ("connected", TODAY)
    assert contact.status == "active"


def test_connecting_directly_also_dates_the_request(client_owner, owner):
    contact = make_contact(owner, status="wish")

    client_owner.post(stage_url(contact), {"stage": "connected"})

    prep = RequestPrep.objects.get(contact=contact)
    assert prep.requested_on == prep.connected_on == TODAY


def test_an_unknown_stage_changes_nothing(client_owner, owner):
    contact = make_contact(owner, status="wish")

    client_owner.post(stage_url(contact), {"stage": "archived"})

    assert not RequestPrep.objects.exists()


def test_another_users_wish_contact_stays_hidden(client_outsider, owner):
    contact = make_contact(owner, status="wish")

    assert client_outsider.get(prep_url(contact)).status_code == 404
    assert client_outsider.post(stage_url(contact), {"stage": "sent"}).status_code == 404
    assert not RequestPrep.objects.exists()
