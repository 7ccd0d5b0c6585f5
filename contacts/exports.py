"""Contacts out as files: vCard for address books, CSV for spreadsheets. Both stream, so
exporting the whole network costs the memory of one batch of contacts."""

import csv
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Channel, Contact
from .vcard import VERSIONS, contacts_to_vcards

BATCH = 500
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); tab
# and carriage return can hide such a start behind whitespace.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """The cell as text a spreadsheet shows and never evaluates: a leading ' makes
    "=HYPERLINK(…)" or "+49 171 …" plain text in Excel, LibreOffice and Google Sheets."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def exported(contacts: QuerySet) -> Iterator[Contact]:
    """The contacts in name order with their tags and links, read in batches."""
    return (
        contacts.order_by("sort_name", "id")
        .prefetch_related("tags", "links")
        .iterator(chunk_size=BATCH)
    )


def _download(chunks: Iterable, filename: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _filename(contacts: QuerySet, extension: str, one: Contact | None = None) -> str:
    if one is not None:
        return f"{slugify(one.name) or 'contact'}.{extension}"
    return f"netzwerk-contacts-{timezone.localdate():%Y-%m-%d}.{extension}"


def vcard_response(contacts: QuerySet, version: str = "4.0", one: Contact | None = None):
    version = version if version in VERSIONS else "4.0"
    return _download(
        contacts_to_vcards(exported(contacts), version),
        _filename(contacts, "vcf", one),
        f"text/vcard; charset=utf-8; version={version}",
    )


def csv_columns() -> list[tuple[str, object]]:
    """(header, value of a contact) for every column of the CSV export."""

    def joined(values) -> str:
        return ", ".join(values or [])

    def birthday(contact: Contact) -> str:
        if not (contact.birthday_month and contact.birthday_day):
            return ""
        # Without a year: month and day alone (ISO's "--03-15" would start like a formula).
        month_day = f"{contact.birthday_month:02d}-{contact.birthday_day:02d}"
        return f"{contact.birthday_year:04d}-{month_day}" if contact.birthday_year else month_day

    def link(channel: str):
        return lambda contact: next(
            (item.url for item in contact.links.all() if item.channel == channel), ""
        )

    return [
        (_("First name"), lambda c: c.first_name),
        (_("Last name"), lambda c: c.last_name),
        (_("Company"), lambda c: c.company),
        (_("Role"), lambda c: c.role),
        (_("City"), lambda c: c.city),
        (_("Email addresses"), lambda c: joined(c.emails)),
        (_("Phone numbers"), lambda c: joined(c.phones)),
        (_("Birthday"), birthday),
        (_("Category"), lambda c: c.get_category_display()),
        (_("Status"), lambda c: c.get_status_display()),
        (_("Warmth"), lambda c: c.warmth or ""),
        (_("Tags"), lambda c: joined(tag.name for tag in c.tags.all())),
        (
            _("Last contact"),
            lambda c: c.last_contacted_on.isoformat() if c.last_contacted_on else "",
        ),
        (_("How and where we met"), lambda c: c.how_we_met),
        (_("Interests"), lambda c: c.interests),
        (_("Notes"), lambda c: c.notes),
        *((str(channel.label), link(channel.value)) for channel in Channel),
    ]


class _Echo:
    """csv.writer writes into this and gets the line back, so lines can be streamed."""

    def write(self, value: str) -> str:
        return value


def csv_rows(contacts: Iterable[Contact], delimiter: str = ",") -> Iterator[str]:
    columns = csv_columns()
    writer = csv.writer(_Echo(), delimiter=delimiter)
    # The byte order mark makes Excel read the file as UTF-8 (else "Jürgen" turns to "JÃ¼rgen").
    yield "\ufeff" + writer.writerow([neutralise(header) for header, _value in columns])
    for contact in contacts:
        yield writer.writerow([neutralise(value(contact)) for _header, value in columns])


def csv_response(contacts: QuerySet, one: Contact | None = None):
    # Excel on a German system splits a CSV at semicolons, elsewhere at commas.
    delimiter = ";" if get_language() == "de" else ","
    return _download(
        csv_rows(exported(contacts), delimiter),
        _filename(contacts, "csv", one),
        "text/csv; charset=utf-8",
    )
