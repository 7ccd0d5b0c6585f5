"""Writing the benchmark's rows fast, and settling the database afterwards.

The Writer inserts plain rows with explicit ids (COPY on Postgres, executemany elsewhere):
data.py computes what the model layer would derive, so no model code runs per row.
"""

import json
from collections.abc import Callable, Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from contacts.models.search import SEARCH_INDEX


class Writer:
    """Inserts plain rows with explicit ids: COPY on Postgres, executemany elsewhere."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self._next_id: dict[type[models.Model], int] = {}

    def ids(self, model: type[models.Model], count: int) -> range:
        if model not in self._next_id:
            self._next_id[model] = (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        start = self._next_id[model]
        self._next_id[model] = start + count
        return range(start, start + count)

    def insert(self, model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]):
        opts = model._meta
        # A column the generator does not name takes the model's default, as the ORM would
        # write it (a field added later, such as a choice left empty, is NOT NULL).
        named = {opts.get_field(name).attname for name in fields}
        omitted = [
            f
            for f in opts.concrete_fields
            if f.attname not in named
            and not f.primary_key
            and not f.null
            and (f.has_default() or f.empty_strings_allowed)
        ]
        if omitted:
            fields = [*fields, *(f.name for f in omitted)]
            defaults = tuple(f.get_default() for f in omitted)
            rows = (tuple(row) + defaults for row in rows)
        columns = [opts.get_field(name).column for name in fields]
        table = connection.ops.quote_name(opts.db_table)
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        convert = [self._converter(opts.get_field(name)) for name in fields]
        if any(convert):
            rows = (
                tuple(c(v) if c else v for c, v in zip(convert, row, strict=True)) for row in rows
            )
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                # A model's table and columns; the values are params.
                insert = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # nosec B608
                cursor.executemany(insert, list(rows))

    def _converter(self, model_field) -> Callable | None:
        """Python value → what COPY (text) or the SQLite driver takes for this column."""
        kind = model_field.get_internal_type()
        if kind == "JSONField":
            return json.dumps
        if not self.postgres and kind in ("DateField", "DateTimeField", "TimeField"):
            return lambda v: None if v is None else model_field.get_db_prep_value(v, connection)
        return None

    def finish(self) -> None:
        """Move the id sequences past the explicit ids."""
        if not self._next_id:
            return
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self._next_id)):
                cursor.execute(sql)


def fast_writes() -> None:
    """SQLite: no fsync while generating (must run outside a transaction)."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")


def settle() -> None:
    """Fresh statistics, and the GIN index's pending list merged, as on a settled database.

    Outside a transaction, Postgres also vacuums, as autovacuum does on a live database:
    until then the visibility map is empty and every index-only scan (counting a tag's
    links, say) reads the table rows too.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
            if not connection.in_atomic_block:
                cursor.execute("VACUUM ANALYZE")
                return
        cursor.execute("ANALYZE")
