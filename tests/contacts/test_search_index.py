"""Search stays an index lookup at 10,000 contacts: Postgres uses the index of word suffixes
(contacts/models/search.py), and finds exactly what the LIKE of the text finds.

SQLite has no such index (it scans the owner's rows), so these tests need Postgres.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.forms import ContactFilterForm
from contacts.models import Contact
from contacts.models.search import SEARCH_INDEX, create_search_rows
from contacts.paging import PAGE_SIZE, SORTS
from contacts.search_paging import _from_index, unindexed_order
from contacts.text import canonical, search_document
from tests.contacts.test_list_plans import rows_removed
from tests.factories import make_interaction, make_user
from tests.shared_rows import rows_for_several_tests

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the word-suffix index exists on PostgreSQL only",
    ),
]

CONTACTS = 10_000
FIRST_NAMES = ["Anna", "Jonas", "Lea", "Felix", "Mia", "Paul", "Emma", "Ben", "Sofia", "Noah"]
LAST_NAMES = ["Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann"]
# Spellings "muell" must not find: close, but another name.
DECOYS = ["Möller", "Miller", "Mahler", "Moll"]
CITIES = ["Berlin", "Hamburg", "Köln", "Leipzig", "Freiburg"]


def _contact(owner, n: int, last_name: str, city: str) -> Contact:
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    company = f"Büro {n % 97}"
    contact = Contact(
        owner=owner,
        first_name=first,
        last_name=last_name,
        company=company,
        city=city,
        # Contact.save() derives these; bulk_create does not call save().
        sort_name=canonical(f"{last_name} {first}"),
    )
    contact.new_search_text = search_document(first, last_name, company, city)
    return contact


def build_contacts(owner, count: int) -> dict[str, set[int]]:
    """Bulk-create contacts; returns the ids of the Müllers and of the people from Müllheim."""
    rows, kinds = [], []
    for n in range(count):
        last_name, city, kind = LAST_NAMES[n % len(LAST_NAMES)], CITIES[n % len(CITIES)], None
        # In every 500: two of each spelling of Müller, one person from Müllheim, the decoys.
        match n % 500:
            case 0 | 250:
                last_name, kind = "Müller", "mueller"
            case 1 | 251:
                last_name, kind = "Mueller", "mueller"
            case 2 | 252:
                last_name, kind = "Muller", "mueller"
            case 3:
                city, kind = "Müllheim", "muellheim"
            case 4 | 5 | 6 | 7:
                last_name = DECOYS[n % 500 - 4]
        rows.append(_contact(owner, n, last_name, city))
        kinds.append(kind)
    created = Contact.objects.bulk_create(rows, batch_size=2_000)
    create_search_rows(created)
    ids: dict[str, set[int]] = {"mueller": set(), "muellheim": set()}
    for contact, kind in zip(created, kinds, strict=True):
        if kind:
            ids[kind].add(contact.pk)
    return ids


def list_search(owner, query: str):
    """The query the contact list runs for a search: filters, sort keys, one page plus one."""
    form = ContactFilterForm({"q": query})
    assert form.is_valid(), form.errors
    sort = form.sort_choice()
    qs = form.filter(Contact.objects.for_owner(owner)).with_sort_keys()
    return qs.order_by(*sort.order_by())[: PAGE_SIZE + 1]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker) -> dict:
    """The owner's 10,000 contacts and an outsider's 500, built once: the tests only read them
    (and what one adds is rolled back after it)."""
    with rows_for_several_tests(django_db_blocker):
        owner, outsider = make_user("owner@example.com"), make_user("outsider@example.com")
        ids = build_contacts(owner, CONTACTS)
        build_contacts(outsider, 500)
        with connection.cursor() as cursor:
            # Bulk inserts wait in the GIN index's pending list until (auto)vacuum merges them,
            # and the planner avoids an index with a long pending list. A settled table has
            # them merged.
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
            cursor.execute("ANALYZE contacts_contact")
            cursor.execute("ANALYZE contacts_contactsearch")
        yield {"owner": owner, "ids": ids}


@pytest.fixture
def owner(built, db):
    return built["owner"]


@pytest.fixture
def big_network(built, db) -> dict[str, set[int]]:
    return built["ids"]


def found(owner, query: str) -> set[int]:
    return set(Contact.objects.for_owner(owner).search(query).values_list("pk", flat=True))


def plan_of(owner, query: str) -> str:
    plan = list_search(owner, query).explain(analyze=True)
    print(f"\nPlan for {query!r} among {CONTACTS:,} contacts:\n{plan}")
    return plan


def test_the_index_of_suffixes_and_owners_exists_and_the_earlier_ones_are_gone(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'contacts_contactsearch' AND indexname != %s",
            ["contacts_contactsearch_pkey"],
        )
        indexes = dict(cursor.fetchall())

    # Neither the trigrams, nor the suffixes beside an owner column, nor the owner's btree
    # index, which the planner combined with the suffixes by reading all an owner's entries.
    assert list(indexes) == [SEARCH_INDEX]
    assert "USING gin (contact_search_keys(text, owner_id))" in indexes[SEARCH_INDEX]


def test_a_search_reads_no_other_users_candidates(owner, big_network):
    # The outsider has people from Müllheim too: the index condition names the owner, so
    # theirs are never fetched to be thrown away.
    plan = plan_of(owner, "müllheim")

    assert f"Bitmap Index Scan on {SEARCH_INDEX}" in plan
    # The owner is a condition of its own on the index, which the scan steps through
    # together with the words' (contacts/models/search.py, SuffixMatch).
    assert f"@@ ''' owner {owner.pk}'''::tsquery" in plan
    assert rows_removed(plan) == 0, plan


def test_a_rare_word_is_looked_up_in_the_suffix_index(owner, big_network):
    plan = plan_of(owner, "müllheim")

    assert f"Bitmap Index Scan on {SEARCH_INDEX}" in plan


def test_the_list_search_for_muell_can_use_the_suffix_index(owner, big_network):
    plan = plan_of(owner, "muell")
    # Never a scan of everybody's search texts, whichever index the planner picks. (The
    # contacts themselves may be read whole here, where the owner holds 95 % of them; among
    # many users, as in the benchmark, the planner looks each match up by id.)
    assert "Seq Scan on contacts_contactsearch" not in plan

    if SEARCH_INDEX not in plan:
        # For a common word part the planner may rather walk the owner's name index until a
        # page is full. Forbidding plain index and sequential scans in this transaction only
        # proves that the suffix index serves this very query.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        plan = plan_of(owner, "muell")

    assert f"Bitmap Index Scan on {SEARCH_INDEX}" in plan


def test_the_search_finds_every_spelling_of_mueller_and_only_the_owners(owner, big_network):
    assert len(big_network["mueller"]) == 20 * 6

    for query in ("Müller", "mueller", "MULLER"):
        assert found(owner, query) == big_network["mueller"], query


def test_a_word_part_finds_names_and_cities_but_no_lookalikes(owner, big_network):
    hits = found(owner, "muell")

    assert hits == big_network["mueller"] | big_network["muellheim"]
    assert not Contact.objects.filter(pk__in=hits, last_name__in=DECOYS).exists()


def test_the_list_shows_the_first_page_of_matches_in_name_order(owner, big_network):
    rows = list(list_search(owner, "muell"))

    assert len(rows) == PAGE_SIZE + 1
    assert {row.pk for row in rows} <= big_network["mueller"] | big_network["muellheim"]
    assert [row.sort_name for row in rows] == sorted(row.sort_name for row in rows)


def test_the_search_finds_a_word_from_interaction_notes(owner, big_network):
    contact = Contact.objects.for_owner(owner).get(pk=min(big_network["muellheim"]))
    make_interaction(contact, notes="Sie kocht Quittenmarmelade nach Omas Rezept")

    assert found(owner, "quittenmarmelade") == {contact.pk}
    assert found(owner, "quittenmarmelade müllheim") == {contact.pk}


def test_typing_a_rare_name_asks_the_suffix_index_not_the_name_index(owner, big_network):
    # What the list runs when the walk through the first rows found too few matches
    # (contacts.search_paging): its order cannot be read off an index, so the matches come
    # from the suffix index, however the planner weighs a LIMIT.
    sort = SORTS["name"]
    listed = Contact.objects.for_owner(owner).visible().for_list()
    query = listed.search("müllh").order_by(*unindexed_order(sort))[: PAGE_SIZE + 1]

    plan = query.explain(analyze=True)
    print(plan)

    assert f"Bitmap Index Scan on {SEARCH_INDEX}" in plan
    assert "contact_owner_name" not in plan
    assert "Seq Scan" not in plan
    assert {row.pk for row in query} == big_network["muellheim"]


def test_many_matches_in_name_order_read_only_the_pages_contacts(owner, big_network):
    # "berlin": 2,000 of the owner's texts. The search table holds each contact's sort name,
    # so the matches are ordered there and only the first page's contacts are read; ordering
    # the joined rows instead read all 2,000 contacts for a page of 21.
    sort = SORTS["name"]
    listed = Contact.objects.for_owner(owner).visible().for_list().order_by(*sort.order_by())
    with CaptureQueriesContext(connection) as queries:
        rows = _from_index(listed, "berlin", sort, None, 20)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {queries[-1]['sql']}")
        plan = "\n".join(line for (line,) in cursor.fetchall())
    print(plan)

    reads = re.findall(r"on contacts_contact\b.*rows=(\d+) loops=(\d+)", plan)
    assert reads, plan
    assert sum(int(rows) * int(loops) for rows, loops in reads) <= 21, plan
    assert f"Bitmap Index Scan on {SEARCH_INDEX}" in plan
    want = listed.filter(city="Berlin").values_list("pk", flat=True)[:21]
    assert [row.pk for row in rows] == list(want)
