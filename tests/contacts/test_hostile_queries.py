"""Searches and people pickers with a NUL byte or other control characters still search
(PostgreSQL refuses a NUL in any query); Unicode digits are no ids."""

from django.urls import reverse

from contacts.text import search_terms
from tests.factories import make_contact


def test_control_characters_separate_search_words():
    assert search_terms("Anna\x00Berg") == [("anna",), ("berg",)]


def test_a_nul_byte_in_the_contact_search_finds_by_the_other_words(client_owner, owner):
    make_contact(owner, first_name="Anna", last_name="Berg")
    make_contact(owner, first_name="Clara", last_name="Zeller")
    response = client_owner.get(reverse("contacts:list"), {"q": "Anna\x00"})
    assert response.status_code == 200
    assert "Berg" in response.content.decode()
    assert "Zeller" not in response.content.decode()


def test_a_nul_byte_in_the_people_picker_finds_by_the_other_words(client_owner, owner):
    make_contact(owner, first_name="Anna", last_name="Berg")
    url = reverse("contacts:people_search")
    response = client_owner.get(url, {"people_q": "\x00Berg", "contacts": ["²"]})
    assert response.status_code == 200
    assert "Anna" in response.content.decode()


def test_unicode_digits_as_a_contact_are_nobody(client_owner, owner):
    make_contact(owner, first_name="Anna", last_name="Berg")
    for name in ("contacts:interaction_create", "contacts:introduction_create"):
        response = client_owner.get(reverse(name), {"contact": "²", "a": "٣", "b": "²"})
        assert response.status_code == 200
