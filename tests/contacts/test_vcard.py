"""contacts/vcard.py: vCards as Android, iOS, Google, Outlook and Xing write them, and a
contact written as vCard 4.0 and read back."""

import dataclasses
from pathlib import Path

import pytest
import vobject

from contacts.contact_data import ContactData
from contacts.models import Channel
from contacts.vcard import contact_to_vcard, parse_vcard, read_vcards
from tests.factories import make_contact

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def cards(name: str, encoding: str = "utf-8") -> list:
    return list(read_vcards((FIXTURES / name).read_bytes().decode(encoding)))


def test_it_reads_android_quoted_printable_with_soft_line_breaks():
    weiss, lukasz = cards("android-contacts-2.1.vcf")
    assert (weiss.data.first_name, weiss.data.last_name) == ("Jürgen", "Weiß")
    assert weiss.data.company == "Weiß & Söhne Tischlerei"
    # The note runs over three soft-broken lines and keeps its commas and line breaks.
    assert weiss.data.notes == (
        "Kennengelernt auf der re:publica 2024.\n"
        "Spricht gern über Fahrräder, Brompton, und Kaffee.\n"
        "Dritte Zeile: Tochter heißt Lotte."
    )
    assert weiss.data.phones == ["+49 171 2345678", "+49 30 1234567"]
    assert (weiss.data.birthday_day, weiss.data.birthday_month) == (2, 11)
    assert weiss.data.birthday_year == 1975
    assert weiss.data.city == "Berlin"
    assert (lukasz.data.first_name, lukasz.data.last_name) == ("Łukasz", "Kowalski")
    assert lukasz.line == 35


def test_it_reads_ios_groups_labels_photo_and_a_birthday_without_year():
    zoe, anna = cards("ios-contacts-3.0.vcf")
    assert zoe.data.first_name == "Zoë"
    assert zoe.data.company == "Studio Nord GmbH, Hamburg"
    assert zoe.data.links == {
        "linkedin": "https://www.linkedin.com/in/zoe-martin-design/",
        "xing": "https://www.xing.com/profile/Zoe_Martin",
    }
    assert (zoe.data.birthday_day, zoe.data.birthday_month, zoe.data.birthday_year) == (15, 3, None)
    assert zoe.data.notes.count("\n") == 2
    assert zoe.data.tags == ["Design", "Typo-Stammtisch"]
    assert zoe.data.emails == ["zoe@studio-nord.example", "zoe.martin@example.com"]
    # "Dr." is a title: the name is Anna Adler, the title stays readable in the notes.
    assert (anna.data.first_name, anna.data.last_name) == ("Anna", "Adler")
    assert "Dr. Anna Adler" in anna.data.notes
    assert (anna.data.birthday_day, anna.data.birthday_month, anna.data.birthday_year) == (
        29,
        2,
        1980,
    )


def test_it_reads_google_escaped_urls_and_leaves_system_groups_out():
    (mia,) = cards("google-contacts-3.0.vcf")
    assert mia.data.links == {"xing": "https://www.xing.com/profile/Mia_Schneider"}
    assert mia.data.tags == ["Kundinnen"]
    assert (mia.data.birthday_day, mia.data.birthday_month, mia.data.birthday_year) == (15, 3, None)
    assert "Mimi" in mia.data.notes


def test_it_reads_outlook_windows_1252_with_unescaped_commas():
    (guenther,) = cards("outlook-2016-2.1.vcf", encoding="cp1252")
    assert guenther.data.name == "Günther Bäcker"
    assert guenther.data.company == "Bäckerei Bäcker GmbH, Filiale Süd"
    assert guenther.data.notes.startswith("Liefert Brezeln für das Team-Frühstück, immer freitags.")
    assert guenther.data.city == "Stuttgart"


def test_it_reads_vcard_4_birthdays_without_year_including_29_february():
    lei, nora = cards("vcard-4.0.vcf")
    assert (lei.data.birthday_day, lei.data.birthday_month, lei.data.birthday_year) == (29, 2, None)
    assert (nora.data.birthday_day, nora.data.birthday_month) == (15, 3)
    assert lei.data.name == "雷 李"
    assert lei.data.phones == ["+86 10 1234 5678"]
    assert lei.data.links == {"researchgate": "https://www.researchgate.net/profile/Lei-Li"}


def test_a_cut_off_card_is_reported_with_its_line_and_the_others_are_read():
    text = (FIXTURES / "vcard-4.0.vcf").read_text() + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Halb\r\n"
    results = list(read_vcards(text))
    assert [r.data is not None for r in results] == [True, True, False]
    assert results[2].line == 17
    assert "END:VCARD" in results[2].error


def test_a_garbled_card_in_the_middle_does_not_stop_the_next():
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Eins\nN:Eins;;;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nthis line is no property\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Drei\nN:Drei;;;;\nEND:VCARD\n"
    )
    first, broken, third = read_vcards(text)
    assert first.data.last_name == "Eins"
    assert broken.data is None and broken.line == 6
    assert "this line is no property" in broken.error
    assert third.data.last_name == "Drei"


def test_parse_vcard_refuses_text_without_a_card():
    with pytest.raises(ValueError):
        parse_vcard("hello")


def test_a_contact_written_as_vcard_4_reads_back_the_same(owner):
    contact = make_contact(
        owner,
        first_name="Zoë",
        last_name="Weiß-Łukasiewicz",
        company="Studio, Nord; GmbH",
        role="Art Director",
        city="Hamburg",
        emails=["zoe@example.com", "z@example.org"],
        phones=["+49 30 1234567"],
        birthday_day=29,
        birthday_month=2,
        notes="Zeile eins\nZeile zwei, mit Komma; und Semikolon",
        how_we_met="Typo-Stammtisch",
        interests="Risographie",
        tags=["Design", "Buch, Club"],
    )
    contact.set_links(
        {"linkedin": "https://www.linkedin.com/in/zoe", "website": "https://zoe.example"}
    )
    text = contact_to_vcard(contact)
    card = vobject.readOne(text)
    assert card.version.value == "4.0"
    assert card.bday.value == "--0229"
    assert card.uid.value.startswith("urn:uuid:")

    back = parse_vcard(text)
    expected = ContactData.from_contact(contact)
    assert dataclasses.asdict(back) == dataclasses.asdict(expected)


def test_the_uid_stays_the_same_for_a_contact_and_differs_between_contacts(owner):
    one, two = make_contact(owner), make_contact(owner)
    uid = vobject.readOne(contact_to_vcard(one)).uid.value
    assert vobject.readOne(contact_to_vcard(one)).uid.value == uid
    assert vobject.readOne(contact_to_vcard(two)).uid.value != uid


def test_a_birth_year_is_written_as_a_full_date(owner):
    contact = make_contact(owner, birthday_day=5, birthday_month=7, birthday_year=1980)
    assert vobject.readOne(contact_to_vcard(contact)).bday.value == "19800705"


def test_profile_links_are_written_for_apple_and_google_both(owner):
    contact = make_contact(owner)
    contact.set_links({Channel.XING.value: "https://www.xing.com/profile/X"})
    card = vobject.readOne(contact_to_vcard(contact))
    assert card.url.value == "https://www.xing.com/profile/X"
    assert card.x_socialprofile.value == "https://www.xing.com/profile/X"
    assert card.x_socialprofile.params["TYPE"] == ["xing"]
