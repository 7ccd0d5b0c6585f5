"""Bytes of an uploaded file as text, the encoding detected rather than asked: UTF-8 with or
without BOM, UTF-16 (with BOM or recognisable by its zero bytes) and the Windows code pages a
German Excel or Outlook writes."""

import codecs

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

# The encodings a file without BOM is tried in when it is no UTF-8; charset-normalizer picks
# the one whose text reads most like language.
CANDIDATES = ["utf_16_le", "utf_16_be", "cp1252", "cp1250", "iso8859_15", "mac_roman"]
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters no address book or spreadsheet writes into text.
_BINARY_CONTROLS = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


class UnreadableFile(ValueError):
    """The file cannot be read as text; the message says why in the user's words."""


def decode(data: bytes) -> str:
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"))
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        raise UnreadableFile(_not_text())
    return _checked(str(best))


def _not_text() -> str:
    return _(
        "This file is no text file (perhaps a picture or a document renamed); "
        "export the contacts again as vCard (.vcf) or CSV."
    )


def _checked(text: str) -> str:
    text = text.lstrip("\ufeff")
    sample = text[:20_000]
    controls = sum(ch in _BINARY_CONTROLS for ch in sample)
    if controls > max(2, len(sample) // 200) or "\ufffd" * 4 in sample:
        raise UnreadableFile(_not_text())
    if not text.strip():
        raise UnreadableFile(_("The file is empty."))
    return text
