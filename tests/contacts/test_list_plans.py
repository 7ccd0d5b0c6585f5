"""The list's queries stay index walks at 10,000 contacts (Postgres plans; SQLite has no EXPLAIN
ANALYZE worth asserting)."""

import datetime

import pytest
from django.db import connection

from contacts.models import Contact
from contacts.paging import PAGE_SIZE, SORTS
from contacts.text import canonical

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL"),
]

CONTACTS = 10_000


@pytest.fixture
def big_list(owner, outsider):
    for who, count in ((owner, CONTACTS), (outsider, 500)):
        Contact.objects.bulk_create(
            [
                Contact(owner=who, first_name=f"Vorname{n:05}", sort_name=canonical(f"name{n:05}"))
                for n in range(count)
            ],
            batch_size=2_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contacts_contact")


def rows_removed(plan: str) -> int:
    """The rows the plan read and threw away (its "Rows Removed by Filter" lines)."""
    return sum(int(line.split(":")[1]) for line in plan.splitlines() if "Removed by Filter" in line)


def first_page_plan(listed, sort_name: str) -> str:
    """EXPLAIN ANALYZE of the list's first page of `listed`, sorted by `sort_name`, with the
    table's statistics fresh."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contacts_contact")
    rows = listed.list_rows().order_by(*SORTS[sort_name].order_by())[: PAGE_SIZE + 1]
    return rows.explain(analyze=True)


@pytest.mark.parametrize("sort_name", ["name", "recent", "longest", "newest"])
def test_a_deep_page_starts_the_index_scan_at_the_cursor(owner, big_list, sort_name):
    sort = SORTS[sort_name]
    listed = Contact.objects.for_owner(owner).visible().with_sort_keys().order_by(*sort.order_by())
    row = listed[int(CONTACTS * 0.9)]
    cursor = sort.decode(sort.cursor_for(row))

    plan = sort.after(listed, cursor).for_list()[: PAGE_SIZE + 1].explain(analyze=True)
    print(plan)

    # Only a page's worth of rows is read, not the 9,000 before the cursor.
    assert rows_removed(plan) < PAGE_SIZE, plan
    assert "Seq Scan" not in plan


@pytest.mark.parametrize("sort_name", ["name", "recent", "longest", "newest"])
@pytest.mark.parametrize("status", ["active", "all"])
def test_a_first_page_reads_no_other_users_contacts(owner, outsider, sort_name, status):
    # Contacts are numbered in the order they were added, across all users: here the owner's
    # 2,000 come first and 20,000 of other users after them, as for an early user of a busy
    # server. The newest first must not walk back through everyone's newer contacts.
    for who, count in ((owner, 2_000), (outsider, 20_000)):
        Contact.objects.bulk_create(
            [Contact(owner=who, first_name=f"V{n:05}", sort_name=f"n{n:05}") for n in range(count)],
            batch_size=5_000,
        )
    listed = Contact.objects.for_owner(owner)
    if status == "active":
        listed = listed.visible()

    plan = first_page_plan(listed, sort_name)

    assert rows_removed(plan) < PAGE_SIZE, plan


@pytest.mark.parametrize("sort_name", ["name", "recent", "longest"])
def test_a_rare_category_is_found_without_walking_the_others(owner, sort_name):
    # One Einhorn in twenty, the rest Pinguine never contacted: the longest-not-contacted
    # Einhörner must not be found by walking through the Pinguine before them.
    Contact.objects.bulk_create(
        [
            Contact(
                owner=owner,
                first_name=f"V{n:05}",
                sort_name=f"n{n:05}",
                category="einhorn" if n % 20 == 0 else "pinguin",
                last_contacted_on=datetime.date(2026, 1, 1) if n % 20 == 0 else None,
            )
            for n in range(10_000)
        ],
        batch_size=5_000,
    )
    listed = Contact.objects.for_owner(owner).visible().filter(category="einhorn")

    plan = first_page_plan(listed, sort_name)

    assert rows_removed(plan) < PAGE_SIZE, plan
