"""Keyset paging: every contact is shown exactly once, in order, however the list is sorted."""

import base64
import datetime

import pytest

from contacts.models import Contact
from contacts.paging import PAGE_SIZE, SORTS, keyset_page
from tests.factories import make_contact

# A fixed "latest contact" day: paging does not care what today is.
TODAY = datetime.date(2024, 6, 15)


def encode(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def contacts_of(owner):
    return Contact.objects.for_owner(owner).with_sort_keys()


def walk(owner, sort_name: str, size: int = 3) -> list[int]:
    """Page through the whole list the way the view does: cursor string out, decoded back in."""
    sort = SORTS[sort_name]
    seen, cursor, pages = [], None, 0
    while True:
        page = keyset_page(contacts_of(owner), sort, cursor, size=size)
        assert len(page.rows) <= size
        seen.extend(row.pk for row in page.rows)
        pages += 1
        assert pages < 100, "paging does not end"
        if page.next_cursor is None:
            return seen
        cursor = sort.decode(page.next_cursor)
        assert cursor is not None


def never_contacted_last(contact: Contact) -> datetime.date:
    return contact.last_contacted_on or datetime.date(1, 1, 1)


EXPECTED_ORDER = {
    "name": lambda c: (c.sort_name, c.pk),
    "recent": lambda c: (never_contacted_last(c), c.pk),
    "longest": lambda c: (never_contacted_last(c), c.pk),
    "newest": lambda c: c.pk,
}
DESCENDING = {"name": False, "recent": True, "longest": False, "newest": True}


@pytest.fixture
def crowd(owner, outsider):
    """Contacts with ties on every sort key: shared last names, shared dates, never contacted."""
    people = []
    for first in ["Anna", "Bernd", "Clara", "Dieter"]:
        people.append(make_contact(owner, first_name=first, last_name="Schmidt"))
    for first, last in [("Eva", "Müller"), ("Frank", "Mueller"), ("Gül", "Özdemir")]:
        people.append(make_contact(owner, first_name=first, last_name=last))
    # Same first and last name twice: only the id tells them apart.
    people.append(make_contact(owner, first_name="Hans", last_name="Meier"))
    people.append(make_contact(owner, first_name="Hans", last_name="Meier"))
    people.append(make_contact(owner, first_name="", last_name="", company="Nur Firma AG"))
    people.append(make_contact(owner, first_name="Ida", last_name="Zander"))
    people.append(make_contact(owner, first_name="Jan", last_name="Albers"))
    days = [3, 3, 3, 10, None, 10, 0, 3, None, 400, None, 3]
    for person, ago in zip(people, days, strict=True):
        if ago is not None:
            person.log_interaction(kind="call", date=TODAY - datetime.timedelta(days=ago))
    make_contact(outsider, first_name="Fremd", last_name="Schmidt")
    return people


@pytest.mark.parametrize("sort_name", ["name", "recent", "longest", "newest"])
@pytest.mark.parametrize("size", [1, 3, 5, 12, 50])
def test_it_visits_every_contact_exactly_once_in_order(owner, crowd, sort_name, size):
    seen = walk(owner, sort_name, size=size)

    contacts = list(contacts_of(owner))
    expected = sorted(contacts, key=EXPECTED_ORDER[sort_name], reverse=DESCENDING[sort_name])
    assert seen == [c.pk for c in expected]
    assert len(seen) == len(set(seen)) == len(crowd)


@pytest.mark.parametrize("sort_name", ["name", "recent", "longest", "newest"])
def test_it_pages_in_the_same_order_as_the_database_sorts(owner, crowd, sort_name):
    sort = SORTS[sort_name]

    in_one_go = list(contacts_of(owner).order_by(*sort.order_by()).values_list("pk", flat=True))

    assert walk(owner, sort_name, size=2) == in_one_go


def test_it_sorts_by_name_with_umlauts_folded(owner, crowd):
    seen = walk(owner, "name", size=4)

    last_names = [Contact.objects.get(pk=pk).last_name for pk in seen]
    assert last_names[0] == "Albers"
    assert last_names[-1] == "Zander"
    # Müller and Mueller are the same name to the sort: adjacent, before "Nur Firma", before Ö.
    assert last_names.index("Müller") + 1 == last_names.index("Mueller")
    assert last_names.index("Özdemir") > last_names.index("Meier")


def test_it_puts_the_most_recently_contacted_first_and_never_contacted_last(owner, crowd):
    seen = walk(owner, "recent", size=2)

    dates = [Contact.objects.get(pk=pk).last_contacted_on for pk in seen]
    assert dates[0] == TODAY
    assert dates[-3:] == [None, None, None]
    assert dates[:-3] == sorted(dates[:-3], reverse=True)


def test_it_puts_the_never_contacted_first_when_longest_without_contact(owner, crowd):
    seen = walk(owner, "longest", size=2)

    dates = [Contact.objects.get(pk=pk).last_contacted_on for pk in seen]
    assert dates[:3] == [None, None, None]
    assert dates[3] == TODAY - datetime.timedelta(days=400)
    assert dates[3:] == sorted(dates[3:])


def test_it_does_not_drop_rows_when_a_page_ends_inside_a_tie(owner):
    # Seven Schmidts contacted on the same day: every page boundary falls inside the tie.
    schmidts = [make_contact(owner, first_name="Kim", last_name="Schmidt") for _ in range(7)]
    for person in schmidts:
        person.log_interaction(kind="coffee", date=TODAY)

    for sort_name in SORTS:
        seen = walk(owner, sort_name, size=2)
        assert sorted(seen) == sorted(p.pk for p in schmidts), sort_name
        assert len(seen) == len(set(seen)), sort_name


def test_it_has_no_next_page_when_everything_fits(owner):
    make_contact(owner)
    make_contact(owner)

    page = keyset_page(contacts_of(owner), SORTS["name"], None, size=2)

    assert len(page.rows) == 2
    assert page.next_cursor is None


def test_it_returns_an_empty_page_for_an_owner_without_contacts(owner):
    page = keyset_page(contacts_of(owner), SORTS["recent"], None)

    assert page.rows == []
    assert page.next_cursor is None


def test_it_uses_pages_of_fifty_by_default(owner):
    for _ in range(PAGE_SIZE + 2):
        make_contact(owner)

    first = keyset_page(contacts_of(owner), SORTS["newest"], None)
    second = keyset_page(
        contacts_of(owner), SORTS["newest"], SORTS["newest"].decode(first.next_cursor)
    )

    assert len(first.rows) == PAGE_SIZE
    assert len(second.rows) == 2
    assert second.next_cursor is None


def test_it_round_trips_a_cursor(owner):
    contact = make_contact(owner, last_name="Schmidt")
    contact.log_interaction(kind="call", date=datetime.date(2024, 2, 29))
    row = contacts_of(owner).get()

    assert SORTS["recent"].decode(SORTS["recent"].cursor_for(row)) == [
        datetime.date(2024, 2, 29),
        contact.pk,
    ]
    assert SORTS["name"].decode(SORTS["name"].cursor_for(row)) == [row.sort_name, contact.pk]
    # Newest first is ordered by -id (the index of the owner's contacts serves it).
    assert SORTS["newest"].decode(SORTS["newest"].cursor_for(row)) == [-contact.pk, contact.pk]


@pytest.mark.parametrize(
    ("sort_name", "cursor"),
    [
        ("name", "not base64 at all!"),
        ("name", ""),
        ("name", encode("not json")),
        ("name", encode("[1, 2, 3]")),
        ("name", encode('[["nested"], 1]')),
        ("name", encode('["schmidt", "x"]')),
        ("name", encode('{"a": 1, "b": 2}')),
        ("name", encode('["schmidt", 1e400]')),
        ("recent", encode('["yesterday", 1]')),
        ("recent", encode("[null, 1]")),
        ("recent", encode('["2024-02-30", 1]')),
        ("recent", encode('["2024-01-01", 1e400]')),
        ("newest", encode('["abc"]')),
        ("newest", encode("[1]")),  # the cursor of before the sort was by -id
        ("newest", encode('["-5", 5]')),
        ("newest", encode("[true, 5]")),
        ("newest", encode("[-5.5, 5]")),
        ("newest", encode("[NaN]")),
        ("newest", encode("[1e400]")),
        ("newest", encode("[[1]]")),
    ],
)
def test_it_rejects_a_tampered_cursor(sort_name, cursor):
    assert SORTS[sort_name].decode(cursor) is None


def test_it_rejects_a_cursor_of_another_sort(owner):
    make_contact(owner)
    row = contacts_of(owner).get()

    assert SORTS["recent"].decode(SORTS["name"].cursor_for(row)) is None
    assert SORTS["newest"].decode(SORTS["name"].cursor_for(row)) is None
