"""contacts/importing: the CSV files of LinkedIn, Google and Outlook, any other CSV through a
column mapping, and the encodings a file comes in, detected without asking."""

import datetime

import pytest
from django.utils import translation

from contacts.importing.csv_files import parse_birthday, parse_connected_on
from contacts.importing.decoding import UnreadableFile, decode
from contacts.importing.files import read_file
from tests.contacts.imports import FIXTURES


def read(name: str, mappings=None):
    with translation.override("en"):
        return read_file(name, (FIXTURES / name).read_bytes(), mappings)


def people(result) -> list[tuple[str, str]]:
    return [(row.data.first_name, row.data.last_name) for row in result.rows]


def test_it_finds_linkedins_header_below_its_notes():
    result = read("linkedin-Connections.csv")
    assert result.source == "LinkedIn"
    assert result.error == ""
    assert people(result) == [
        ("Jürgen", "Weiß"),
        ("Zoë", "Martin"),
        ("Łukasz", "Kowalski"),
        ("雷", "李"),
        ("Anna", "Adler"),
    ]
    # The header is on line 4, after three lines of notes and an empty one.
    assert [row.line for row in result.rows] == [5, 6, 7, 8, 9]


def test_a_linkedin_row_becomes_company_role_link_and_how_we_met():
    weiss, zoe, lukasz, _li, _anna = (row.data for row in read("linkedin-Connections.csv").rows)
    assert weiss.company == "Weiß & Söhne Tischlerei"
    assert weiss.role == "Inhaber"
    assert weiss.links == {"linkedin": "https://www.linkedin.com/in/juergen-weiss-4a1b2c"}
    assert weiss.how_we_met == "Connected on LinkedIn on 26 July 2025"
    assert weiss.emails == []
    assert zoe.emails == ["zoe.martin@example.com"]
    assert zoe.company == "Studio Nord GmbH, Hamburg"
    # Titles and emoji leave the name; how it was written stays in the notes.
    assert "Dr. Łukasz Kowalski, MBA" in lukasz.notes
    assert "Zoë Martin 🎨" in zoe.notes


def test_linkedin_columns_may_come_in_another_order():
    (sabine,) = read("linkedin-Connections-2021.csv").rows
    assert (sabine.data.first_name, sabine.data.company) == ("Sabine", "Keller Kommunikation")
    assert sabine.data.links["linkedin"] == "https://www.linkedin.com/in/sabine-keller"
    assert sabine.data.emails == ["sabine.keller@example.com"]


def test_connected_on_reads_english_month_names_in_any_language():
    assert parse_connected_on("26 Jul 2025") == datetime.date(2025, 7, 26)
    assert parse_connected_on("03 Feb 2024") == datetime.date(2024, 2, 3)
    assert parse_connected_on("31 Feb 2024") is None
    with translation.override("de"):
        (sabine,) = read_file(
            "c.csv", (FIXTURES / "linkedin-Connections-2021.csv").read_bytes()
        ).rows
    assert sabine.data.how_we_met == "Auf LinkedIn vernetzt am 12. März 2021"


def test_it_reads_a_google_contacts_csv():
    result = read("google-contacts.csv")
    assert result.source == "Google"
    weiss, zoe, li = (row.data for row in result.rows)
    assert weiss.emails == ["juergen@weiss-soehne.example", "j.weiss@example.com"]
    assert weiss.phones == ["+49 171 2345678", "+49 30 1234567"]
    # " ::: " separates labels; Google's own ("* myContacts", "* starred") are no tags.
    assert weiss.tags == ["Handwerk", "Berlin"]
    assert zoe.tags == ["Design"]
    assert (weiss.birthday_day, weiss.birthday_month, weiss.birthday_year) == (2, 11, 1975)
    assert (zoe.birthday_day, zoe.birthday_month, zoe.birthday_year) == (15, 3, None)
    assert weiss.notes.endswith(
        "Kennengelernt auf der re:publica 2024.\nSpricht gern über Fahrräder."
    )
    assert weiss.city == "Berlin"
    assert zoe.links == {"xing": "https://www.xing.com/profile/Zoe_Martin"}
    assert li.notes == "李雷\n第二行"
    # A multi-line note spans two lines: the next row starts a line later.
    assert [row.line for row in result.rows] == [2, 4, 5]


def test_it_reads_an_outlook_csv_from_a_german_windows():
    result = read("outlook-de.csv")
    assert result.source == "Outlook"
    weiss, zoe, lukasz = (row.data for row in result.rows)
    assert (weiss.first_name, weiss.last_name, weiss.company) == (
        "Jürgen",
        "Weiß",
        "Weiß & Söhne Tischlerei",
    )
    assert (weiss.birthday_day, weiss.birthday_month, weiss.birthday_year) == (15, 3, 1980)
    assert weiss.tags == ["Handwerk", "Berlin"]
    assert weiss.notes == "Mag Holz.\nZweite Zeile: Tochter heißt Lotte."
    assert weiss.links == {"website": "https://www.weiss-soehne.example"}
    assert (zoe.last_name, zoe.company, zoe.city) == ("Müller-Lüdenscheidt", "Café Übersee", "Köln")
    # Outlook's "0.0.00" is no birthday.
    assert zoe.birthday_month is None
    assert (lukasz.birthday_day, lukasz.birthday_month) == (29, 2)


def test_an_unknown_csv_asks_for_its_columns_with_a_first_guess():
    result = read("generic-semicolon.csv")
    assert result.rows == []
    assert result.headers == ["Name", "Firma", "E-Mail", "Telefon", "Notiz"]
    assert result.needs_mapping
    assert result.fields == ["full_name", "company", "email", "phone", "notes"]
    mapping = {result.signature: ["full_name", "company", "email", "", "notes"]}
    mapped = read("generic-semicolon.csv", mapping)
    weiss, zoe = (row.data for row in mapped.rows)
    assert (weiss.first_name, weiss.last_name, weiss.company) == ("Jürgen", "Weiß", "Weiß & Söhne")
    assert weiss.phones == []
    assert weiss.notes == "Messe 2024"
    assert zoe.emails == ["zoe@example.com"]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b"")],
)
def test_the_encoding_is_detected_not_asked(encoding, bom):
    text = (FIXTURES / "outlook-de.csv").read_bytes().decode("cp1252")
    data = bom + text.encode(encoding)
    result = read_file("kontakte.csv", data)
    assert [row.data.last_name for row in result.rows] == [
        "Weiß",
        "Müller-Lüdenscheidt",
        "Kowalski",
    ]
    assert result.rows[1].data.company == "Café Übersee"


def test_utf16_without_bom_is_read_by_its_zero_bytes():
    assert (
        decode("Name,Firma\nJürgen Weiß,Café".encode("utf-16-le")) == "Name,Firma\nJürgen Weiß,Café"
    )


def test_a_binary_file_is_no_text():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    with pytest.raises(UnreadableFile):
        decode(png)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-03-15", (15, 3, 1980)),
        ("--03-15", (15, 3, None)),
        ("15.03.1980", (15, 3, 1980)),
        ("15.03.", (15, 3, None)),
        ("3/15/1980", (15, 3, 1980)),
        ("soon", None),
    ],
)
def test_birthdays_in_the_forms_the_exporters_write(text, expected):
    assert parse_birthday(text) == expected
