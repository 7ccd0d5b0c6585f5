"""The import preview: likely duplicates of existing contacts and within the batch, each with
its reason and a suggested choice; forgotten people skipped; found by keys, not all pairs."""

import pytest
from django.utils import translation

from contacts.contact_data import ContactData
from contacts.importing.csv_files import Row
from contacts.importing.files import FileResult
from contacts.importing.preview import build_rows, summary
from contacts.models import ForgottenPerson
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def person(first: str, last: str, **fields) -> ContactData:
    links = fields.pop("links", {})
    data = ContactData(first_name=first, last_name=last, **fields)
    data.links = links
    return data


def preview(owner, *datas: ContactData, source: str = "LinkedIn") -> list[dict]:
    rows = [Row(line, data) for line, data in enumerate(datas, start=2)]
    return build_rows(owner, [FileResult("Connections.csv", source, rows)])


def test_a_person_nobody_knows_is_new(owner):
    make_contact(owner, first_name="Anna", last_name="Adler")
    (row,) = preview(owner, person("Bernd", "Berger"))
    assert (row["kind"], row["choice"], row["match"]) == ("new", "create", None)


@pytest.mark.parametrize(
    ("stored", "imported", "reason"),
    [
        ({"emails": ["Anna@Example.com"]}, {"emails": ["anna@example.com"]}, "same email address"),
        ({"phones": ["+49 171 2345678"]}, {"phones": ["0171 2345678"]}, "same phone number"),
        ({}, {"links": {"linkedin": "https://de.linkedin.com/in/anna-adler/"}}, "same profile"),
        ({"company": "Adler Design"}, {"company": "Adler Design"}, "same name and company"),
    ],
)
def test_a_strong_reason_suggests_merging(owner, stored, imported, reason):
    contact = make_contact(owner, first_name="Anna", last_name="Adler", **stored)
    contact.set_links({"linkedin": "https://www.linkedin.com/in/anna-adler"})
    first = "Anna" if "company" in imported else "A."
    (row,) = preview(owner, person(first, "Adler", **imported))
    assert row["kind"] == "duplicate"
    assert row["match"]["contact"] == contact.pk
    assert row["match"]["reason"].startswith(reason)
    assert row["choice"] == "merge"


def test_close_names_are_likely_duplicates_but_suggested_as_new(owner):
    contact = make_contact(owner, first_name="Jürgen", last_name="Weiß")
    (row,) = preview(owner, person("Jürgen", "Weiss-Mann"), person("Juergen", "Weis"))[1:]
    assert row["kind"] == "duplicate"
    assert row["match"] == {
        "contact": contact.pk,
        "row": None,
        "name": "Jürgen Weiß",
        "reason": "similar name",
    }
    assert row["choice"] == "create"


def test_a_person_twice_in_one_import_is_a_duplicate_of_the_earlier_row(owner):
    rows = preview(
        owner,
        person("Zoë", "Martin", emails=["zoe@example.com"]),
        person("Bernd", "Berger"),
        person("Zoe", "Martin", emails=["ZOE@example.com"]),
    )
    assert [row["kind"] for row in rows] == ["new", "new", "duplicate"]
    assert rows[2]["match"]["row"] == 0
    assert rows[2]["match"]["contact"] is None
    assert summary(rows) == {"new": 2, "duplicate": 1, "error": 0, "forgotten": 0}


def test_a_forgotten_person_is_skipped_with_a_note(owner):
    ForgottenPerson.objects.remember(owner, [("url", "https://www.linkedin.com/in/anna-adler")])
    (row,) = preview(
        owner, person("Anna", "Adler", links={"linkedin": "linkedin.com/in/anna-adler/"})
    )
    assert (row["kind"], row["choice"]) == ("forgotten", "skip")


def test_rows_with_errors_keep_their_line_and_reason(owner):
    result = FileResult("x.csv", "CSV", [Row(7, None, "There is no name.")])
    (row,) = build_rows(owner, [result])
    assert (row["kind"], row["line"], row["error"]) == ("error", 7, "There is no name.")


def test_matching_thousands_of_rows_costs_a_fixed_number_of_queries(
    owner, django_assert_max_num_queries
):
    for n in range(30):
        make_contact(
            owner, first_name=f"Vor{n}", last_name=f"Nach{n}", emails=[f"p{n}@example.com"]
        )
    datas = [person(f"Vor{n}", f"Nach{n}", emails=[f"p{n}@example.com"]) for n in range(2000)]
    with django_assert_max_num_queries(3):
        rows = preview(owner, *datas)
    assert summary(rows)["duplicate"] == 2000
