"""vCard in and out: a contact as a vCard 4.0, and vCards 2.1, 3.0 and 4.0 as contact data.

vobject reads and writes the format. It has three known gaps that this module closes before
handing a card over:

- vCard 2.1 (Android, Outlook) breaks long QUOTED-PRINTABLE values with a soft line break,
  a "=" at the end of the line; vobject expects folded lines and fails on the next one.
- vCard 2.1 does not escape commas in text; vobject reads a NOTE as a comma-separated list
  and keeps only the first part.
- One broken card makes vobject give up on the whole file; here the file is cut into cards
  first, so a truncated or garbled card is reported with its line and the others are read.

Photos, logos, sounds and keys are dropped before parsing: Netzwerk stores none of them.
"""

import base64
import binascii
import dataclasses
import datetime
import re
import uuid
from collections.abc import Iterable, Iterator

import vobject
from django.utils.translation import gettext as _

from .contact_data import ContactData
from .models import Channel, Contact
from .normalise import DEFAULT_PHONE_REGION, channel_for_url

# UIDs are derived from the contact, so the same contact keeps its UID in every export
# without a column of its own.
UID_NAMESPACE = uuid.UUID("6f0c3c7e-0e47-4b43-9a37-2f1b3a5d8e21")

# The versions the export writes: 4.0, and 3.0 for Apple Contacts and Outlook.
VERSIONS = ("4.0", "3.0")
# Apple Contacts' year for a birthday whose year is unknown (X-APPLE-OMIT-YEAR names it).
APPLE_NO_YEAR = 1604

# Properties holding binary data Netzwerk does not keep.
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
# Unstructured text properties whose commas vCard 2.1 leaves unescaped.
_TEXT_21 = {"FN", "NOTE", "TITLE", "ROLE", "ORG", "X-ABLABEL"}
# Labels and groups an address book adds by itself: not the user's own tags.
_SYSTEM_CATEGORIES = {"mycontacts", "starred", "my contacts"}
# Netzwerk's own fields that vCard has no property for.
_X_HOW_WE_MET = "X-NETZWERK-HOW-WE-MET"
_X_INTERESTS = "X-NETZWERK-INTERESTS"
# The channels written as X-SOCIALPROFILE too, which Apple's and others' address books
# show as profiles.
_SOCIAL = {c.value for c in Channel} - {Channel.WEBSITE.value, Channel.OTHER.value}

_PROPERTY_NAME = re.compile(r"^(?:[\w-]+\.)?([\w-]+)", re.ASCII)


@dataclasses.dataclass
class CardResult:
    """One card of a file: its first line, and its data or why it could not be read."""

    line: int
    data: ContactData | None = None
    error: str = ""


# Writing.


def contact_uid(contact: Contact) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{contact.owner_id}:{contact.pk}')}"


def contact_to_vcard(
    contact: Contact,
    links=None,
    tags=None,
    version: str = "4.0",
    *,
    uid: str | None = None,
    photo: tuple[bytes, str] | None = None,
    categories: Iterable[str] = (),
) -> str:
    """The contact as a vCard 4.0 (RFC 6350), or 3.0 for the address books that read it
    best (Apple Contacts and iOS, Outlook). Pass `links` and `tags` when they were
    prefetched; otherwise they are read from the contact. `uid` replaces the derived UID (a
    device named the card), `photo` is (bytes, media type), `categories` go before the
    tags."""
    data = ContactData.from_contact(contact, links=links, tags=tags)
    card = vobject.vCard()
    card.add("version").value = version
    card.add("prodid").value = "-//Netzwerk//Netzwerk//EN"
    if uid or contact.pk:
        card.add("uid").value = uid or contact_uid(contact)
    card.add("fn").value = data.name or data.company or "—"
    card.add("n").value = vobject.vcard.Name(family=data.last_name, given=data.first_name)
    if data.company:
        card.add("org").value = [data.company]
    if data.role:
        card.add("title").value = data.role
    for email in data.emails:
        card.add("email").value = email
    for phone in data.phones:
        tel = card.add("tel")
        tel.value = phone
        tel.type_param = "voice"
    if data.city:
        card.add("adr").value = vobject.vcard.Address(city=data.city)
    if data.birthday:
        bday = card.add("bday")
        bday.value = _bday_text(data, version)
        if version == "3.0" and not data.birthday_year:
            bday.params["X-APPLE-OMIT-YEAR"] = [str(APPLE_NO_YEAR)]
    for channel, url in data.links.items():
        line = card.add("url")
        line.value = url
        line.type_param = channel
        if channel in _SOCIAL:
            social = card.add("x-socialprofile")
            social.value = url
            social.type_param = channel
    if data.tags or categories:
        card.add("categories").value = [*categories, *data.tags]
    if photo:
        _add_photo(card, version, *photo)
    if data.notes:
        card.add("note").value = data.notes
    if data.how_we_met:
        card.add(_X_HOW_WE_MET.lower()).value = data.how_we_met
    if data.interests:
        card.add(_X_INTERESTS.lower()).value = data.interests
    if contact.updated_at:
        updated = contact.updated_at.astimezone(datetime.UTC)
        card.add("rev").value = updated.strftime("%Y%m%dT%H%M%SZ")
    return card.serialize()


def contacts_to_vcards(contacts: Iterable[Contact], version: str = "4.0") -> Iterator[str]:
    """One vCard after the other, for a file of many; prefetch `links` and `tags`."""
    for contact in contacts:
        yield contact_to_vcard(
            contact, links=contact.links.all(), tags=contact.tags.all(), version=version
        )


def _add_photo(card, version: str, image: bytes, media_type: str) -> None:
    line = card.add("photo")
    if version == "3.0":
        line.encoding_param = "b"
        line.type_param = media_type.rpartition("/")[2].upper()
        line.value = image
    else:
        line.value = f"data:{media_type};base64,{base64.b64encode(image).decode()}"
        # A URI, not text: vobject would escape its ";" and ",".
        line.encoded = True


def _bday_text(data: ContactData, version: str = "4.0") -> str:
    month_day = f"{data.birthday_month:02d}-{data.birthday_day:02d}"
    if version == "3.0":
        # 3.0 has no date without a year; Apple Contacts writes a stand-in year and names it.
        return f"{data.birthday_year or APPLE_NO_YEAR:04d}-{month_day}"
    if data.birthday_year:
        return f"{data.birthday_year:04d}{month_day.replace('-', '')}"
    return f"--{month_day.replace('-', '')}"


# Reading.


def read_vcards(text: str, region: str = DEFAULT_PHONE_REGION) -> Iterator[CardResult]:
    """Every card of a file, in order, each read on its own."""
    for line, lines, complete in _split_cards(text):
        if not complete:
            yield CardResult(
                line,
                error=_("This card has no END:VCARD line; the file seems to be cut off here."),
            )
            continue
        try:
            card = vobject.readOne("\r\n".join(_prepare(lines)) + "\r\n")
            data = card_data(card, region)
        except Exception as error:  # vobject raises many kinds for broken cards.
            yield CardResult(line, error=_reason(error))
            continue
        yield CardResult(line, data=data)


def parse_vcard(text: str, region: str = DEFAULT_PHONE_REGION) -> ContactData:
    """The first card of the text; ValueError when there is none or it is broken."""
    for result in read_vcards(text, region):
        if result.data is None:
            raise ValueError(result.error)
        return result.data
    raise ValueError(_("There is no vCard in this text."))


def looks_like_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


def _reason(error: Exception) -> str:
    """What to tell the user about a card vobject refused."""
    broken = str(error).partition("Failed to parse line:")[2].strip()
    if broken:
        return _("This card could not be read: the line “%(line)s” is not vCard.") % {
            "line": broken[:80]
        }
    return _("This card could not be read.")


def _split_cards(text: str) -> Iterator[tuple[int, list[str], bool]]:
    """(first line number, the card's lines, whether it ended with END:VCARD)."""
    start, lines = 0, None
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        keyword = line.strip().upper()
        if keyword == "BEGIN:VCARD":
            if lines is not None:
                yield start, lines, False
            start, lines = number, [line.strip()]
        elif lines is not None:
            lines.append(line)
            if keyword == "END:VCARD":
                yield start, lines, True
                lines = None
    if lines is not None:
        yield start, lines, False


def _property(line: str) -> tuple[str, str]:
    """The property name of a content line (without its group) and its parameters part."""
    head = line.split(":", 1)[0]
    match = _PROPERTY_NAME.match(head)
    return (match.group(1).upper() if match else ""), head.upper()


def _prepare(lines: list[str]) -> list[str]:
    """Close vobject's gaps: drop binary properties, join quoted-printable soft line
    breaks and, in vCard 2.1, escape the commas of plain text."""
    version_21 = any(line.strip().upper() == "VERSION:2.1" for line in lines)
    prepared: list[str] = []
    skipping = False
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if skipping and (line[:1] in " \t" or not line.strip()):
            continue
        skipping = False
        if not line.strip():
            continue
        name, head = _property(line)
        if name in _BINARY:
            skipping = True
            continue
        if "QUOTED-PRINTABLE" in head:
            while line.endswith("=") and i < len(lines):
                line = line[:-1] + lines[i].lstrip(" \t")
                i += 1
        if version_21 and name in _TEXT_21 and ":" in line:
            head_part, value = line.split(":", 1)
            line = f"{head_part}:{value.replace(chr(92), chr(92) * 2).replace(',', chr(92) + ',')}"
        prepared.append(line)
    return prepared


def _values(card, name: str) -> list:
    return card.contents.get(name, [])


def _text(card, name: str) -> str:
    for line in _values(card, name):
        value = line.value
        value = _join(value, ", ")
        if value:
            # Lines end as CRLF in vCard 2.1 notes; Netzwerk's text fields use LF.
            return value.replace("\r\n", "\n").replace("\r", "\n")
    return ""


def _labels(card) -> dict[str, str]:
    """iOS names a value through its group: item3.URL and item3.X-ABLabel:LinkedIn."""
    return {line.group: str(line.value) for line in _values(card, "x-ablabel") if line.group}


def card_data(card, region: str = DEFAULT_PHONE_REGION) -> ContactData:
    """What Netzwerk stores, from a card vobject has read."""
    data = ContactData()
    name = _values(card, "n")[0].value if _values(card, "n") else None
    if name is not None and (name.given or name.family):
        given = " ".join(part for part in (_join(name.prefix), _join(name.given)) if part)
        middle = _join(name.additional)
        suffix = _join(name.suffix)
        family = f"{_join(name.family)}, {suffix}" if suffix else _join(name.family)
        data.set_name(f"{given} {middle}".strip(), family)
    else:
        full = _text(card, "fn")
        first, _space, last = full.rpartition(" ")
        data.set_name(first, last)
    org = _values(card, "org")
    if org:
        parts = org[0].value if isinstance(org[0].value, list) else [org[0].value]
        data.company = _join(parts[0]) if parts else ""
    data.role = _text(card, "title") or _text(card, "role")
    for line in _values(card, "email"):
        data.add_email(str(line.value))
    for line in _values(card, "tel"):
        data.add_phone(str(line.value), region)
    data.city = _city(card)
    _read_birthday(card, data)
    labels = _labels(card)
    for prop in ("x-socialprofile", "url"):
        for line in _values(card, prop):
            data.add_url(_unescape(str(line.value)), _channel_hint(line, labels))
    for line in _values(card, "categories"):
        values = line.value if isinstance(line.value, list) else [line.value]
        for tag in values:
            if str(tag).strip().lower() not in _SYSTEM_CATEGORIES:
                data.add_tag(str(tag))
    nickname = _text(card, "nickname")
    if nickname:
        data.add_note(_("Nickname: %(name)s") % {"name": nickname})
    data.add_note(_text(card, "note"))
    data.how_we_met = _text(card, _X_HOW_WE_MET.lower())
    data.interests = _text(card, _X_INTERESTS.lower())
    data.finish()
    return data


def _join(part, separator: str = " ") -> str:
    if isinstance(part, list):
        return separator.join(_join(p) for p in part if _join(p))
    return str(part or "").strip()


def _unescape(url: str) -> str:
    """Google escapes the colon of a URL (https\\://…), which vobject leaves as it is."""
    return re.sub(r"\\([:,;\\])", r"\1", url)


def _city(card) -> str:
    """The city of the preferred address, else of the first that has one."""
    addresses = sorted(
        _values(card, "adr"),
        key=lambda line: "PREF" not in {t.upper() for t in line.params.get("TYPE", [])},
    )
    for line in addresses:
        city = _join(getattr(line.value, "city", ""))
        if city:
            return city
    return ""


def _channel_hint(line, labels: dict[str, str]) -> str | None:
    """The channel a URL's own type or its iOS label names, if it names one."""
    hints = [t.lower() for t in line.params.get("TYPE", [])]
    if line.group in labels:
        hints.append(labels[line.group].lower())
    for hint in hints:
        for channel in Channel:
            if hint in {channel.value, channel.label.lower()} and channel != Channel.OTHER:
                return channel.value
    return channel_for_url(str(line.value))


_BDAY = re.compile(r"^(?:(\d{4})|--)-?(\d{2})-?(\d{2})")


def _read_birthday(card, data: ContactData) -> None:
    """1980-03-15, 19800315, --0315 and --03-15 (no year, vCard 4.0 and Google), and
    Apple's placeholder year named by X-APPLE-OMIT-YEAR."""
    lines = _values(card, "bday")
    if not lines:
        return
    line = lines[0]
    text = str(line.value).strip()
    match = _BDAY.match(text)
    if not match:
        data.warnings.append(
            _("The birthday “%(value)s” is no date; it was put into the notes.") % {"value": text}
        )
        data.add_note(_("Birthday: %(value)s") % {"value": text})
        return
    year = int(match.group(1)) if match.group(1) else None
    omitted = line.params.get("X-APPLE-OMIT-YEAR", [])
    if year is not None and str(year) in omitted:
        year = None
    data.set_birthday(int(match.group(3)), int(match.group(2)), year)


def card_uid_and_photo(text: str) -> tuple[str, tuple[bytes, str] | None]:
    """The UID and the photo (bytes, media type) of a single card, which card_data leaves
    out; ("", None) where there are none or the card cannot be read."""
    try:
        card = vobject.readOne(text)
    except Exception:  # vobject raises many kinds; parse_vcard reports what is wrong.
        return "", None
    uid = str(card.uid.value).strip() if "uid" in card.contents else ""
    return uid, _photo(card, text)


_DATA_URI_PHOTO = re.compile(
    r"^(?:[\w-]+\.)?PHOTO[^:\n]*:data:([\w.+/-]*);base64,([^\r\n]+)", re.IGNORECASE | re.MULTILINE
)


def _photo(card, text: str) -> tuple[bytes, str] | None:
    """vCard 3.0 and 2.1 write base64 with ENCODING=b and a TYPE, which vobject decodes;
    4.0 writes a data: URI, which vobject cuts at its comma, so that is read from the text."""
    for line in _values(card, "photo"):
        if isinstance(line.value, bytes):
            kind = (line.params.get("TYPE") or ["JPEG"])[0].lower()
            return line.value, f"image/{'jpeg' if kind == 'jpg' else kind}"
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    match = _DATA_URI_PHOTO.search(unfolded)
    if match:
        try:
            return base64.b64decode(match.group(2)), match.group(1) or "image/jpeg"
        except (binascii.Error, ValueError):
            return None
    return None
