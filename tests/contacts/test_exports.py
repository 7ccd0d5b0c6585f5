"""Contacts out as files: vCard 4.0 (and 3.0) and CSV safe against formula injection."""

import csv
import io

import pytest
import vobject
from django.urls import reverse
from django.utils import translation

from contacts.contact_data import ContactData
from contacts.exports import csv_rows, neutralise
from contacts.models import Contact
from contacts.vcard import contact_to_vcard, contact_uid, read_vcards
from tests.factories import make_contact


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def juergen(owner) -> Contact:
    contact = make_contact(
        owner,
        first_name="Jürgen",
        last_name="Weiß",
        company="Weiß, Söhne; Partner",
        role="Typograf",
        city="Köln",
        emails=["juergen@example.com", "jw@example.org"],
        phones=["+49 171 1234567"],
        birthday_day=15,
        birthday_month=3,
        birthday_year=1980,
        notes="Mag Typografie.\nZweite Zeile, mit Komma; und Semikolon.",
        tags=["Design", "Köln"],
        category="einhorn",
        warmth=4,
    )
    contact.set_links({"linkedin": "https://www.linkedin.com/in/juergen-weiss"})
    return contact


def parsed(text: str):
    return list(vobject.readComponents(text))


def test_a_vcard_4_carries_what_vcard_has_fields_for(owner):
    contact = juergen(owner)

    (card,) = parsed(contact_to_vcard(Contact.objects.prefetch_related("tags", "links").get()))

    assert card.version.value == "4.0"
    assert card.fn.value == "Jürgen Weiß"
    assert (card.n.value.family, card.n.value.given) == ("Weiß", "Jürgen")
    assert card.org.value == ["Weiß, Söhne; Partner"]
    assert card.title.value == "Typograf"
    assert card.adr.value.city == "Köln"
    assert [e.value for e in card.email_list] == ["juergen@example.com", "jw@example.org"]
    assert card.tel.value == "+49 171 1234567"
    assert card.bday.value == "19800315"
    assert card.note.value == "Mag Typografie.\nZweite Zeile, mit Komma; und Semikolon."
    assert card.url.value == "https://www.linkedin.com/in/juergen-weiss"
    assert card.categories.value == ["Design", "Köln"]
    assert card.uid.value == contact_uid(contact)


def test_a_birthday_without_a_year(owner):
    make_contact(owner, first_name="Zoë", birthday_day=29, birthday_month=2)
    contact = Contact.objects.prefetch_related("tags", "links").get()

    (four,) = parsed(contact_to_vcard(contact, version="4.0"))
    (three,) = parsed(contact_to_vcard(contact, version="3.0"))

    assert four.bday.value == "--0229"
    # Apple Contacts' way: a stand-in year it leaves out.
    assert three.bday.value == "1604-02-29"
    assert three.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]


def test_vcard_3_adds_apples_social_profiles(owner):
    juergen(owner)

    contact = Contact.objects.prefetch_related("tags", "links").get()
    (card,) = parsed(contact_to_vcard(contact, version="3.0"))

    assert card.version.value == "3.0"
    assert card.x_socialprofile.value == "https://www.linkedin.com/in/juergen-weiss"
    assert card.x_socialprofile.params["TYPE"] == ["linkedin"]


def test_one_contact_downloads_as_a_vcard(owner, client_owner):
    contact = juergen(owner)

    response = client_owner.get(reverse("contacts:vcard", args=[contact.pk]))

    assert response["Content-Type"].startswith("text/vcard")
    assert response["Content-Disposition"] == 'attachment; filename="jurgen-wei.vcf"'
    assert body(response).count("BEGIN:VCARD") == 1


def test_all_contacts_download_as_vcard_3(owner, outsider, client_owner):
    juergen(owner)
    make_contact(owner, first_name="Zoë", last_name="Zander")
    make_contact(outsider, first_name="Fremd")

    response = client_owner.get(reverse("contacts:export_vcard"), {"version": "3.0"})

    cards = parsed(body(response))
    assert [card.fn.value for card in cards] == ["Jürgen Weiß", "Zoë Zander"]
    assert {card.version.value for card in cards} == {"3.0"}


def test_an_unknown_version_falls_back_to_4(owner, client_owner):
    make_contact(owner)

    response = client_owner.get(reverse("contacts:export_vcard"), {"version": "9"})

    assert "VERSION:4.0" in body(response)


def test_another_users_contact_is_a_404(outsider, client_owner):
    theirs = make_contact(outsider)

    assert client_owner.get(reverse("contacts:vcard", args=[theirs.pk])).status_code == 404


@pytest.mark.parametrize("name", ["contacts:export_vcard", "contacts:export_csv"])
def test_exports_refuse_post(client_owner, name):
    assert client_owner.post(reverse(name)).status_code == 405


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+49 171 1234567", "'+49 171 1234567"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("Jürgen", "Jürgen"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_cell_that_would_run_as_a_formula_is_neutralised(cell, safe):
    assert neutralise(cell) == safe


def test_the_csv_has_no_cell_a_spreadsheet_would_run(owner, client_owner):
    make_contact(
        owner, first_name="=cmd|' /C calc'!A0", last_name="@Angreifer", notes="+1", company="-x"
    )

    response = client_owner.get(reverse("contacts:export_csv"))

    text = body(response)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Vorname", "Nachname", "Firma"]
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert rows[1][0] == "'=cmd|' /C calc'!A0"


def test_the_csv_keeps_every_field_readable(owner):
    juergen(owner)
    contact = Contact.objects.prefetch_related("tags", "links").get()

    with translation.override("en"):
        text = "".join(csv_rows([contact]))
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))

    values = dict(zip(header, row, strict=True))
    assert values["Email addresses"] == "juergen@example.com, jw@example.org"
    assert values["Birthday"] == "1980-03-15"
    assert values["Category"] == "Einhorn"
    assert values["Tags"] == "Design, Köln"
    assert values["LinkedIn"] == "https://www.linkedin.com/in/juergen-weiss"
    assert values["Notes"] == "Mag Typografie.\nZweite Zeile, mit Komma; und Semikolon."


def test_english_users_get_commas(owner, client_owner):
    owner.language = "en"
    owner.save()
    make_contact(owner, first_name="Anna")

    text = body(client_owner.get(reverse("contacts:export_csv")))

    assert text.lstrip("\ufeff").startswith("First name,Last name,Company")


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_a_vcard_export_reads_back_as_the_same_contact(owner, client_owner, version):
    """Out as a file and in again through the import's reader: equal within what vCard
    carries (not category, status, warmth: those are Netzwerk's own)."""
    juergen(owner)
    make_contact(owner, first_name="Zoë", last_name="Zander", birthday_day=29, birthday_month=2)
    contacts = list(Contact.objects.for_owner(owner).prefetch_related("tags", "links"))

    response = client_owner.get(reverse("contacts:export_vcard"), {"version": version})

    read = [result.data for result in read_vcards(body(response))]
    expected = [ContactData.from_contact(c, c.links.all(), c.tags.all()) for c in contacts]
    fields = ("first_name", "last_name", "company", "role", "city", "emails", "phones", "notes")
    fields += ("birthday_day", "birthday_month", "birthday_year", "links", "tags")
    for got, want in zip(read, expected, strict=True):
        assert {f: getattr(got, f) for f in fields} == {f: getattr(want, f) for f in fields}
