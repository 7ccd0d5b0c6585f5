"""Keyset ("load more") paging: page 100 costs what page 1 costs, and no COUNT is needed.

The cursor names the sort keys of the last row shown; the next page starts after it.
"""

import base64
import datetime
import json
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

PAGE_SIZE = 50


@dataclass(frozen=True)
class Sort:
    key: str  # the first sort column (an annotation or field); "id" breaks ties
    descending: bool
    parse: type  # how to read the key back from a cursor

    def order_by(self) -> list[str]:
        sign = "-" if self.descending else ""
        return [f"{sign}{self.key}", f"{sign}id"]

    def after(self, qs: QuerySet, cursor: list) -> QuerySet:
        op = "lt" if self.descending else "gt"
        value, pk = cursor
        # A row comparison, (key, id) > (value, pk): the database starts the index scan at
        # the cursor. (key > value OR key = value AND id > pk) means the same but is only a
        # filter, so a deep page would walk every row before it.
        # SQLite gets the OR form from Django; the plain bound before it lets its index
        # scan start at the cursor's key at least.
        after = TupleLessThan if self.descending else TupleGreaterThan
        # pk, not id: the search rows (ContactSearch, keyed by their contact) page the same way.
        return qs.filter(**{f"{self.key}__{op}e": value}).filter(
            after(Tuple(F(self.key), F("pk")), (value, pk))
        )

    def cursor_for(self, row) -> str:
        """The cursor after `row`: a model object, or a dict of values() (the list's rows)."""
        if isinstance(row, dict):
            value, pk = row[self.key], row["id"]
        else:
            value, pk = getattr(row, self.key), row.pk
        values = [value.isoformat() if isinstance(value, datetime.date) else value, pk]
        return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")

    def decode(self, cursor: str) -> list | None:
        """The cursor's values, or None if it was tampered with or belongs to another sort."""
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            values = json.loads(base64.urlsafe_b64decode(padded.encode()))
            value, pk = values
            if self.parse is datetime.datetime:
                value = datetime.datetime.fromisoformat(value)
            elif self.parse is datetime.date:
                value = datetime.date.fromisoformat(value)
            elif self.parse is int:
                if not isinstance(value, int) or isinstance(value, bool):
                    return None
            elif not isinstance(value, str):
                return None
            return [value, int(pk)]
        except (ValueError, TypeError, OverflowError, json.JSONDecodeError):
            return None


SORTS = {
    "name": Sort("sort_name", descending=False, parse=str),
    "recent": Sort("last_key", descending=True, parse=datetime.date),
    "longest": Sort("last_key", descending=False, parse=datetime.date),
    # -id: the index of the owner's contacts serves it (contacts/models/contact.py).
    "newest": Sort("newest_key", descending=False, parse=int),
}


@dataclass
class Page:
    rows: list
    next_cursor: str | None


def keyset_page(qs: QuerySet, sort: Sort, cursor: list | None, size: int = PAGE_SIZE) -> Page:
    qs = qs.order_by(*sort.order_by())
    if cursor is not None:
        qs = sort.after(qs, cursor)
    return page_of(list(qs[: size + 1]), sort, size)


def page_of(rows: list, sort: Sort, size: int) -> Page:
    """The page of `size` rows, from up to one row more (there is a next page if it came)."""
    has_more = len(rows) > size
    rows = rows[:size]
    return Page(rows=rows, next_cursor=sort.cursor_for(rows[-1]) if has_more else None)
