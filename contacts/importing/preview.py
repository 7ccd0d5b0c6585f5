"""The preview of an import, before anything is written: every row is new, a likely duplicate
(of an existing contact or of an earlier row of the same import) with its reason and a
choice, a row with an error, or a forgotten person who is skipped.

Duplicates are found through keys, never by comparing all pairs: the same email, the same
phone in E.164, the same profile URL, the same name and company look up a dictionary; close
names are compared (rapidfuzz) only within a block of names sharing a word's first letters.

A row of the batch is a dict:

    {"file": 0, "line": 12, "source": "LinkedIn", "kind": "new" | "duplicate" | "error" |
     "forgotten", "data": ContactData.to_json() or None, "error": "…", "choice": "create" |
     "merge" | "skip", "match": {"contact": id or None, "row": index or None, "name": "…",
     "reason": "…"} or None}
"""

import dataclasses
from collections import defaultdict

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from ..contact_data import ContactData
from ..models import Contact, ForgottenPerson, ProfileLink, RowChoice
from ..normalise import email_key, name_key, quick_phone_key, url_key
from ..text import canonical

# Names at least this similar (rapidfuzz ratio, 0–100) are shown as likely the same person.
CLOSE_NAME_SCORE = 88
# Shorter name keys are too common to call close ("anna li" and "anna lu").
CLOSE_NAME_MIN_LENGTH = 8
# A block is the names sharing one word's first letters.
BLOCK_PREFIX = 3


class Kind:
    NEW = "new"
    DUPLICATE = "duplicate"
    ERROR = "error"
    FORGOTTEN = "forgotten"


@dataclasses.dataclass(frozen=True)
class Ref:
    """An existing contact (contact id) or an earlier row of the batch (row index)."""

    name: str
    contact: int | None = None
    row: int | None = None


@dataclasses.dataclass(frozen=True)
class Person:
    """The identifying parts of a contact or a row."""

    first_name: str
    last_name: str
    company: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    urls: tuple[str, ...]

    @classmethod
    def of(cls, data: ContactData) -> "Person":
        return cls(
            data.first_name,
            data.last_name,
            data.company,
            tuple(data.emails),
            tuple(data.phones),
            tuple(data.links.values()),
        )

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class Index:
    """Who is known, by every key that can say two records are one person."""

    def __init__(self):
        self.by_email: dict[str, Ref] = {}
        self.by_phone: dict[str, Ref] = {}
        self.by_url: dict[str, Ref] = {}
        self.by_name_company: dict[tuple[str, str], Ref] = {}
        self.by_name: dict[str, Ref] = {}
        self.blocks: dict[str, list[tuple[str, Ref]]] = defaultdict(list)

    def add(self, person: Person, ref: Ref) -> None:
        for email in person.emails:
            self.by_email.setdefault(email_key(email), ref)
        for phone in person.phones:
            if key := quick_phone_key(phone):
                self.by_phone.setdefault(key, ref)
        for url in person.urls:
            self.by_url.setdefault(url_key(url), ref)
        names = name_key(person.first_name, person.last_name)
        if not names:
            return
        if person.company:
            self.by_name_company.setdefault((names, canonical(person.company)), ref)
        if names not in self.by_name:
            self.by_name[names] = ref
            for block in _blocks(names):
                self.blocks[block].append((names, ref))

    def find(self, person: Person) -> tuple[Ref, str, bool] | None:
        """The first record this person likely is, why, and whether the reason is strong (an
        identifier, or name and company) or only a name."""
        for email in person.emails:
            if ref := self.by_email.get(email_key(email)):
                return ref, _("same email address %(value)s") % {"value": email}, True
        for phone in person.phones:
            if (key := quick_phone_key(phone)) and (ref := self.by_phone.get(key)):
                return ref, _("same phone number %(value)s") % {"value": phone}, True
        for url in person.urls:
            if ref := self.by_url.get(url_key(url)):
                return ref, _("same profile %(value)s") % {"value": url}, True
        names = name_key(person.first_name, person.last_name)
        if not names:
            return None
        if person.company:
            ref = self.by_name_company.get((names, canonical(person.company)))
            if ref:
                return ref, _("same name and company"), True
        if ref := self.by_name.get(names):
            return ref, _("same name"), False
        if len(names) < CLOSE_NAME_MIN_LENGTH:
            return None
        best = None
        for block in _blocks(names):
            candidates = self.blocks.get(block)
            if not candidates:
                continue
            found = process.extractOne(
                names,
                [key for key, _ref in candidates],
                scorer=fuzz.ratio,
                score_cutoff=CLOSE_NAME_SCORE,
            )
            if found and (best is None or found[1] > best[1]):
                best = (candidates[found[2]][1], found[1])
        if best:
            return best[0], _("similar name"), False
        return None


def _blocks(names: str) -> set[str]:
    return {word[:BLOCK_PREFIX] for word in names.split() if len(word) >= 2}


def existing_index(owner) -> Index:
    """The owner's contacts by their keys, in two queries."""
    index = Index()
    urls = defaultdict(list)
    for contact_id, url in ProfileLink.objects.filter(contact__owner=owner).values_list(
        "contact_id", "url"
    ):
        urls[contact_id].append(url)
    fields = ("id", "first_name", "last_name", "company", "emails", "phones")
    for pk, first, last, company, emails, phones in (
        Contact.objects.for_owner(owner).order_by("id").values_list(*fields)
    ):
        person = Person(
            first, last, company, tuple(emails or ()), tuple(phones or ()), tuple(urls[pk])
        )
        index.add(person, Ref(person.name or company, contact=pk))
    return index


def build_rows(owner, files: list) -> list[dict]:
    """The preview rows of the read files (contacts/importing/files.py FileResult)."""
    known = existing_index(owner)
    batch = Index()
    screen = ForgottenPerson.objects.for_owner(owner).screen()
    rows: list[dict] = []
    for file_index, result in enumerate(files):
        for row in result.rows:
            entry = {
                "file": file_index,
                "line": row.line,
                "source": result.source,
                "kind": Kind.ERROR,
                "data": None,
                "error": row.error,
                "choice": RowChoice.SKIP.value,
                "match": None,
            }
            rows.append(entry)
            if row.data is None:
                continue
            data = row.data
            entry["data"] = data.to_json()
            person = Person.of(data)
            if screen.skips(emails=data.emails, phones=data.phones, urls=data.links.values()):
                entry["kind"] = Kind.FORGOTTEN
                continue
            found = known.find(person) or batch.find(person)
            if found:
                ref, reason, strong = found
                entry["kind"] = Kind.DUPLICATE
                entry["match"] = {
                    "contact": ref.contact,
                    "row": ref.row,
                    "name": ref.name,
                    "reason": reason,
                }
                entry["choice"] = (RowChoice.MERGE if strong else RowChoice.CREATE).value
            else:
                entry["kind"] = Kind.NEW
                entry["choice"] = RowChoice.CREATE.value
            batch.add(person, Ref(person.name, row=len(rows) - 1))
    return rows


def summary(rows: list[dict]) -> dict[str, int]:
    counts = {Kind.NEW: 0, Kind.DUPLICATE: 0, Kind.ERROR: 0, Kind.FORGOTTEN: 0}
    for row in rows:
        counts[row["kind"]] += 1
    return counts
