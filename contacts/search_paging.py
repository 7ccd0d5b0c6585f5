"""A page of search results that stays fast for common and for rare words alike.

A search page can be found two ways, and each is slow where the other is fast:

- walk the list in its sort order and test each row: a common word ("hof", in thousands of
  notes) fills a page after a few hundred rows, but a rare one, or a last name, whose matches
  sit together in the alphabet ("Zimmermann"), only after walking most of the list;
- ask the index for every match and sort them: a rare word's few rows come at once, a
  common word's thousands each cost a visit to the table.

The database's planner picks one from its estimates, which cannot know that names cluster in
the alphabet, so for a name it may walk a large part of a big list. Here the walk gets a
budget: at most WALK_ROWS rows. A full page within the budget is the answer (the
first matches in sort order lie within it), and so is what it found in a list that ended
within the budget (a small network never asks the index, whose entries for a word part are
every user's). Otherwise the index is asked, with an ordering it cannot read off the name
index: on Postgres it finds exactly the matches (the word-suffix index,
contacts/models/search.py), so a word that fills less than a page in the walk has few enough
of them; they are put in name order in the search table, which holds each contact's sort
name, and only the first page's contacts are read. Where the index cannot narrow (SQLite, a
word of one or two letters), many matches but not a page means a common word, and the walk
goes on instead. One query for most pages, two at most.

While typing, each key makes the word longer, and a longer word matches only texts that the
shorter one matched. So where the index answered (Postgres), the word is remembered for a
while for that user's list (`scope`, the filters included): the next key that only adds to
it asks the index at once, without walking first. What is found does not depend on it.
"""

import logging

from django.core.cache import cache
from django.db import connections
from django.db.models import F, QuerySet, Window, prefetch_related_objects
from django.db.models.functions import Lower, RowNumber

from .models import Contact, ContactSearch
from .models.contact import LIST_FIELDS
from .models.search import suffix_match, text_matches
from .paging import PAGE_SIZE, Page, Sort, page_of
from .text import search_terms

logger = logging.getLogger(__name__)

WALK_ROWS = 1_000
# Matches within the walk that make a word common enough to go on walking (1 in 200 rows).
COMMON = WALK_ROWS // 200


def _walk(listed: QuerySet, query: str, sort: Sort, limit: int) -> tuple[list[Contact], bool]:
    """The matches among the first WALK_ROWS rows of the list, in its order, and whether the
    list goes on past them (if not, these are all the matches there are).

    The bound is a LIMIT inside a subquery, so no plan can read past it (a bound written as
    a condition lets the planner pick the index way for the walk as well). The subquery reads
    one row more, numbered, which comes back whether it matches or not: it sorts after every
    walked row, so it is there whenever the matches leave room for it.
    """
    connection = connections[listed.db]
    quote = connection.ops.quote_name
    walked = listed.only(*LIST_FIELDS).annotate(
        search_text=F("search__text"), walk_n=Window(RowNumber(), order_by=sort.order_by())
    )
    sql, params = walked[: WALK_ROWS + 1].query.sql_with_params()
    conditions, like = [], []
    for forms in search_terms(query):
        tests = " OR ".join(["walk.search_text LIKE %s ESCAPE '\\'"] * len(forms))
        conditions.append(f"({tests})")
        like += [f"%{connection.ops.prep_for_like_query(form)}%" for form in forms]
    order = ", ".join(
        f"walk.{quote(field.lstrip('-'))} {'DESC' if field.startswith('-') else 'ASC'}"
        for field in sort.order_by()
    )
    # Fixed conditions, quoted field names of the sort and ints go into the text; the
    # search terms are params.
    walk = (
        f"SELECT * FROM ({sql}) walk "  # nosec B608
        f"WHERE ({' AND '.join(conditions) or '1 = 1'}) OR walk.walk_n > {int(WALK_ROWS)} "
        f"ORDER BY {order} LIMIT {int(limit)}"
    )
    rows = list(Contact.objects.db_manager(listed.db).raw(walk, [*params, *like]))
    goes_on = bool(rows) and rows[-1].walk_n > WALK_ROWS
    return (rows[:-1] if goes_on else rows), goes_on


def unindexed_order(sort: Sort) -> list:
    """The same order, written so that no index of the list matches it: the planner must
    collect the matches (through the search index) and sort them."""
    if sort.key == "newest_key":
        # -id, unique: the id alone orders, descending.
        return [(F("id") + 0).desc()]
    if sort.key == "last_key":
        # last_key is Coalesce(last_contacted_on, NEVER): NULL sorts as the oldest day.
        column = F("last_contacted_on")
        key = column.desc(nulls_last=True) if sort.descending else column.asc(nulls_first=True)
        return [key, F("id").desc() if sort.descending else F("id").asc()]
    # sort_name is stored lower-case already, so Lower() keeps the order.
    key = Lower("sort_name")
    return [key.desc(), F("id").desc()] if sort.descending else [key.asc(), F("id").asc()]


def _indexed(listed: QuerySet, query: str) -> bool:
    """Whether the index finds exactly the texts holding the query's words (Postgres, words
    of three letters or more): then collecting a common word's matches costs a look at each
    match only, which stays below walking on to them."""
    return connections[listed.db].vendor == "postgresql" and bool(
        suffix_match(search_terms(query), listed.owner_pk)
    )


def _from_index(
    listed: QuerySet, query: str, sort: Sort, cursor: list | None, size: int
) -> list[Contact]:
    if sort.key == "sort_name" and not sort.descending and listed.owner_pk is not None:
        return _by_name(listed, query, sort, cursor, size)
    return list(listed.search(query).order_by(*unindexed_order(sort))[: size + 1])


def _by_name(
    listed: QuerySet, query: str, sort: Sort, cursor: list | None, size: int
) -> list[Contact]:
    """The page of matches in name order, ordered in the search table, which holds each
    contact's sort name: the join to the list's rows (and their filters) then reads only
    the first matches' contacts, where ordering the joined rows read every match's.

    The matches are a subquery with an ORDER BY, which the database keeps apart (it joins
    what it yields in that order and stops at the LIMIT); the list's rows are joined as
    the page would read them, so its filters and the cursor still decide.
    """
    connection = connections[listed.db]
    matches = ContactSearch.objects.using(listed.db).filter(owner_id=listed.owner_pk)
    for condition in text_matches(search_terms(query), listed.owner_pk, connection.vendor, via=""):
        matches = matches.filter(condition)
    if cursor is not None:
        matches = sort.after(matches, cursor)
    matches = matches.order_by("sort_name", "contact_id").values("contact_id", "sort_name")
    found_sql, found_params = matches.query.sql_with_params()
    rows_sql, rows_params = listed.only(*LIST_FIELDS).order_by().query.sql_with_params()
    # The subqueries are compiled querysets (the search words are their params); the LIMIT
    # is an int.
    sql = (
        f"SELECT listed.* FROM ({found_sql}) found "  # nosec B608
        f"INNER JOIN ({rows_sql}) listed ON listed.id = found.contact_id "
        f"ORDER BY found.sort_name, found.contact_id LIMIT {int(size) + 1}"
    )
    return list(Contact.objects.db_manager(listed.db).raw(sql, [*found_params, *rows_params]))


# How long a word part the index answered for is remembered: a typing session's length.
RARE_SECONDS = 600


def _typed(query: str) -> str:
    return " ".join(forms[0] for forms in search_terms(query))


def _known_rare(scope: str | None, query: str) -> bool:
    """Whether the query only adds letters or words to one the index answered for."""
    if scope is None:
        return False
    try:
        rare = cache.get(f"search-rare:{scope}")
    except Exception:  # The cache being away only costs the walk.
        logger.warning("Cache unreachable; the search walks the list first.")
        return False
    return bool(rare) and _typed(query).startswith(rare)


def _remember_rare(scope: str | None, query: str) -> None:
    if scope is None:
        return
    try:
        cache.set(f"search-rare:{scope}", _typed(query), RARE_SECONDS)
    except Exception:
        logger.warning("Cache unreachable; the rare word part was not remembered.")


def searched_page(
    qs: QuerySet,
    query: str,
    sort: Sort,
    cursor: list | None,
    size: int = PAGE_SIZE,
    scope: str | None = None,
) -> Page:
    """The page of qs.search(query) after the cursor; `scope` names the user's list and its
    filters, for remembering a rare word part (see above).

    The rows' prefetches (the list's tags) run once, for the page, not for each try.
    """
    prefetches = qs._prefetch_related_lookups
    listed = qs.prefetch_related(None).order_by(*sort.order_by())
    if cursor is not None:
        listed = sort.after(listed, cursor)
    indexed = _indexed(listed, query)
    if indexed and _known_rare(scope, query):
        rows = _from_index(listed, query, sort, cursor, size)
    else:
        rows, goes_on = _walk(listed, query, sort, size + 1)
        if len(rows) <= size and goes_on:
            if len(rows) >= COMMON and not indexed:
                rest = sort.after(listed, sort.decode(sort.cursor_for(rows[-1])))
                rows += list(rest.search(query)[: size + 1 - len(rows)])
            else:
                rows = _from_index(listed, query, sort, cursor, size)
                if indexed:
                    _remember_rare(scope, query)
    page = page_of(rows, sort, size)
    prefetch_related_objects(page.rows, *prefetches)
    return page
