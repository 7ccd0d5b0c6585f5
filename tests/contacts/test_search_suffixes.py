"""The word-suffix index only narrows the search on Postgres: what it finds is exactly what
the text's LIKE finds, for word parts at any place in a word, odd characters, very long words
and texts too big for one index entry. On SQLite the same tests check the LIKE alone."""

import random
import string

import pytest
from django.db import connection
from django.urls import reverse

from contacts.models import Contact
from contacts.models.search import OVERFLOW, OWNER_WORD
from contacts.text import search_terms
from tests.factories import make_contact, make_interaction, make_user

pytestmark = pytest.mark.django_db


def found(owner, query: str) -> set[int]:
    return set(Contact.objects.for_owner(owner).search(query).values_list("pk", flat=True))


def test_a_part_inside_or_at_the_end_of_a_word_is_found(client):
    owner = make_user()
    zimmermann = make_contact(owner, first_name="Jana", last_name="Zimmermann")
    make_contact(owner, first_name="Jonas", last_name="Weber")

    for part in ("zimmer", "merman", "mann", "ann", "erm"):
        assert found(owner, part) == {zimmermann.pk}, part
    assert found(owner, "zi mann") == {zimmermann.pk}
    assert found(owner, "nn") == {zimmermann.pk}


def test_quotes_backslashes_and_index_syntax_are_searched_as_letters(client):
    owner = make_user()
    obrien = make_contact(owner, last_name="O'Brien", company="Ablage C:\\Kunden")
    make_contact(owner, last_name="Brien")
    client.force_login(owner)

    for query in ("o'brien", "'bri", "c:\\kun", "\\kunden"):
        assert found(owner, query) == {obrien.pk}, query
    for query in ("o'brien:*", "brien & !x", "'':*", "a|b", "(brien"):
        response = client.get(reverse("contacts:list"), {"q": query})
        assert response.status_code == 200, query
    assert found(owner, "brien & !x") == set()


def test_a_word_longer_than_the_index_keeps_is_found_by_any_part(client):
    owner = make_user()
    long_word = "".join(random.Random(7).choices(string.ascii_lowercase, k=150))
    holder = make_contact(owner, last_name="Lang")
    make_interaction(holder, notes=f"Code {long_word} notiert")
    make_contact(owner, last_name="Kurz")

    for part in (long_word, long_word[20:110], long_word[-3:], long_word[70:75]):
        assert found(owner, part) == {holder.pk}, part
    assert found(owner, long_word + "x") == set()


def test_a_text_too_big_for_one_index_entry_is_saved_and_found(client):
    owner = make_user()
    rng = random.Random(11)
    holder = make_contact(owner, last_name="Vielschreiber")
    words = ["".join(rng.choices(string.ascii_lowercase, k=60)) for _ in range(320)]
    for start in range(0, len(words), 160):
        make_interaction(holder, notes=" ".join(words[start : start + 160]))
    make_contact(owner, last_name="Wenigschreiber")

    assert found(owner, words[0][10:20]) == {holder.pk}
    assert found(owner, words[-1][-8:]) == {holder.pk}
    assert found(owner, "vielschreiber") == {holder.pk}
    assert found(owner, "nirgendwo") == set()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT contact_search_keys(text, owner_id)::text FROM contacts_contactsearch "
                "WHERE contact_id = %s",
                [holder.pk],
            )
            # The overflow word and the owner, in tsvector's order.
            assert cursor.fetchone()[0] == f"'{OVERFLOW}' '{OWNER_WORD}{owner.pk}'"


def test_the_index_finds_exactly_what_the_text_holds():
    """Many word parts, common and rare, against the texts themselves: nothing more, nothing
    less, and never another user's."""
    rng = random.Random(2026)
    owner, other = make_user(), make_user()
    syllables = ["mül", "ler", "wei", "den", "hö", "fer", "ann", "a", "stadt", "berg", "ß", "ö"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))

    for person in (owner, other):
        for _ in range(60):
            contact = make_contact(person, first_name=word().title(), last_name=word().title())
            if rng.random() < 0.5:
                make_interaction(contact, notes=" ".join(word() for _ in range(8)))
    texts = {
        c.pk: c.search.text
        for c in Contact.objects.for_owner(owner).select_related("search").order_by("pk")
    }
    queries = [word() for _ in range(80)] + [f"{word()} {word()}" for _ in range(20)]

    for query in queries:
        expected = {
            pk
            for pk, text in texts.items()
            if all(any(form in text for form in forms) for forms in search_terms(query))
        }
        assert found(owner, query) == expected, query
