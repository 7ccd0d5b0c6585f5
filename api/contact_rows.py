"""The API's contact list in one query, written out without a schema object per row.

A page of contacts would otherwise cost two more queries (the tags and the profile links,
prefetched) and a Pydantic model for each row. Here both come in the contacts' own query as
JSON built by a subquery per row, and each row becomes the same dict `ContactOut` gives
(tests/api/test_contact_rows.py holds the two side by side).
"""

import datetime
import json
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import OuterRef
from django.db.models.functions import JSONArray

from contacts.models import Contact, ProfileLink
from contacts.models.sql import JSONList

from .schemas import ContactOut


def _link_pairs() -> JSONList:
    # Channel and URL alternate in one flat array: [channel, url, channel, url, …].
    links = ProfileLink.objects.filter(contact=OuterRef("pk")).order_by("channel")
    return JSONList(links.values(item=JSONArray("channel", "url")))


# The columns ContactOut shows, and the sort keys the cursor is made of.
COLUMNS = [
    *(name for name in ContactOut.Meta.fields if name not in {"tags", "links"}),
    "sort_name",
    "owner_id",
]


def with_tags_and_links(qs: models.QuerySet) -> models.QuerySet:
    """The contacts' shown columns with `tag_names` and `link_pairs` annotated, and nothing
    prefetched."""
    return (
        qs.prefetch_related(None).only(*COLUMNS).with_tag_names().annotate(link_pairs=_link_pairs())
    )


def _timestamp(value: datetime.datetime | None) -> str | None:
    # Pydantic writes UTC as "Z"; the database hands back aware UTC datetimes.
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def _day(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _as_list(value: Any) -> list:
    # A JSON value some backends hand over still as text.
    return json.loads(value) if isinstance(value, str) else value


def _links(value: Any) -> dict[str, str]:
    return {pair[0]: pair[1] for pair in (_as_list(item) for item in _as_list(value))}


def _writer(name: str) -> Callable[[Contact], Any]:
    if name == "tags":
        return lambda row: _as_list(row.tag_names)
    if name == "links":
        return lambda row: _links(row.link_pairs)
    field = Contact._meta.get_field(name)
    if isinstance(field, models.DateTimeField):
        return lambda row: _timestamp(getattr(row, name))
    if isinstance(field, models.DateField):
        return lambda row: _day(getattr(row, name))
    return lambda row: getattr(row, name)


# In ContactOut's own order, so the JSON reads the same.
WRITERS = [(name, _writer(name)) for name in ContactOut.model_fields]


def contact_data(row: Contact) -> dict:
    """What ContactOut makes of a row annotated by with_tags_and_links."""
    return {name: write(row) for name, write in WRITERS}
