"""Wish contacts: the four questions, the message draft, and wish → sent → connected."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from contacts.models import RequestPrep
from contacts.models.voice import Voice, voice_for
from tests.factories import make_contact, make_request_prep


def prep_url(contact) -> str:
    return reverse("contacts:request_prep", args=[contact.pk])


def stage_url(contact) -> str:
    return reverse("contacts:request_stage", args=[contact.pk])


def draft_url(contact) -> str:
    return reverse("contacts:request_draft", args=[contact.pk])


def english(formal: bool = False) -> Voice:
    return Voice(language="en", formal=formal)


def test_the_draft_is_built_from_the_four_answers(owner):
    contact = make_contact(owner, first_name="Jana", status="wish")
    prep = make_request_prep(
        contact,
        does_today="head of the UX team at Stadtwerke Köln.",
        shared="a love for accessible forms",
        fascinates="the move from print to product design",
        hope_for="to hear how you run research with small budgets",
    )

    draft = prep.draft_message("Olga", english())

    assert draft.startswith("Hello Jana,\n")
    assert "I saw that you are head of the UX team at Stadtwerke Köln." in draft
    assert "We share a love for accessible forms." in draft
    assert "What fascinates me about your path: the move from print" in draft
    assert "I would be glad to hear how you run research" in draft
    assert draft.endswith("Olga")


@pytest.mark.parametrize(
    ("formal", "expected"),
    [
        (
            True,
            [
                "Guten Tag Jana Jahn,",
                "Ich habe gesehen, dass Sie Leiterin der Redaktion beim Tagesspiegel sind.",
                "Was mich an Ihrem Weg fasziniert: der Wechsel vom Radio zur Zeitung.",
                "Ich würde mich freuen, uns über Datenjournalismus auszutauschen.",
            ],
        ),
        (
            False,
            [
                "Hallo Jana,",
                "Ich habe gesehen, dass du Leiterin der Redaktion beim Tagesspiegel bist.",
                "Was mich an deinem Weg fasziniert: der Wechsel vom Radio zur Zeitung.",
                "Uns verbindet die Liebe zu langen Reportagen.",
            ],
        ),
    ],
)
def test_natural_answers_make_natural_german_with_du_or_sie(owner, formal, expected):
    contact = make_contact(owner, first_name="Jana", last_name="Jahn", status="wish")
    prep = make_request_prep(
        contact,
        does_today="Leiterin der Redaktion beim Tagesspiegel",
        shared="die Liebe zu langen Reportagen",
        fascinates="der Wechsel vom Radio zur Zeitung",
        hope_for="uns über Datenjournalismus auszutauschen",
    )

    with translation.override("en"):
        draft = prep.draft_message("Olga", Voice(language="de", formal=formal))

    for sentence in expected:
        assert sentence in draft


def test_a_draft_without_answers_still_greets(owner):
    prep = RequestPrep(contact=make_contact(owner, first_name="Jana", last_name="Jahn"))

    assert "Hello Jana," in prep.draft_message("Olga", english())
    assert "Dear Jana Jahn," in prep.draft_message("Olga", english(formal=True))
    with translation.override("en"):
        german = prep.draft_message("Olga", Voice(language="de", formal=True))
    assert "Guten Tag Jana Jahn," in german
    assert "mit Ihnen zu vernetzen" in german


def test_it_saves_the_answers_and_shows_the_draft_with_a_copy_button(client_owner, owner):
    contact = make_contact(owner, first_name="Jana", status="wish")

    response = client_owner.post(
        prep_url(contact), {"does_today": "Typografin an der Kölner Werkschule", "shared": "Köln"}
    )
    assert response.url == prep_url(contact) + "#draft"
    html = client_owner.get(prep_url(contact)).content.decode()

    assert RequestPrep.objects.get(contact=contact).owner == owner
    # German, and "Sie": nothing has been logged with Jana yet.
    assert "dass Sie Typografin an der Kölner Werkschule sind." in html
    assert 'data-copy-target="request-draft"' in html
    assert "LinkedIn" in html


def test_the_form_shows_which_sentence_each_answer_completes_in_the_drafts_voice(
    client_owner, owner
):
    contact = make_contact(owner, status="wish", message_language="en", address_form="du")

    html = client_owner.get(prep_url(contact)).content.decode()

    # The page is German (the owner's language); the sentence and example are the draft's.
    assert "Ergänzt: „I saw that you are …“" in html
    assert "Ergänzt: „We share …“" in html
    assert 'placeholder="head of the newsroom at a daily paper"' in html


def test_address_form_and_language_are_kept_per_contact(client_owner, owner):
    contact = make_contact(owner, first_name="Jana", status="wish")

    client_owner.post(
        prep_url(contact),
        {"does_today": "head of design", "address_form": "du", "message_language": "en"},
    )

    contact.refresh_from_db()
    assert (contact.address_form, contact.message_language) == ("du", "en")
    html = client_owner.get(prep_url(contact)).content.decode()
    assert "I saw that you are head of design." in html
    assert "Hello Jana," in html


def test_the_usual_address_is_sie_before_any_interaction_and_du_after(owner):
    today = timezone.localdate()
    contact = make_contact(owner, first_name="Jana")

    assert voice_for(contact, "de") == Voice(language="de", formal=True)
    contact.log_interaction("coffee", today)
    contact.refresh_from_db()
    assert voice_for(contact, "de") == Voice(language="de", formal=False)
    contact.address_form = "sie"
    assert voice_for(contact, "en") == Voice(language="en", formal=True)


def test_an_edited_draft_is_kept_when_the_answers_change(client_owner, owner):
    contact = make_contact(owner, first_name="Jana", status="wish")
    client_owner.post(prep_url(contact), {"does_today": "Designerin"})
    edited = "Guten Tag Frau Jahn,\nwir haben uns auf der Typo Berlin gesehen.\nOlga"

    response = client_owner.post(draft_url(contact), {"draft": edited.replace("\n", "\r\n")})
    assert response.status_code == 302
    client_owner.post(prep_url(contact), {"does_today": "Art Direktorin"})

    prep = RequestPrep.objects.get(contact=contact)
    assert prep.draft == edited.replace("\n", "\r\n")
    html = client_owner.get(prep_url(contact)).content.decode()
    assert "wir haben uns auf der Typo Berlin gesehen." in html
    assert "Art Direktorin" not in html.split('id="draft"')[1]
    assert reverse("contacts:request_draft_rebuild", args=[contact.pk]) in html


def test_a_draft_sent_back_unchanged_keeps_following_the_answers(client_owner, owner):
    contact = make_contact(owner, first_name="Jana", status="wish")
    client_owner.post(prep_url(contact), {"does_today": "Designerin"})
    html = client_owner.get(prep_url(contact)).content.decode()
    built = RequestPrep.objects.get(contact=contact).draft_message("Olga", voice_for(contact, "de"))
    assert built in html.replace("&#x27;", "'")

    client_owner.post(draft_url(contact), {"draft": built.replace("\n", "\r\n") + "\r\n"})
    client_owner.post(prep_url(contact), {"does_today": "Art Direktorin"})

    assert RequestPrep.objects.get(contact=contact).draft == ""
    assert "dass Sie Art Direktorin sind." in client_owner.get(prep_url(contact)).text


def test_rebuilding_an_edited_draft_asks_first(client_owner, owner):
    contact = make_contact(owner, first_name="Jana", status="wish")
    make_request_prep(contact, does_today="Designerin", draft="Mein eigener Text")
    rebuild = reverse("contacts:request_draft_rebuild", args=[contact.pk])

    question = client_owner.get(rebuild)
    assert "Mein eigener Text" in question.text
    assert RequestPrep.objects.get(contact=contact).draft == "Mein eigener Text"

    client_owner.post(rebuild)
    assert RequestPrep.objects.get(contact=contact).draft == ""
    assert "dass Sie Designerin sind." in client_owner.get(prep_url(contact)).text


def test_a_too_long_draft_is_a_form_error_and_nothing_is_stored(client_owner, owner):
    contact = make_contact(owner, status="wish")

    response = client_owner.post(draft_url(contact), {"draft": "x" * 6000})

    assert response.status_code == 422
    assert not RequestPrep.objects.exists()


def test_the_contact_page_of_a_wish_contact_offers_the_request_prep(client_owner, owner):
    wish = make_contact(owner, status="wish")
    active = make_contact(owner)

    assert prep_url(wish) in client_owner.get(wish.get_absolute_url()).content.decode()
    assert prep_url(active) not in client_owner.get(active.get_absolute_url()).content.decode()


def test_the_status_goes_from_wish_to_sent_to_connected_with_dates(client_owner, owner):
    today = timezone.localdate()
    contact = make_contact(owner, status="wish")

    client_owner.post(stage_url(contact), {"stage": "sent"})
    prep = RequestPrep.objects.get(contact=contact)
    assert (prep.stage, prep.requested_on) == ("sent", today)
    contact.refresh_from_db()
    assert contact.status == "wish"

    response = client_owner.post(stage_url(contact), {"stage": "connected"})
    prep.refresh_from_db()
    contact.refresh_from_db()
    assert response.url == contact.get_absolute_url()
    assert (prep.stage, prep.connected_on) == ("connected", today)
    assert contact.status == "active"


def test_connecting_directly_also_dates_the_request(client_owner, owner):
    today = timezone.localdate()
    contact = make_contact(owner, status="wish")

    client_owner.post(stage_url(contact), {"stage": "connected"})

    prep = RequestPrep.objects.get(contact=contact)
    assert prep.requested_on == prep.connected_on == today


def test_an_unknown_stage_changes_nothing(client_owner, owner):
    contact = make_contact(owner, status="wish")

    client_owner.post(stage_url(contact), {"stage": "archived"})

    assert not RequestPrep.objects.exists()


def test_another_users_wish_contact_stays_hidden(client_outsider, owner):
    contact = make_contact(owner, status="wish")

    assert client_outsider.get(prep_url(contact)).status_code == 404
    assert client_outsider.post(stage_url(contact), {"stage": "sent"}).status_code == 404
    assert not RequestPrep.objects.exists()


def test_another_users_contact_has_no_message_pages(client_outsider, owner):
    contact = make_contact(owner, status="wish")
    rebuild = reverse("contacts:request_draft_rebuild", args=[contact.pk])
    voice = reverse("contacts:contact_voice", args=[contact.pk])

    for url in (draft_url(contact), rebuild, voice):
        assert client_outsider.get(url).status_code == 404
        assert client_outsider.post(url, {"draft": "x", "address_form": "du"}).status_code == 404
    contact.refresh_from_db()
    assert contact.address_form == ""
    assert not RequestPrep.objects.exists()
