"""Language selection and the German catalogue.

German is the default; English comes from Accept-Language for visitors and from the
preference for signed-in users. Whether the catalogue covers every string in the code is
bin/check_translations' job (it needs gettext's makemessages); here the committed files
are checked as they are.
"""

import datetime
import re
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from contacts.models import Category, HelpKind, InteractionKind
from tests.factories import make_contact, make_user
from tests.pages import without_random_values

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

# What a page shows in each language, taken from the catalogue.
LIST_TEXT = {
    "de": ["<h1>Kontakte</h1>", "Neuer Kontakt", "noch kein Kontakt eingetragen", "Alle Tags"],
    "en": ["<h1>Contacts</h1>", "New contact", "no contact logged yet", "All tags"],
}
DETAIL_TEXT = {
    "de": ["Interaktion eintragen", "Verlauf", "Kaffee", "Mittagessen", "Kontakt löschen"],
    "en": ["Log an interaction", "Timeline", "Coffee", "Lunch", "Delete contact"],
}
TRIAGE_TEXT = {
    "de": ["Noch 1 Pinguin einzusortieren", "sehr wichtig", "Bleibt Pinguin", "Archivieren"],
    "en": ["1 Pinguin contact left to place", "very important", "Still Pinguin", "Archive"],
}
NAV_TEXT = {
    "de": ["Einsortieren", "Einstellungen", "Abmelden", "Zum Inhalt springen"],
    "en": ["Triage", "Preferences", "Log out", "Skip to content"],
}


def client_for(language: str) -> tuple[Client, object]:
    user = make_user(language=language)
    client = Client()
    client.force_login(user)
    return client, user


def page(response) -> str:
    """The page without its random values (tests/pages.py), in which a short month name like
    "Dez" turned up now and then."""
    assert response.status_code == 200
    return without_random_values(response.content.decode())


# Choosing the language.


@pytest.mark.django_db
def test_an_anonymous_visitor_without_accept_language_gets_german():
    response = Client().get(reverse("account_login"))

    html = page(response)
    assert '<html lang="de">' in html
    assert "Passwort vergessen?" in html  # allauth's catalogue
    assert "Zum Inhalt springen" in html  # ours
    assert "Forgot your password?" not in html
    assert response.headers["Content-Language"] == "de"


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_english_via_accept_language():
    response = Client().get(
        reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9,de;q=0.5"
    )

    html = page(response)
    assert '<html lang="en">' in html
    assert "Forgot your password?" in html
    assert "Skip to content" in html
    assert "Zum Inhalt springen" not in html
    assert response.headers["Content-Language"] == "en"


@pytest.mark.django_db
def test_an_unsupported_accept_language_falls_back_to_german():
    html = page(Client().get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9"))

    assert '<html lang="de">' in html
    assert "Passwort vergessen?" in html


@pytest.mark.parametrize(
    ("preference", "accept_language"), [("de", "en-US,en;q=0.9"), ("en", "de-DE,de;q=0.9")]
)
@pytest.mark.django_db
def test_a_signed_in_users_preference_wins_over_accept_language(preference, accept_language):
    client, user = client_for(preference)
    make_contact(user)

    response = client.get(reverse("contacts:list"), HTTP_ACCEPT_LANGUAGE=accept_language)

    html = page(response)
    assert f'<html lang="{preference}">' in html
    for text in LIST_TEXT[preference] + NAV_TEXT[preference]:
        assert text in html
    assert response.headers["Content-Language"] == preference


def test_the_owner_fixture_reads_german(client_owner):
    html = page(client_owner.get(reverse("contacts:list")))

    assert "<h1>Kontakte</h1>" in html


# Pages in both languages.


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.django_db
def test_the_contact_list_is_translated(language):
    client, user = client_for(language)
    make_contact(user, first_name="Jana", last_name="Müller")

    html = page(client.get(reverse("contacts:list")))

    assert f'<html lang="{language}">' in html
    assert "Jana Müller" in html
    for text in LIST_TEXT[language] + NAV_TEXT[language]:
        assert text in html
    other = "en" if language == "de" else "de"
    assert LIST_TEXT[other][0] not in html


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.django_db
def test_the_contact_page_is_translated(language):
    client, user = client_for(language)
    contact = make_contact(user, first_name="Jana", last_name="Müller")

    html = page(client.get(contact.get_absolute_url()))

    for text in DETAIL_TEXT[language] + NAV_TEXT[language]:
        assert text in html
    other = "en" if language == "de" else "de"
    for text in DETAIL_TEXT[other]:
        assert text not in html


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.django_db
def test_the_triage_page_is_translated(language):
    client, user = client_for(language)
    make_contact(user, first_name="Paul", last_name="Pinguin")

    html = page(client.get(reverse("contacts:triage")))

    for text in TRIAGE_TEXT[language]:
        assert text in html
    other = "en" if language == "de" else "de"
    for text in TRIAGE_TEXT[other]:
        assert text not in html


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.django_db
def test_the_empty_triage_page_is_translated(language):
    client, user = client_for(language)
    make_contact(user, category="einhorn")

    html = page(client.get(reverse("contacts:triage")))

    expected = {"de": "Alle einsortiert", "en": "All placed"}[language]
    assert f"<h1>{expected}</h1>" in html


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.django_db
def test_a_new_accounts_triage_page_is_translated(language):
    client, _ = client_for(language)

    html = page(client.get(reverse("contacts:triage")))

    expected = {"de": "Lege zuerst Kontakte an.", "en": "Add contacts first."}[language]
    assert expected in html


# Product vocabulary stays German.


@pytest.mark.parametrize("language", ["de", "en"])
def test_category_names_are_german_in_both_languages(language):
    with translation.override(language):
        assert [str(c.label) for c in Category] == ["Einhorn", "Flamingo", "Pinguin"]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.django_db
def test_category_names_on_the_pages_are_german_in_both_languages(language):
    client, user = client_for(language)
    contact = make_contact(user, category=Category.FLAMINGO)

    detail = page(client.get(contact.get_absolute_url()))
    listing = page(client.get(reverse("contacts:list")))

    for name in ("Einhorn", "Flamingo", "Pinguin"):
        assert name in detail
        assert f">{name}</option>" in listing
    for english in ("Unicorn", "Penguin"):
        assert english not in detail
        assert english not in listing


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("de", ["Kaffee", "Mittagessen", "Anruf", "Nachricht", "Treffen", "Veranstaltung"]),
        ("en", ["Coffee", "Lunch", "Call", "Message", "Meeting", "Event"]),
    ],
)
def test_interaction_kinds_are_translated(language, labels):
    with translation.override(language):
        assert [str(k.label) for k in InteractionKind][:6] == labels
        assert str(InteractionKind.OTHER.label) == {"de": "Sonstiges", "en": "Other"}[language]


# Dates follow the language.


@pytest.mark.parametrize(
    ("language", "expected", "foreign"),
    [
        ("de", ["März", "Dezember", "Letzter Kontakt:"], ["March", "December"]),
        ("en", ["March", "December", "Last contact:"], ["März", "Dezember"]),
    ],
)
@pytest.mark.django_db
def test_dates_on_the_contact_page_follow_the_language(language, expected, foreign):
    client, user = client_for(language)
    contact = make_contact(user, birthday_day=14, birthday_month=3)
    contact.log_interaction(kind="coffee", date=datetime.date(2024, 12, 3))

    html = page(client.get(contact.get_absolute_url()))

    # The layout of the date may change; the month names must follow the language.
    for text in expected:
        assert text in html
    for text in foreign:
        assert text not in html


@pytest.mark.parametrize(
    ("language", "expected", "foreign"), [("de", "Dez", "Dec"), ("en", "Dec", "Dez")]
)
@pytest.mark.django_db
def test_dates_in_the_contact_list_follow_the_language(language, expected, foreign):
    client, user = client_for(language)
    contact = make_contact(user)
    contact.log_interaction(kind="call", date=datetime.date(2024, 12, 3))

    html = page(client.get(reverse("contacts:list")))

    assert expected in html
    assert foreign not in html


# The committed catalogue.


def test_every_message_in_the_compiled_german_catalogue_is_translated():
    mo = polib.mofile(str(MO_PATH))
    entries = [e for e in mo if e.msgid]

    assert len(entries) > 100
    empty = [
        e.msgid
        for e in entries
        if (not all(e.msgstr_plural.values()) if e.msgid_plural else not e.msgstr)
    ]
    assert empty == []
    assert mo.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert mo.metadata["Language"] == "de"


def test_the_committed_po_file_is_complete_and_compiled():
    po = polib.pofile(str(PO_PATH))
    mo = polib.mofile(str(MO_PATH))
    active = [e for e in po if not e.obsolete]

    assert not po.metadata_is_fuzzy
    assert [e.msgid for e in active if e.fuzzy] == []
    assert [e.msgid for e in active if not e.translated()] == []

    def catalogue(entries):
        return {
            (e.msgctxt or "", e.msgid): e.msgstr or tuple(sorted(e.msgstr_plural.items()))
            for e in entries
            if e.msgid
        }

    assert catalogue(mo) == catalogue(active), (
        "django.mo is stale: run .venv/bin/python manage.py compilemessages -l de --ignore=.venv"
    )


def test_django_loads_the_german_catalogue():
    with translation.override("de"):
        assert translation.gettext("Contacts") == "Kontakte"
        assert translation.gettext("Wish contact") == "Wunschkontakt"
        assert translation.pgettext("category", "Einhorn") == "Einhorn"
        one = translation.ngettext("%(counter)s contact", "%(counter)s contacts", 1)
        many = translation.ngettext("%(counter)s contact", "%(counter)s contacts", 3)
        assert one % {"counter": 1} == "1 Kontakt"
        assert many % {"counter": 3} == "3 Kontakte"
    with translation.override("en"):
        assert translation.gettext("Contacts") == "Contacts"


# One word for one thing.

# The German word the app uses for a thing, and the other words it must not use for it.
ONE_WORD = {
    "Veranstaltung": r"\w*Event\w*",
    "Follow-up": r"\w*Wiedervorlage\w*",
    "Wochenübersicht": r"\w*Wochenüberblick\w*",
    "Überprüfung": r"\w*Review\w*",
    "Geben-Log": r"\w*Protokoll\w*",
}


@pytest.mark.parametrize(("word", "others"), ONE_WORD.items())
def test_german_says_one_word_for_one_thing(word, others):
    po = polib.pofile(str(PO_PATH))
    texts = [t for e in po for t in (e.msgstr, *e.msgstr_plural.values())]

    assert [text for text in texts if re.search(rf"\b{others}\b", text)] == []


def test_english_text_uses_no_german_plural_of_a_category():
    po = polib.pofile(str(PO_PATH))
    english = [t for e in po for t in (e.msgid, e.msgid_plural) if t]

    glued = [
        text for text in english if re.search(r"Einhörner|Flamingos|Pinguine|Stammtische", text)
    ]
    assert glued == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_two_give_first_kinds_read_the_same(language):
    with translation.override(language):
        labels = [str(kind.label).casefold() for kind in HelpKind]

    stems = [label.split()[0] for label in labels]
    assert len(set(stems)) == len(stems), labels


# The same "du" everywhere, allauth's pages and emails included.

FORMAL = re.compile(r"\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b")
ALLAUTH_PO = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"


def test_allauths_strings_address_the_user_informally_in_german():
    """allauth's German mixes "du" and "Sie"; locale_allauth/ puts its formal ones in "du"."""
    source = [e for e in polib.pofile(str(ALLAUTH_PO)) if e.msgid and not e.obsolete]
    formal = []
    with translation.override("de"):
        for entry in source:
            if entry.msgid_plural:
                texts = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            elif entry.msgctxt:
                texts = [translation.pgettext(entry.msgctxt, entry.msgid)]
            else:
                texts = [translation.gettext(entry.msgid)]
            formal += [text for text in texts if FORMAL.search(text)]

    assert len(source) > 300
    assert formal == []


def test_the_german_password_confirmation_before_two_factor_setup_says_du(client_owner):
    text = page(client_owner.get(reverse("mfa_activate_totp"), follow=True))

    assert "Gib dein Passwort ein" in text
    assert FORMAL.search(text) is None
