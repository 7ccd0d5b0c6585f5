"""Committing an import: all or nothing in one transaction, new contacts as Pinguine tagged
with source and date, found by search at once (also through Postgres' search index right
after the bulk insert), rows merged into existing contacts or into each other."""

import hashlib

import pytest
from django.db import connection
from django.utils import timezone

from contacts.contact_data import ContactData
from contacts.importing import committing
from contacts.models import Contact, ImportBatch, ImportState
from contacts.models.rhythm import keep_in_touch_due
from contacts.models.search import SEARCH_INDEX
from contacts.vcard import contacts_to_vcards
from tests.contacts.imports import commit, fixture, made, upload
from tests.factories import make_contact, make_user

pytestmark = pytest.mark.django_db


def read(client, run, *files) -> ImportBatch:
    _response, batch = upload(client, run, *files)
    batch.refresh_from_db()
    return batch


def test_imported_contacts_are_pinguine_tagged_with_source_and_date(client_owner, owner, tasks_run):
    batch = read(
        client_owner,
        tasks_run,
        fixture("linkedin-Connections.csv"),
        fixture("xing-Sabine_Keller.vcf"),
    )
    commit(client_owner, tasks_run, batch)
    today = timezone.localdate().isoformat()
    contacts = Contact.objects.filter(owner=owner)
    assert contacts.count() == 6
    assert set(contacts.values_list("category", flat=True)) == {"pinguin"}
    weiss = contacts.get(last_name="Weiß")
    assert [t.name for t in weiss.tags.all()] == [f"LinkedIn {today}"]
    assert weiss.links_by_channel() == {
        "linkedin": "https://www.linkedin.com/in/juergen-weiss-4a1b2c"
    }
    assert weiss.sort_name == "weiss jurgen"
    assert weiss.keep_in_touch_due_on == keep_in_touch_due(weiss, owner)
    sabine = contacts.get(last_name="Keller")
    assert [t.name for t in sabine.tags.all()] == [f"vCard {today}"]
    # Triage offers them.
    assert Contact.objects.for_owner(owner).untriaged_pinguine().count() == 6
    assert batch.result == {"created": 6, "merged": 0, "skipped": 0}


def test_search_finds_imported_contacts_at_once(client_owner, owner, tasks_run):
    batch = read(client_owner, tasks_run, fixture("google-contacts.csv"))
    commit(client_owner, tasks_run, batch)
    found = Contact.objects.for_owner(owner)
    assert list(found.search("weiss").values_list("last_name", flat=True)) == ["Weiß"]
    assert list(found.search("fahrrader").values_list("last_name", flat=True)) == ["Weiß"]
    assert list(found.search("handwerk").values_list("last_name", flat=True)) == ["Weiß"]
    assert found.search("zoe").count() == 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search index is Postgres'")
def test_postgres_finds_a_bulk_import_through_the_search_index(client_owner, owner, tasks_run):
    names = [hashlib.sha256(str(n).encode()).hexdigest()[:12] for n in range(600)]
    rows = "".join(f"Person{n},{name},,,,,1 Jan 2020\r\n" for n, name in enumerate(names))
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    batch = read(client_owner, tasks_run, made("Connections.csv", header + rows))
    commit(client_owner, tasks_run, batch)
    with connection.cursor() as cursor:
        # The search must go through the suffix index, as in a large network: the other
        # indexes on the owner are dropped for this test's transaction (rolled back after).
        cursor.execute(
            "SELECT indexname FROM pg_indexes "
            "WHERE tablename IN ('contacts_contact', 'contacts_contactsearch') "
            "AND indexname <> %s AND indexdef NOT LIKE %s",
            [SEARCH_INDEX, "%UNIQUE%"],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
        # Plain index scans off too: a walk of the primary key joined to the search rows
        # would find the match without the suffix index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        query = Contact.objects.for_owner(owner).search(names[417])
        plan = query.explain()
        found = list(query.values_list("first_name", flat=True))
    assert SEARCH_INDEX in plan
    assert found == ["Person417"]


def test_merging_fills_what_is_empty_and_unites_the_lists(client_owner, owner, tasks_run):
    zoe = make_contact(
        owner,
        first_name="Zoë",
        last_name="Martin",
        company="",
        role="Illustratorin",
        emails=["zoe.martin@example.com"],
        tags=["Design"],
        category="einhorn",
    )
    zoe.set_links({"xing": "https://www.xing.com/profile/Zoe_Martin"})
    batch = read(client_owner, tasks_run, fixture("linkedin-Connections.csv"))
    (duplicate,) = [row for row in batch.rows if row["kind"] == "duplicate"]
    assert duplicate["choice"] == "merge"

    commit(client_owner, tasks_run, batch)

    zoe.refresh_from_db()
    assert zoe.company == "Studio Nord GmbH, Hamburg"
    # What the user entered stays.
    assert (zoe.role, zoe.category) == ("Illustratorin", "einhorn")
    assert zoe.links_by_channel() == {
        "xing": "https://www.xing.com/profile/Zoe_Martin",
        "linkedin": "https://www.linkedin.com/in/zoe-martin-design",
    }
    assert sorted(t.name for t in zoe.tags.all()) == ["Design", f"LinkedIn {timezone.localdate()}"]
    assert Contact.objects.for_owner(owner).search("hamburg").get() == zoe
    assert Contact.objects.filter(owner=owner, last_name="Martin").count() == 1
    assert batch.result == {"created": 4, "merged": 1, "skipped": 0}


def test_a_row_merged_into_an_earlier_row_makes_one_contact(client_owner, owner, tasks_run):
    batch = read(
        client_owner,
        tasks_run,
        fixture("linkedin-Connections.csv"),
        fixture("ios-contacts-3.0.vcf"),
    )
    zoe_again = next(i for i, row in enumerate(batch.rows) if row["kind"] == "duplicate")
    assert batch.rows[zoe_again]["match"]["row"] == 1
    commit(client_owner, tasks_run, batch, {zoe_again: "merge"})
    zoe = Contact.objects.get(owner=owner, first_name="Zoë")
    assert zoe.emails == ["zoe.martin@example.com", "zoe@studio-nord.example"]
    assert set(zoe.links_by_channel()) == {"linkedin", "xing"}
    assert zoe.how_we_met.startswith("Auf LinkedIn vernetzt")


def test_skip_and_create_are_followed(client_owner, owner, tasks_run):
    make_contact(owner, first_name="Anna", last_name="Adler")
    make_contact(owner, first_name="Jürgen", last_name="Weiß")
    batch = read(client_owner, tasks_run, fixture("linkedin-Connections.csv"))
    duplicates = {
        row["data"]["last_name"]: i
        for i, row in enumerate(batch.rows)
        if row["kind"] == "duplicate"
    }
    anna, weiss = duplicates["Adler"], duplicates["Weiß"]
    commit(client_owner, tasks_run, batch, {anna: "create", weiss: "skip"})
    assert Contact.objects.filter(owner=owner, last_name="Adler").count() == 2
    assert Contact.objects.filter(owner=owner, last_name="Weiß").count() == 1
    assert batch.result["skipped"] == 1


def test_a_failing_commit_writes_nothing_and_keeps_the_preview(
    client_owner, owner, tasks_run, monkeypatch
):
    batch = read(client_owner, tasks_run, fixture("linkedin-Connections.csv"))

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(committing, "_merge", broken)
    commit(client_owner, tasks_run, batch)

    assert Contact.objects.filter(owner=owner).count() == 0
    assert batch.state == ImportState.READY
    assert "nothing was written" in batch.error or "nichts geschrieben" in batch.error
    assert len(batch.rows) == 5


def test_committing_twice_writes_once(client_owner, owner, tasks_run):
    batch = read(client_owner, tasks_run, fixture("xing-Sabine_Keller.vcf"))
    commit(client_owner, tasks_run, batch)
    assert committing.commit(batch.pk) is False
    assert Contact.objects.filter(owner=owner).count() == 1


def test_the_commit_costs_the_same_queries_for_few_and_many_rows(
    owner, django_assert_max_num_queries
):
    def batch_of(size):
        row = {
            "file": 0,
            "line": 2,
            "source": "LinkedIn",
            "kind": "new",
            "error": "",
            "choice": "create",
            "match": None,
        }
        rows = [
            {
                **row,
                "data": {
                    "first_name": f"P{n}",
                    "last_name": "Q",
                    "links": {"linkedin": f"https://linkedin.com/in/p{n}"},
                },
            }
            for n in range(size)
        ]
        return ImportBatch.objects.create(owner=owner, state="committing", rows=rows)

    for size in (3, 120):
        batch = batch_of(size)
        with django_assert_max_num_queries(14):
            assert committing.commit(batch.pk)
    assert Contact.objects.filter(owner=owner).count() == 123


def test_vcards_exported_and_imported_again_are_the_same_contacts(client_owner, owner, tasks_run):
    """Roundtrip: what vCard carries comes back equal (the source tag is added)."""
    someone = make_user("quelle@example.com")
    first = make_contact(
        someone,
        first_name="Jürgen",
        last_name="Weiß",
        company="Weiß & Söhne",
        role="Inhaber",
        city="Berlin",
        emails=["juergen@example.com", "j@example.org"],
        phones=["+49 171 2345678"],
        birthday_day=29,
        birthday_month=2,
        how_we_met="re:publica 2024",
        interests="Fahrräder, Holz",
        notes="Erste Zeile\nZweite Zeile, mit Komma; und Semikolon",
        tags=["Handwerk", "Berlin"],
    )
    first.set_links(
        {"linkedin": "https://www.linkedin.com/in/jw", "website": "https://weiss.example"}
    )
    make_contact(
        someone,
        first_name="李",
        last_name="雷",
        birthday_day=1,
        birthday_month=1,
        birthday_year=1990,
    )
    exported = (
        Contact.objects.filter(owner=someone).prefetch_related("links", "tags").order_by("id")
    )
    text = "".join(contacts_to_vcards(exported))

    batch = read(client_owner, tasks_run, made("export.vcf", text))
    commit(client_owner, tasks_run, batch)

    source_tag = f"vCard {timezone.localdate()}"
    imported = Contact.objects.filter(owner=owner).prefetch_related("links", "tags").order_by("id")
    again = [ContactData.from_contact(c) for c in imported]
    for data in again:
        data.tags.remove(source_tag)
    expected = [ContactData.from_contact(c) for c in exported]
    for one in (*again, *expected):
        one.tags.sort()
    assert again == expected
