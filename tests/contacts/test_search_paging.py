"""Search pages: the walk with a budget and the index way give exactly the plain query's pages.

The budget is made small here (WALK_ROWS = 20 of 240 contacts) so that every path is taken:
a common word fills a page within the walk, a word of middling frequency walks on, a last
name clustered in the alphabet goes to the index. Whatever the path, the pages in a row must
list every match once, in the list's order, and nobody else's contacts.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts import search_paging
from contacts.models import Contact
from contacts.paging import SORTS
from contacts.search_paging import searched_page
from tests.factories import make_contact, make_user
from tests.shared_rows import rows_for_several_tests

TODAY = timezone.localdate()
LAST_NAMES = ["Adler", "Becker", "Engel", "Fuchs", "Krause", "Lang", "Otto", "Roth"]


@pytest.fixture(scope="module")
def people(django_db_setup, django_db_blocker):
    """The owner's 240 contacts and an outsider's 30, built once: the tests only read them."""
    with rows_for_several_tests(django_db_blocker):
        owner = make_user("owner@example.com")
        outsider = make_user("outsider@example.com")
        for n in range(240):
            # Every 2nd met at "kaffee" (common), every 9th a "segler" (middling), and the
            # Zimmermanns sort last: a rare name that only the index finds quickly.
            notes = " ".join(w for w, every in (("kaffee", 2), ("segler", 9)) if n % every == 0)
            last = "Zimmermann" if n % 40 == 7 else LAST_NAMES[n % len(LAST_NAMES)]
            contact = make_contact(owner, first_name=f"P{n:03}", last_name=last, notes=notes)
            if n % 3:
                contact.log_interaction(kind="coffee", date=TODAY - datetime.timedelta(days=n % 50))
        for n in range(30):
            make_contact(
                outsider, first_name=f"O{n}", last_name="Zimmermann", notes="kaffee segler"
            )
        yield owner


@pytest.fixture
def network(people, db, monkeypatch):
    monkeypatch.setattr(search_paging, "WALK_ROWS", 20)
    monkeypatch.setattr(search_paging, "COMMON", 3)
    return people


def all_pages(owner, query: str, sort_name: str, size: int) -> list[int]:
    sort = SORTS[sort_name]
    listed = Contact.objects.for_owner(owner).visible().for_list()
    shown, cursor = [], None
    while True:
        page = searched_page(listed, query, sort, cursor, size=size)
        shown += [row.pk for row in page.rows]
        if page.next_cursor is None:
            return shown
        cursor = sort.decode(page.next_cursor)


def expected(owner, query: str, sort_name: str) -> list[int]:
    sort = SORTS[sort_name]
    matches = Contact.objects.for_owner(owner).visible().for_list().search(query)
    return list(matches.order_by(*sort.order_by()).values_list("pk", flat=True))


@pytest.mark.parametrize("sort_name", ["name", "recent", "longest", "newest"])
@pytest.mark.parametrize("query", ["kaffee", "segler", "zimmerm", "kaffee segler", "nobody"])
def test_the_pages_list_every_match_once_in_the_lists_order(network, query, sort_name):
    want = expected(network, query, sort_name)

    assert all_pages(network, query, sort_name, size=7) == want
    if query != "nobody":
        assert want, "the network holds matches for this word"


def test_each_way_is_taken_for_the_word_it_suits(network, django_assert_num_queries):
    sort = SORTS["name"]
    listed = Contact.objects.for_owner(network).visible()

    def page(query):
        return searched_page(listed, query, sort, None, size=5)

    # A common word: the walk alone fills the page.
    with django_assert_num_queries(1):
        assert len(page("kaffee").rows) == 5
    # Rare within the walk: the index is asked, and finds the Zimmermanns at the end.
    with django_assert_num_queries(2):
        rows = page("zimmerm").rows
    assert {row.last_name for row in rows} == {"Zimmermann"}
    assert all(row.owner_id == network.pk for row in rows)


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the index finds the matches exactly on Postgres"
)
def test_typing_on_after_a_rare_part_asks_the_index_at_once(network, django_assert_num_queries):
    sort = SORTS["name"]
    listed = Contact.objects.for_owner(network).visible()
    scope = f"{network.pk}:::"

    def page(query, scope=scope):
        return [row.pk for row in searched_page(listed, query, sort, None, 5, scope).rows]

    # The walk finds too few, the index answers: the part is remembered for this list.
    with django_assert_num_queries(2):
        zimm = page("zimm")
    # Each key after it only adds letters or a word: no walk, the same rows as without.
    for typed in ("zimme", "Zimmermann", "zimmermann p0"):
        without = page(typed, scope=None)
        with django_assert_num_queries(1):
            assert page(typed) == without, typed
    assert page("zimme") == zimm
    # Another word, or another list (a filter, another user), walks first again.
    with django_assert_num_queries(2):
        page("segl")
    with django_assert_num_queries(2):
        page("zimmer", scope=f"{network.pk}::einhorn:")


def test_the_search_works_with_the_cache_unreachable(network, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(search_paging.cache, "get", unreachable)
    monkeypatch.setattr(search_paging.cache, "set", unreachable)
    sort = SORTS["name"]
    listed = Contact.objects.for_owner(network).visible().for_list()

    for query in ("zimm", "zimme"):
        page = searched_page(listed, query, sort, None, 50, scope=f"{network.pk}:::")
        assert [row.pk for row in page.rows] == expected(network, query, "name")


@pytest.mark.parametrize("query", ["kaffee", "segler", "zimmerm", "p00", "nobody"])
def test_the_people_picker_offers_the_first_matches_by_name_without_the_chosen(network, query):
    everyone = Contact.objects.for_owner(network)
    chosen = list(everyone.search(query).order_by("sort_name", "id").values_list("pk", flat=True))
    chosen = chosen[:2]
    want = everyone.visible().search(query).exclude(pk__in=chosen).order_by("sort_name", "id")

    offered = everyone.matching(query, exclude_ids=chosen, limit=7, scope=f"people:{network.pk}")

    assert [c.pk for c in offered] == list(want.values_list("pk", flat=True)[:7])


def test_a_list_that_ends_within_the_walk_is_searched_by_the_walk_alone(db, monkeypatch):
    # A small network: whatever the walk finds in it is every match, and the index, whose
    # entries for a word part are every user's, is not asked.
    monkeypatch.setattr(search_paging, "WALK_ROWS", 20)
    owner, outsider = make_user("small@example.com"), make_user("big@example.com")
    for n in range(15):
        make_contact(owner, first_name=f"K{n:02}", last_name="Zimmermann" if n == 11 else "Lang")
    for n in range(40):
        make_contact(outsider, first_name=f"O{n}", last_name="Zimmermann")
    listed = Contact.objects.for_owner(owner).visible().for_list()

    with CaptureQueriesContext(connection) as run:
        page = searched_page(listed, "zimmer", SORTS["name"], None, size=10)

    assert [row.first_name for row in page.rows] == ["K11"]
    assert page.next_cursor is None
    assert len(run.captured_queries) == 1  # the walk


def test_a_list_one_row_longer_than_the_walk_asks_the_index(db, monkeypatch):
    # The 21st contact is the only match: the walk of 20 cannot see it, and must not take its
    # empty result for the answer.
    monkeypatch.setattr(search_paging, "WALK_ROWS", 20)
    owner = make_user("edge@example.com")
    for n in range(21):
        make_contact(owner, first_name=f"K{n:02}", last_name="Zimmermann" if n == 20 else "Lang")
    listed = Contact.objects.for_owner(owner).visible().for_list()

    page = searched_page(listed, "zimmer", SORTS["name"], None, size=10)

    assert [row.first_name for row in page.rows] == ["K20"]
