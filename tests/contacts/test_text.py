import pytest

from contacts.text import search_document, search_terms


def matches(text: str, query: str) -> bool:
    document = search_document(text)
    return all(a in document or b in document for a, b in search_terms(query))


@pytest.mark.parametrize("query", ["Müller", "mueller", "muller", "MÜLL", "mull"])
def test_it_finds_mueller_in_every_spelling(query):
    assert matches("Katrin Müller", query)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("Deniz Yılmaz", "yilmaz"),
        ("Łukasz Nowak", "lukasz"),
        ("Søren Berg", "soren"),
        ("José Pérez", "jose perez"),
        ("Straße", "strasse"),
    ],
)
def test_it_finds_names_typed_without_special_letters(name, query):
    assert matches(name, query)


def test_every_word_must_match():
    assert matches("Anna Schmidt Köln", "anna koeln")
    assert not matches("Anna Schmidt Köln", "anna berlin")


def test_a_blank_query_has_no_terms():
    assert search_terms("   ") == []
