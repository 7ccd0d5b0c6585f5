"""The JSON backup of everything a user owns, streamed in constant memory.

Shape (format version 4):

    {"format": "netzwerk-backup", "version": 4, "exported_at": "…",
     "preferences": {"language": "de", …},
     "data": {"contacts.Contact": [{"id": 1, "first_name": "…", …}, …],
              "contacts.Contact_tags": [{"id": 1, "contact_id": 1, "tag_id": 3}, …], …}}

Every owned model of every app is a key of "data" (registry.py), many-to-many link tables
included; rows keep their ids so the references between them survive, and the restore gives
them new ones (restore.py). The owner is left out: a backup restores into any account.
Models that say why (`kept_out_of_backup`: a device's secret, the search text derived from the
contacts) are left out too; a restore rebuilds what follows from the rest.
"""

import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.utils import timezone

from ..forms import PreferencesForm
from .registry import Owned, backed_up_models

FORMAT = "netzwerk-backup"
VERSION = 4
# Rows read from the database at once: the memory a backup needs, whatever its size.
CHUNK = 2_000

PREFERENCES = tuple(PreferencesForm.Meta.fields)
# Rows in id order (a restore keeps it, so introductions keep their smaller id first), sorted
# rather than read along the id index: a cursor's plan favours the first rows, and walking the
# whole table's id index for one user's rows costs what the table costs, not what the user's do.
BY_ID = F("pk") + 0


def columns(owned: Owned) -> list[str]:
    """The stored columns of a row, without its owner (a link table has none of its own)."""
    owner = owner_column(owned)
    return [field.attname for field in owned.model._meta.concrete_fields if field.attname != owner]


def owner_column(owned: Owned) -> str | None:
    return None if "__" in owned.owner_path else f"{owned.owner_path}_id"


def preferences(user) -> dict:
    return {name: getattr(user, name) for name in PREFERENCES}


def _dump(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def backup_chunks(user) -> Iterator[str]:
    """The backup as pieces of JSON text, one row at a time."""
    head = {"format": FORMAT, "version": VERSION, "exported_at": timezone.now()}
    yield _dump(head)[:-1]
    yield f', "preferences": {_dump(preferences(user))}, "data": {{'
    for index, owned in enumerate(backed_up_models()):
        yield f"{', ' if index else ''}\n{_dump(owned.label)}: ["
        rows = owned.rows_of(user).order_by(BY_ID).values(*columns(owned)).iterator(CHUNK)
        for number, row in enumerate(rows):
            yield f"{', ' if number else ''}\n  {_dump(row)}"
        yield "]"
    yield "\n}}\n"


def backup(user) -> dict:
    """The whole backup as a dict (for tests and small accounts)."""
    return json.loads("".join(backup_chunks(user)))
