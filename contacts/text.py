"""Text folding for search: "Müller" is found by "muller", "mueller" and "Müller"."""

import unicodedata

from netzwerk.fields import controls_to_spaces

# German umlauts are spelled out; letters NFKD cannot split (Turkish ı, Polish ł, ø) map to
# their plain look-alike, so "Yılmaz" is found by "yilmaz".
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ł": "l", "ø": "o", "đ": "d"}
)


def unaccent(text: str) -> str:
    """Lower-case, spell German umlauts out (ü → ue) and drop all other accents."""
    text = text.lower().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def canonical(text: str) -> str:
    """The unaccented text with spelled-out umlauts folded back (mueller → muller)."""
    return unaccent(text).replace("ae", "a").replace("oe", "o").replace("ue", "u")


def search_document(*parts: str) -> str:
    """Every word of the text once, in both spellings, so a term in either form is a plain
    substring match.

    A query word never holds a space, so it matches within one word of the document: keeping
    each word once finds exactly what the whole text would, in a fraction of the width
    (notes repeat words; the two spellings differ only in words with umlauts). The width is
    what a search walking the list checks row by row, and what the suffix index holds.
    """
    return distinct_words(unaccent(" ".join(part for part in parts if part)))


def distinct_words(unaccented: str) -> str:
    """The words of an unaccented text once each, then the folded spellings that differ."""
    words = dict.fromkeys(unaccented.split())
    words.update(dict.fromkeys(canonical(word) for word in list(words)))
    return " ".join(words)


def search_terms(query: str) -> list[tuple[str, ...]]:
    """Each word of the query in its distinct forms (unaccented, folded; one when they agree,
    as for most words): every word must match one of its forms.

    Control characters separate words: no document holds them, and PostgreSQL refuses a NUL
    byte in any query.
    """
    query = controls_to_spaces(query)
    return [
        tuple(dict.fromkeys((unaccent(word), canonical(word))))
        for word in query.split()
        if word.strip()
    ]
