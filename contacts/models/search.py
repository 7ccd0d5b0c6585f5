"""The folded search text of each contact, in a table of its own.

On Postgres a trigram GIN index backs the search (migration 0015). A GIN index on the contact's
own row would be written again, every trigram of the text, by each UPDATE of the row, as an
UPDATE makes a new row version whether the text changed or not: a bulk category change of
thousands of contacts spent most of its time there. Here only a change of the text writes the
index; the contact row keeps btree indexes only.

The table holds nothing of its own: it follows from the contact, its tags and its
interactions (ContactQuerySet.rebuild_search_text), so it stays out of a backup and a restore
rebuilds it.
"""

import logging

from django.conf import settings
from django.db import connection, models

logger = logging.getLogger(__name__)

# The trigram index of the search text (migration 0015).
SEARCH_INDEX = "contact_search_owner_trgm"

# Rows written in one statement.
BATCH_SIZE = 500
# Contacts whose text a restore builds at once (bounded memory for a large account).
REBUILD_BATCH = 2_000


class ContactSearch(models.Model):
    contact = models.OneToOneField(
        "contacts.Contact", primary_key=True, on_delete=models.CASCADE, related_name="search"
    )
    # The contact's owner, copied: the trigram index leads with it (btree_gin), so a search
    # reads only the owner's candidates.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(default="")

    kept_out_of_backup = "derived from the contact, its tags and interactions"

    class Meta:
        # The trigram index is Postgres-only: migration 0015 creates it.
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


def write_search_rows(rows: list[ContactSearch], *, update: bool = False) -> None:
    """Insert these search rows; with update, a row a contact already has is replaced."""
    if update:
        ContactSearch.objects.bulk_create(
            rows,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["contact"],
            update_fields=["text"],
        )
    else:
        ContactSearch.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def create_search_rows(contacts) -> None:
    """The search rows of contacts just written by bulk_create, from the text each got in
    Contact.prepare_for_bulk_create()."""
    write_search_rows(
        [
            ContactSearch(contact_id=c.pk, owner_id=c.owner_id, text=c.new_search_text)
            for c in contacts
        ]
    )


def clean_search_index() -> None:
    """Move the new rows from the trigram index's pending list into the index proper.

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
