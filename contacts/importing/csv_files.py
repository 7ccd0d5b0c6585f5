"""CSV files as contact data: LinkedIn's Connections.csv, Google Contacts, Outlook (also as a
German Windows saves it) and any other CSV through a column mapping the user confirms.

Every format is a mapping from its column names to what a column holds (`FIELDS`); a file's
header row is found by its columns, not by its position (LinkedIn writes notes above it), and
its columns may come in any order.
"""

import csv
import dataclasses
import datetime
import hashlib
import io
import re

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..contact_data import ContactData
from ..models import Channel
from ..normalise import DEFAULT_PHONE_REGION

# What a column can hold; the mapping step offers these.
FIELDS = {
    "first_name": gettext_lazy("First name"),
    "middle_name": gettext_lazy("Middle name"),
    "last_name": gettext_lazy("Last name"),
    "full_name": gettext_lazy("Full name"),
    "company": gettext_lazy("Company"),
    "role": gettext_lazy("Role"),
    "city": gettext_lazy("City"),
    "email": gettext_lazy("Email address"),
    "phone": gettext_lazy("Phone number"),
    "birthday": gettext_lazy("Birthday"),
    "url": gettext_lazy("Website or profile URL"),
    "notes": gettext_lazy("Notes"),
    "tags": gettext_lazy("Tags"),
    "how_we_met": gettext_lazy("How and where we met"),
    "connected_on": gettext_lazy("Connected on LinkedIn (date)"),
    "interests": gettext_lazy("Interests"),
    "nickname": gettext_lazy("Nickname"),
    "": gettext_lazy("(leave out)"),
}
# The header is looked for in the first lines only (LinkedIn writes three notes above it).
HEADER_SEARCH_LINES = 30
DELIMITERS = (",", ";", "\t")
# Google puts several values into one cell with this separator.
GOOGLE_SEPARATOR = " ::: "
# Labels Google adds by itself ("* myContacts", "* starred"): not the user's tags.
GOOGLE_SYSTEM_LABEL = "* "
ENGLISH_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


def _key(header: str) -> str:
    return " ".join(header.strip().strip("\ufeff").lower().split())


@dataclasses.dataclass(frozen=True)
class CsvFormat:
    key: str
    label: str
    # Columns whose presence names the format.
    identifying: frozenset[str]
    # Column name → field; numbered columns ("E-mail 2 - Value") match a pattern.
    columns: dict[str, str]
    patterns: tuple[tuple[re.Pattern, str], ...] = ()
    # A column of this format that holds the LinkedIn profile URL.
    linkedin_url: bool = False

    def matches(self, headers: list[str]) -> bool:
        return self.identifying <= {_key(h) for h in headers}

    def field_for(self, header: str) -> str:
        key = _key(header)
        if key in self.columns:
            return self.columns[key]
        for pattern, field in self.patterns:
            if pattern.fullmatch(key):
                return field
        return ""


LINKEDIN = CsvFormat(
    "linkedin",
    "LinkedIn",
    frozenset({"first name", "last name", "connected on"}),
    {
        "first name": "first_name",
        "last name": "last_name",
        "url": "url",
        "profile url": "url",
        "email address": "email",
        "company": "company",
        "position": "role",
        "connected on": "connected_on",
    },
    linkedin_url=True,
)
GOOGLE = CsvFormat(
    "google",
    "Google",
    frozenset({"first name", "labels"}),
    {
        "first name": "first_name",
        "middle name": "middle_name",
        "last name": "last_name",
        "given name": "first_name",
        "additional name": "middle_name",
        "family name": "last_name",
        "nickname": "nickname",
        "organization name": "company",
        "organization title": "role",
        "birthday": "birthday",
        "notes": "notes",
        "labels": "tags",
        "group membership": "tags",
    },
    (
        (re.compile(r"e-mail \d+ - value"), "email"),
        (re.compile(r"phone \d+ - value"), "phone"),
        (re.compile(r"address \d+ - city"), "city"),
        (re.compile(r"website \d+ - value"), "url"),
        (re.compile(r"organization \d+ - name"), "company"),
        (re.compile(r"organization \d+ - title"), "role"),
    ),
)
OUTLOOK_DE = CsvFormat(
    "outlook",
    "Outlook",
    frozenset({"vorname", "nachname"}),
    {
        "vorname": "first_name",
        "weitere vornamen": "middle_name",
        "nachname": "last_name",
        "firma": "company",
        "position": "role",
        "ort geschäftlich": "city",
        "ort privat": "city",
        "weiterer ort": "city",
        "geburtstag": "birthday",
        "notizen": "notes",
        "kategorien": "tags",
        "webseite": "url",
        "e-mail-adresse": "email",
        "e-mail 2: adresse": "email",
        "e-mail 3: adresse": "email",
        "mobiltelefon": "phone",
        "telefon geschäftlich": "phone",
        "telefon geschäftlich 2": "phone",
        "telefon privat": "phone",
        "telefon privat 2": "phone",
        "weiteres telefon": "phone",
    },
)
OUTLOOK_EN = CsvFormat(
    "outlook",
    "Outlook",
    frozenset({"first name", "last name", "e-mail address"}),
    {
        "first name": "first_name",
        "middle name": "middle_name",
        "last name": "last_name",
        "company": "company",
        "job title": "role",
        "business city": "city",
        "home city": "city",
        "birthday": "birthday",
        "notes": "notes",
        "categories": "tags",
        "web page": "url",
        "e-mail address": "email",
        "e-mail 2 address": "email",
        "e-mail 3 address": "email",
        "mobile phone": "phone",
        "business phone": "phone",
        "home phone": "phone",
    },
)
FORMATS = (LINKEDIN, GOOGLE, OUTLOOK_DE, OUTLOOK_EN)
# Words a header of any other CSV may use, for the mapping step's first guess.
GUESSES = {
    "name": "full_name",
    "full name": "full_name",
    "vollständiger name": "full_name",
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "phone": "phone",
    "telefon": "phone",
    "mobile": "phone",
    "handy": "phone",
    "company": "company",
    "organisation": "company",
    "organization": "company",
    "unternehmen": "company",
    "title": "role",
    "job": "role",
    "rolle": "role",
    "city": "city",
    "stadt": "city",
    "ort": "city",
    "notes": "notes",
    "note": "notes",
    "notiz": "notes",
    "bemerkung": "notes",
    "tags": "tags",
    "website": "url",
    "url": "url",
    "linkedin": "url",
    "xing": "url",
    "geburtsdatum": "birthday",
}


@dataclasses.dataclass
class Row:
    """One data row of a file: its line number, and its data or why it cannot be imported."""

    line: int
    data: ContactData | None = None
    error: str = ""


@dataclasses.dataclass
class Table:
    """A CSV file's header and rows, before they are read as contacts."""

    headers: list[str]
    header_line: int
    delimiter: str
    format: CsvFormat | None
    # (line number, cells), in file order.
    rows: list[tuple[int, list[str]]]
    # Why the rest of the file could not be read, from this line on.
    broken: tuple[int, str] | None = None

    @property
    def signature(self) -> str:
        """The same header always has the same signature: a remembered mapping's key."""
        text = "\x1f".join(_key(h) for h in self.headers)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def guessed_mapping(self) -> list[str]:
        mapping = []
        for header in self.headers:
            field = ""
            for known in FORMATS:
                field = field or known.field_for(header)
            mapping.append(field or GUESSES.get(_key(header), ""))
        return mapping


class CsvProblem(ValueError):
    """The whole file cannot be imported; the message says why in the user's words."""


def read_table(text: str) -> Table:
    lines = text.split("\n")[:HEADER_SEARCH_LINES]
    for delimiter in DELIMITERS:
        for index, line in enumerate(lines):
            cells = _cells(line, delimiter)
            for known in FORMATS:
                if known.matches(cells):
                    return _table(text, index, delimiter, known)
    # Another CSV: the header is the first line, split where it splits into most columns.
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise CsvProblem(_("The file is empty."))
    delimiter = max(DELIMITERS, key=lambda d: len(_cells(lines[first], d)))
    if len(_cells(lines[first], delimiter)) < 2:
        raise CsvProblem(
            _(
                "Only one column was found: the file does not separate its columns by comma, "
                "semicolon or tab. Save it again as CSV from your spreadsheet."
            )
        )
    return _table(text, first, delimiter, None)


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _table(text: str, header_index: int, delimiter: str, known: CsvFormat | None) -> Table:
    stream = io.StringIO(text)
    for _skip in range(header_index):
        stream.readline()
    reader = csv.reader(stream, delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    broken = None
    headers: list[str] = []
    try:
        headers = next(reader)
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((header_index + line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        broken = (header_index + reader.line_num, str(error))
    headers = [h.strip().lstrip("\ufeff") for h in headers]
    if not rows and broken is None:
        raise CsvProblem(_("The file has a header line but no contacts below it."))
    table = Table(headers, header_index + 1, delimiter, known, rows, broken)
    _check_columns(table)
    return table


def _check_columns(table: Table) -> None:
    """A file whose rows split into another number of columns than its header was written
    with another separator, or its quoting is broken."""
    width = len(table.headers)
    fitting = sum(len(cells) == width for _line, cells in table.rows[:200])
    if fitting * 2 < min(len(table.rows), 200):
        raise CsvProblem(
            _(
                "Most rows have a different number of columns than the header line (%(count)s). "
                "The file seems to use another separator than its header, or quotes are "
                "missing; save it again as CSV from your spreadsheet."
            )
            % {"count": width}
        )


def table_rows(
    table: Table, mapping: list[str] | None = None, region: str = DEFAULT_PHONE_REGION
) -> list[Row]:
    """Every row of the table as contact data, with the format's mapping or the given one."""
    if mapping is None:
        known = table.format
        mapping = [known.field_for(h) if known else "" for h in table.headers]
    width = len(table.headers)
    results = []
    for line, cells in table.rows:
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            results.append(
                Row(
                    line,
                    error=_(
                        "This row has %(cells)s columns, the header line %(width)s: a separator "
                        "inside a value is probably not quoted."
                    )
                    % {"cells": f"{len(cells):,}", "width": width},
                )
            )
            continue
        data = _row_data(table, mapping, cells, region)
        errors = data.errors()
        results.append(Row(line, data=None if errors else data, error=" ".join(errors)))
    if table.broken:
        line, _reason = table.broken
        results.append(
            Row(
                line,
                error=_(
                    "From this line on the file could not be read (a cell is too long or a "
                    "quote is not closed)."
                ),
            )
        )
    return results


def _row_data(table: Table, mapping: list[str], cells: list[str], region: str) -> ContactData:
    values: dict[str, list[str]] = {}
    for field, cell in zip(mapping, cells, strict=False):
        cell = cell.strip()
        if field and cell:
            values.setdefault(field, []).append(cell)
    data = ContactData()

    def first(field: str) -> str:
        return values.get(field, [""])[0]

    if "full_name" in values and not ("first_name" in values or "last_name" in values):
        given, _space, family = first("full_name").rpartition(" ")
        data.set_name(given, family)
    else:
        given = " ".join(filter(None, (first("first_name"), first("middle_name"))))
        data.set_name(given, first("last_name"))
    data.company = first("company")
    data.role = first("role")
    data.city = first("city")
    for cell in values.get("email", []):
        for email in cell.split(GOOGLE_SEPARATOR):
            data.add_email(email)
    for cell in values.get("phone", []):
        for phone in cell.split(GOOGLE_SEPARATOR):
            data.add_phone(phone, region)
    for cell in values.get("url", []):
        for url in cell.split(GOOGLE_SEPARATOR):
            channel = Channel.LINKEDIN.value if table.format and table.format.linkedin_url else None
            data.add_url(url, channel)
    for cell in values.get("tags", []):
        for tag in re.split(r" ::: |;|,", cell):
            if not tag.strip().startswith(GOOGLE_SYSTEM_LABEL.strip()):
                data.add_tag(tag)
    if "birthday" in values:
        _birthday(data, first("birthday"))
    if "connected_on" in values:
        _connected_on(data, first("connected_on"))
    data.how_we_met = "\n".join(filter(None, [*values.get("how_we_met", []), data.how_we_met]))
    data.interests = first("interests")
    if "nickname" in values:
        data.add_note(_("Nickname: %(name)s") % {"name": first("nickname")})
    for note in values.get("notes", []):
        data.add_note(note.replace("\r\n", "\n"))
    data.finish()
    return data


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NO_YEAR = re.compile(r"--(\d{1,2})-?(\d{1,2})")
_GERMAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2,4})?")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")


def parse_birthday(text: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) from 1980-03-15, --03-15 (Google, no year), 15.03.1980 or
    15.03. (German), 3/15/1980 (English Outlook); None when the text is no date."""
    text = text.strip()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
        return day, month, year
    if match := _NO_YEAR.fullmatch(text):
        month, day = (int(g) for g in match.groups())
        return day, month, None
    if match := _GERMAN.fullmatch(text):
        day, month = int(match.group(1)), int(match.group(2))
        return day, month, _full_year(match.group(3))
    if match := _US.fullmatch(text):
        month, day = int(match.group(1)), int(match.group(2))
        return day, month, _full_year(match.group(3))
    return None


def _full_year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    if len(text) == 2:
        year += 1900 if year > datetime.date.today().year % 100 else 2000
    return year


def _birthday(data: ContactData, text: str) -> None:
    parsed = parse_birthday(text)
    # Outlook writes "0.0.00" for no birthday.
    if parsed and parsed[0] == 0 and parsed[1] == 0:
        return
    if parsed is None:
        data.warnings.append(
            _("The birthday “%(value)s” is no date; it was put into the notes.") % {"value": text}
        )
        data.add_note(_("Birthday: %(value)s") % {"value": text})
        return
    data.set_birthday(*parsed)


def parse_connected_on(text: str) -> datetime.date | None:
    """LinkedIn's "26 Jul 2025" (English month names whatever the user's language), or ISO."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4})", text)
    try:
        if match and match.group(2).lower() in ENGLISH_MONTHS:
            month = ENGLISH_MONTHS[match.group(2).lower()]
            return datetime.date(int(match.group(3)), month, int(match.group(1)))
        if match := _ISO.fullmatch(text):
            return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return None


def _connected_on(data: ContactData, text: str) -> None:
    day = parse_connected_on(text)
    if day is None:
        data.how_we_met = _("Connected on LinkedIn (%(value)s)") % {"value": text}
        return
    data.how_we_met = _("Connected on LinkedIn on %(date)s") % {
        "date": date_format(day, "DATE_FORMAT")
    }
