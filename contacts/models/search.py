"""The folded search text of each contact, in a table of its own.

On Postgres a GIN index backs the search. A GIN index on the contact's own row would be
written again, every entry of the text, by each UPDATE of the row, as an UPDATE makes a new
row version whether the text changed or not: a bulk category change of thousands of contacts
spent most of its time there. Here only a change of the text writes the index; the contact
row keeps btree indexes only.

The index holds every suffix of every word of the text (from its third-last letter on, at most
64 letters: "weber" gives "weber", "eber", "ber"), so a word part is a prefix of one of them
and a prefix query of the index finds exactly the texts that hold it (migration 0021). Each
text is indexed under its owner too (migration 0026): a search asks the index for the word
parts and for the owner, and it reads only the owner's candidates (SuffixMatch). A
trigram index, which this replaced, finds every text holding the part's trigrams somewhere:
for a short part in long texts of notes that is most texts, each read to check it.

The table holds nothing of its own: it follows from the contact (its sort name too), its
tags and its interactions (ContactQuerySet.rebuild_search_text), so it stays out of a backup
and a restore rebuilds it.
"""

import logging
import operator
from functools import reduce

from django.conf import settings
from django.db import connection, models
from django.db.models import BooleanField, F, Func, Q, Value

logger = logging.getLogger(__name__)

# The index of the search text's word suffixes and its owner (migrations 0021 and 0026).
SEARCH_INDEX = "contact_search_owner_keys"
# The index's suffixes are cut to this many letters (migration 0021); a longer word part is
# looked up by its start and checked by LIKE.
SUFFIX_LETTERS = 64
# A text whose suffixes would not fit into one index entry (tsvector's 1 MB) is indexed under
# this word instead, which no query word can start (it holds a space): every search reads it.
OVERFLOW = " overflow"
# Each text is indexed under its owner's id after this, which no query word can start either.
OWNER_WORD = " owner "

# Rows written in one statement.
BATCH_SIZE = 500
# Contacts whose text a restore builds at once (bounded memory for a large account).
REBUILD_BATCH = 2_000


class ContactSearch(models.Model):
    contact = models.OneToOneField(
        "contacts.Contact", primary_key=True, on_delete=models.CASCADE, related_name="search"
    )
    # The contact's owner, copied: the search index holds it beside the words, so a search
    # reads only the owner's candidates (migration 0026). No index of its own: the planner
    # combined one with the search index, reading each of a big network's entries.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    text = models.TextField(default="")
    # The contact's sort name, copied with the text (both follow from the names): a search
    # with hundreds of matches picks the page's first by name here and reads only their
    # contacts, instead of every match's (contacts/search_paging.py, migration 0028).
    sort_name = models.CharField(max_length=210, default="", editable=False)

    kept_out_of_backup = "derived from the contact, its tags and interactions"

    class Meta:
        # The search index is Postgres-only: migration 0021 creates it.
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.text[:40]}"

    @classmethod
    def merge_contact_rows(cls, survivor, other) -> None:
        """A merge (contacts/merging.py) drops the other's text; the survivor's is rebuilt
        from everything the two had, once the rows follow it."""
        cls.objects.filter(contact=other).delete()

    @classmethod
    def rebuilt_after_restore(cls, user) -> None:
        """Build the search rows of a restored account (netzwerk/account/restore.py)."""
        from .contact import Contact

        ids = list(Contact.objects.for_owner(user).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), REBUILD_BATCH):
            Contact.objects.filter(pk__in=ids[start : start + REBUILD_BATCH]).rebuild_search_text()


class SuffixMatch(Func):
    """True where the owner's text has a word with these parts (Postgres, migration 0026).

    The index holds each text's word suffixes and its owner. The words and the owner are two
    conditions on it, so its scan steps through the two lists of matches together, each
    skipping ahead to the other's next entry: a big network's owner entries are not read one
    by one for the few texts holding a word. As one condition (words & owner), the index chose
    the entry to step through by a guess at its size from the index's pages, and after a
    rebuild of the index it stepped through the owner's (README, "Search as you type ordered
    in the search table").
    """

    output_field = BooleanField()

    def __init__(self, text, owner, words: str, owner_word: str):
        super().__init__(text, owner, Value(words), Value(owner_word))

    def as_sql(self, compiler, connection, **extra):
        (text_sql, text_params), (owner_sql, owner_params), *queries = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        # The call must read as in the index definition for the planner to use the index.
        keys = f"contact_search_keys({text_sql}, {owner_sql})"
        sql = " AND ".join(f"{keys} @@ ({query_sql})::tsquery" for query_sql, _ in queries)
        params = []
        for _, query_params in queries:
            params += [*text_params, *owner_params, *query_params]
        return f"({sql})", params


def _prefix_query(part: str) -> str:
    """A tsquery that matches index words starting with this part (quoted as a lexeme)."""
    quoted = part[:SUFFIX_LETTERS].replace("\\", "\\\\").replace("'", "''")
    return f"'{quoted}':*"


def suffix_match(
    forms_per_word: list[tuple[str, ...]], owner_pk: int | None, via: str = "search__"
) -> SuffixMatch | None:
    """The index condition for the owner's texts holding the query words of three letters or
    more: each word in one of its forms, or the overflow entry. None when no word is long
    enough for the index (a word part of one or two letters is only checked by LIKE), or
    when the rows are not narrowed to one owner (OwnedQuerySet.for_owner). `via` leads from
    the queried model to the search row (none for ContactSearch itself)."""
    if owner_pk is None:
        return None
    parts = []
    for forms in forms_per_word:
        if all(len(form) >= 3 for form in forms):
            either = " | ".join([*map(_prefix_query, forms), _prefix_query(OVERFLOW)[:-2]])
            parts.append(f"({either})")
    if not parts:
        return None
    owner = f"'{OWNER_WORD}{int(owner_pk)}'"
    return SuffixMatch(F(f"{via}text"), F(f"{via}owner_id"), " & ".join(parts), owner)


def text_matches(
    forms_per_word: list[tuple[str, ...]], owner_pk: int | None, vendor: str, via: str = "search__"
) -> list:
    """The conditions of a search: every word in one of its forms in the text (LIKE decides),
    and on Postgres the index's condition before them, which finds the candidates."""
    conditions = []
    if vendor == "postgresql" and (candidates := suffix_match(forms_per_word, owner_pk, via)):
        conditions.append(candidates)
    for forms in forms_per_word:
        conditions.append(reduce(operator.or_, (Q(**{f"{via}text__contains": f}) for f in forms)))
    return conditions


def write_search_rows(rows: list[ContactSearch], *, update: bool = False) -> None:
    """Insert these search rows; with update, a row a contact already has is replaced."""
    if update:
        ContactSearch.objects.bulk_create(
            rows,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["contact"],
            update_fields=["text", "sort_name"],
        )
    else:
        ContactSearch.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def create_search_rows(contacts) -> None:
    """The search rows of contacts just written by bulk_create, from the text each got in
    Contact.prepare_for_bulk_create()."""
    write_search_rows([c.search_row(c.new_search_text) for c in contacts])


def clean_search_index() -> None:
    """Move the new rows from the search index's pending list into the index proper.

    A GIN index takes new rows into a pending list that every search scans row by row until
    the list is merged (at its size limit or at the next vacuum); after an import of
    thousands, or a background rebuild after a tag rename, the planner also shuns the index
    (it prices the list in) and reads the whole table instead. Postgres only; a failure
    only delays the merge to autovacuum.
    """
    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
    except Exception:  # e.g. an account without rights on the index: autovacuum merges it.
        logger.warning("The search index's pending list was not merged.", exc_info=True)
