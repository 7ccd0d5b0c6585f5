"""The contact list's rows, written without Pydantic, read exactly as ContactOut has them."""

import datetime

import pytest
from django.utils import timezone

from api.contact_rows import contact_data, with_tags_and_links
from api.schemas import ContactOut
from contacts.models import Contact
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


def _schema_data(contact: Contact) -> dict:
    full = Contact.objects.prefetch_related("tags", "links").get(pk=contact.pk)
    return ContactOut.from_orm(full).model_dump(mode="json")


def test_every_field_reads_as_the_schema_writes_it(owner):
    plain = make_contact(owner)
    full = make_contact(
        owner,
        company="Rheinwerk",
        emails=["anna@example.org", "a.berg@example.com"],
        phones=["+49 221 123456"],
        birthday_day=29,
        birthday_month=2,
        birthday_year=1988,
        warmth=3,
        keep_in_touch_days=30,
        notes="Mag Kaffee\nund Ümlaute",
        last_contacted_on=datetime.date(2026, 11, 30),
        category="einhorn",
        tags=["zebra", "Ärzte", "alpha", "Beta"],
    )
    full.set_links(
        {
            "linkedin": "https://www.linkedin.com/in/anna",
            "xing": "https://www.xing.com/profile/anna",
        }
    )
    # A timestamp on the second, which Pydantic writes without a fraction.
    Contact.objects.filter(pk=plain.pk).update(
        created_at=datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    )

    rows = with_tags_and_links(Contact.objects.for_owner(owner)).in_bulk()

    for contact in (plain, full):
        assert contact_data(rows[contact.pk]) == _schema_data(contact)
        assert list(contact_data(rows[contact.pk])) == list(_schema_data(contact))
    assert contact_data(rows[full.pk])["links"] == {
        "xing": "https://www.xing.com/profile/anna",
        "linkedin": "https://www.linkedin.com/in/anna",
    }
    assert contact_data(rows[plain.pk])["created_at"] == "2026-01-02T03:04:05Z"
    assert contact_data(rows[plain.pk])["tags"] == []
    assert timezone.is_aware(rows[full.pk].created_at)


def test_the_api_list_answers_what_the_schema_does(owner, owner_api):
    for i in range(3):
        make_contact(owner, tags=[f"Tag{i}", "gemeinsam"]).set_links(
            {"website": f"https://example.org/{i}"}
        )

    for url in (
        "/api/v1/contacts/",
        "/api/v1/contacts/?q=vorname",
        "/api/v1/contacts/?sort=recent",
    ):
        items = owner_api.get(url).json()["items"]

        assert len(items) == 3
        for item in items:
            assert item == _schema_data(Contact.objects.get(pk=item["id"]))
