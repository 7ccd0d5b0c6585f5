"""Bad input for the import: each gets a clear message, and no contact is written."""

import pytest
from django.urls import reverse
from django.utils import translation

from contacts.models import Contact, ImportBatch, ImportState
from tests.contacts.imports import FIXTURES, commit, fixture, made, upload

pytestmark = pytest.mark.django_db

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


@pytest.fixture(autouse=True)
def english(owner):
    owner.language = "en"
    owner.save(update_fields=["language"])
    yield
    # The requests activated English for this thread; later tests expect the default.
    translation.deactivate()


def read(client, run, *files) -> ImportBatch:
    _response, batch = upload(client, run, *files)
    batch.refresh_from_db()
    return batch


def file_errors(client, batch) -> str:
    page = client.get(batch.get_absolute_url()).content.decode()
    return page


def test_an_empty_file_is_refused_by_name(client_owner):
    response = client_owner.post(reverse("contacts:import"), {"files": [made("leer.vcf", b"")]})
    assert response.status_code == 422
    assert "This file is empty: leer.vcf" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_file_of_blank_lines_is_empty_too(client_owner, tasks_run):
    batch = read(client_owner, tasks_run, made("leer.csv", "\r\n\r\n  \r\n"))
    assert batch.files[0]["error"] == "The file is empty."
    assert batch.rows == []


def test_a_binary_file_renamed_vcf_is_no_text(client_owner, owner, tasks_run):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
    batch = read(client_owner, tasks_run, made("foto.vcf", png))
    assert batch.state == ImportState.READY
    assert "no text file (perhaps a picture" in file_errors(client_owner, batch)
    commit(client_owner, tasks_run, batch)
    assert Contact.objects.filter(owner=owner).count() == 0


def test_a_text_file_renamed_vcf_says_it_holds_no_vcard(client_owner, tasks_run):
    batch = read(client_owner, tasks_run, made("notiz.vcf", "Einkaufsliste: Milch, Brot"))
    assert "holds no vCard" in batch.files[0]["error"]


def test_a_truncated_vcard_reports_the_card_with_its_line(client_owner, owner, tasks_run):
    text = (FIXTURES / "android-contacts-2.1.vcf").read_text()
    cut = text[: text.rindex("END:VCARD")]
    batch = read(client_owner, tasks_run, made("android.vcf", cut))
    kinds = [(row["kind"], row["line"]) for row in batch.rows]
    assert kinds == [("new", 1), ("error", 35)]
    assert "no END:VCARD line" in batch.rows[1]["error"]
    page = file_errors(client_owner, batch)
    assert "android.vcf, line 35" in page
    # The cards before the cut are imported; the cut one is not.
    commit(client_owner, tasks_run, batch)
    assert list(Contact.objects.filter(owner=owner).values_list("last_name", flat=True)) == ["Weiß"]


def test_a_csv_with_another_separator_than_its_header_is_refused(client_owner, tasks_run):
    rows = "Anna;Adler;https://linkedin.com/in/a;;Adler;Design;1 Jan 2020\r\n" * 3
    batch = read(client_owner, tasks_run, made("Connections.csv", LINKEDIN_HEADER + rows))
    assert "different number of columns than the header line" in batch.files[0]["error"]
    assert batch.rows == []


def test_a_csv_with_a_separator_nobody_uses_is_refused(client_owner, tasks_run):
    batch = read(client_owner, tasks_run, made("liste.csv", "Name|Firma\r\nAnna|Adler\r\n"))
    assert "Only one column was found" in batch.files[0]["error"]


def test_a_csv_with_only_its_header_says_so(client_owner, tasks_run):
    batch = read(client_owner, tasks_run, made("Connections.csv", LINKEDIN_HEADER))
    assert batch.files[0]["error"] == "The file has a header line but no contacts below it."


def test_a_formula_in_a_name_is_a_row_error_and_not_imported(client_owner, owner, tasks_run):
    rows = '"=HYPERLINK(""http://evil.example"")",Adler,,,,,1 Jan 2020\r\nBernd,Berger,,,,,\r\n'
    batch = read(client_owner, tasks_run, made("Connections.csv", LINKEDIN_HEADER + rows))
    assert [row["kind"] for row in batch.rows] == ["error", "new"]
    assert "looks like a spreadsheet formula" in batch.rows[0]["error"]
    commit(client_owner, tasks_run, batch)
    assert list(Contact.objects.filter(owner=owner).values_list("first_name", flat=True)) == [
        "Bernd"
    ]


def test_files_in_different_encodings_in_one_batch_are_each_read_right(
    client_owner, owner, tasks_run
):
    text = "Vorname;Nachname;Firma\r\nJürgen;Weiß;Café Übersee\r\n"
    batch = read(
        client_owner,
        tasks_run,
        made("utf8.csv", text),
        made("windows.csv", text.replace("Jürgen", "Jörg"), "cp1252"),
        made("utf16.csv", text.replace("Jürgen", "Jürg"), "utf-16"),
        fixture("outlook-2016-2.1.vcf"),
    )
    names = [(row["data"]["first_name"], row["data"]["last_name"]) for row in batch.rows]
    assert names[:3] == [("Jürgen", "Weiß"), ("Jörg", "Weiß"), ("Jürg", "Weiß")]
    assert names[3] == ("Günther", "Bäcker")
    assert {row["data"]["company"] for row in batch.rows[:3]} == {"Café Übersee"}


def test_a_row_with_ten_thousand_columns_is_a_row_error(client_owner, owner, tasks_run):
    wide = "Anna,Adler,,,Adler Design,,1 Jan 2020," + ",".join(["x"] * 9993)
    text = LINKEDIN_HEADER + wide + "\r\nBernd,Berger,,,,,2 Feb 2021\r\n"
    batch = read(client_owner, tasks_run, made("Connections.csv", text))
    assert [row["kind"] for row in batch.rows] == ["error", "new"]
    assert "This row has 10,000 columns, the header line 7" in batch.rows[0]["error"]
    assert batch.rows[0]["line"] == 2


def test_a_cell_too_long_for_the_csv_reader_stops_the_file_at_its_line(client_owner, tasks_run):
    text = LINKEDIN_HEADER + "Bernd,Berger,,,,,\r\n" + 'Anna,"' + "x" * 200_000 + '",,,,,\r\n'
    batch = read(client_owner, tasks_run, made("Connections.csv", text))
    assert [row["kind"] for row in batch.rows] == ["new", "error"]
    assert "From this line on the file could not be read" in batch.rows[1]["error"]


def test_twenty_megabytes_are_refused_before_anything_is_stored(client_owner):
    big = made("Connections.csv", LINKEDIN_HEADER + "Anna,Adler,,,,,1 Jan 2020\r\n" * 760_000)
    assert big.size > 20_000_000
    response = client_owner.post(reverse("contacts:import"), {"files": [big]})
    assert response.status_code == 422
    assert "at most 10.0\xa0MB can be imported at once" in response.content.decode()
    assert ImportBatch.objects.count() == 0
