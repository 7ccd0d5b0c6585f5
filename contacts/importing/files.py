"""One uploaded file as rows of contact data: vCard or CSV, whichever it is."""

import dataclasses

from django.utils.translation import gettext as _

from ..normalise import DEFAULT_PHONE_REGION
from ..vcard import looks_like_vcard, read_vcards
from .csv_files import CsvProblem, Row, read_table, table_rows
from .decoding import UnreadableFile, decode


@dataclasses.dataclass
class FileResult:
    name: str
    # The source named in the import's tag: "vCard", "LinkedIn", "Google", "Outlook", "CSV".
    source: str = ""
    rows: list[Row] = dataclasses.field(default_factory=list)
    # Why nothing of the file can be imported.
    error: str = ""
    # A CSV of no known format: its header, and the mapping it was read with or a first
    # guess when it needs the mapping step.
    headers: list[str] = dataclasses.field(default_factory=list)
    fields: list[str] = dataclasses.field(default_factory=list)
    signature: str = ""
    needs_mapping: bool = False


def read_file(
    name: str,
    data: bytes,
    mappings: dict[str, list[str]] | None = None,
    region: str = DEFAULT_PHONE_REGION,
) -> FileResult:
    """The file's rows. A CSV of no known format is read with the mapping remembered for its
    header (`mappings`, by signature); without one it comes back with its headers to map."""
    result = FileResult(name)
    try:
        text = decode(data)
    except UnreadableFile as problem:
        result.error = str(problem)
        return result
    if looks_like_vcard(text):
        result.source = "vCard"
        result.rows = [Row(card.line, card.data, card.error) for card in read_vcards(text, region)]
        return result
    if name.lower().endswith((".vcf", ".vcard")) or "BEGIN:VCARD" in text[:2000].upper():
        result.error = _(
            "This file is called a vCard but holds no vCard (BEGIN:VCARD) at its start."
        )
        return result
    try:
        table = read_table(text)
    except CsvProblem as problem:
        result.error = str(problem)
        return result
    if table.format is not None:
        result.source = table.format.label
        result.rows = table_rows(table, region=region)
        return result
    result.source = "CSV"
    result.signature = table.signature
    result.headers = table.headers
    mapping = (mappings or {}).get(table.signature)
    if mapping is None or len(mapping) != len(table.headers):
        result.fields = table.guessed_mapping()
        result.needs_mapping = True
        return result
    result.fields = mapping
    result.rows = table_rows(table, mapping, region=region)
    return result
