"""Likely duplicates across a whole network, found by blocking instead of comparing every pair.

Each contact gets keys: its email addresses, phone numbers in E.164 and profile URLs, all
normalised (contacts/normalise.py), its name with the words sorted, and that name with the
company. Contacts sharing a key are a likely pair. Close names are compared only inside a
block of contacts whose surname starts alike (the first letters of the folded sort name), with
a fuzzy ratio from rapidfuzz. Dismissed pairs ("not a duplicate") are left out.

The work is one query per source (contacts, profile links, dismissals) and hashing in Python:
the keys are Python functions (E.164, URL folding), so grouping them is a dictionary's job.
"""

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from .models import Contact, NotDuplicate, ProfileLink
from .normalise import TITLE_WORDS, email_key, phone_display, quick_phone_key, url_key
from .text import canonical

# A key shared by more contacts than this (an office's switchboard, info@ of a company) says
# nothing about any two of them.
MAX_GROUP = 8
# Close names: the least fuzz.ratio of the sorted-word names (0–100) that makes a pair.
CLOSE_NAMES = 88
# The first letters of the sort name (surname first) that make a block for close names; a
# block larger than MAX_BLOCK is split by more letters, up to BLOCK_WIDTH_LIMIT.
BLOCK_WIDTH = 3
BLOCK_WIDTH_LIMIT = 9
MAX_BLOCK = 400


class Reason:
    """Why two contacts look like one person, strongest first."""

    EMAIL = 0
    PHONE = 1
    PROFILE = 2
    NAME_AND_COMPANY = 3
    NAME = 4
    CLOSE_NAME = 5


@dataclasses.dataclass
class Pair:
    a: int  # the smaller id
    b: int
    reasons: dict[int, str] = dataclasses.field(default_factory=dict)

    @property
    def rank(self) -> int:
        return min(self.reasons)

    @property
    def closeness(self) -> int:
        return int(self.reasons.get(Reason.CLOSE_NAME, 0))

    def describe(self) -> list[str]:
        return [_describe(reason, detail) for reason, detail in sorted(self.reasons.items())]


def _describe(reason: int, detail: str) -> str:
    if reason == Reason.EMAIL:
        return _("Same email address: %(value)s") % {"value": detail}
    if reason == Reason.PHONE:
        return _("Same phone number: %(value)s") % {"value": phone_display(detail)}
    if reason == Reason.PROFILE:
        return _("Same profile: %(value)s") % {"value": detail}
    if reason == Reason.NAME_AND_COMPANY:
        return _("Same name and company")
    if reason == Reason.NAME:
        return _("Same name")
    return _("Similar names (%(score)s %%)") % {"score": detail}


def sorted_name(sort_name: str) -> str:
    """The folded name's words sorted, titles left out: "weiss jurgen" and "dr. jurgen
    weiss" are one key. The sort name is folded already (Contact.save() keeps it)."""
    words = [w for w in (w.strip(".,") for w in sort_name.replace("-", " ").split()) if w]
    kept = [w for w in words if w not in TITLE_WORDS] or words
    return " ".join(sorted(kept))


def _list(text: str | None) -> list[str]:
    """A JSON list column read as text: most are empty, and "[]" needs no decoding."""
    return json.loads(text) if text and text != "[]" else []


class Finder:
    """Collects keys into groups, then pairs the members of each small group and the close
    names of each block; a pair found twice keeps every reason once."""

    def __init__(self):
        self.pairs: dict[tuple[int, int], Pair] = {}
        self.groups: dict[tuple[int, str], set[int]] = defaultdict(set)

    def add_key(self, reason: int, key: str | None, contact_id: int) -> None:
        if key:
            self.groups[(reason, key)].add(contact_id)

    def pair(self, x: int, y: int, reason: int, detail: str) -> None:
        a, b = (x, y) if x < y else (y, x)
        found = self.pairs.setdefault((a, b), Pair(a, b))
        found.reasons.setdefault(reason, detail)

    def pair_groups(self) -> None:
        for (reason, key), ids in self.groups.items():
            if 1 < len(ids) <= MAX_GROUP:
                members = sorted(ids)
                for i, x in enumerate(members):
                    for y in members[i + 1 :]:
                        self.pair(x, y, reason, key)

    def pair_close_names(self, names: list[tuple[int, str, str]]) -> None:
        """names: (id, sort name, sorted-word name) of every named contact."""
        for block in _blocks(names, BLOCK_WIDTH):
            keys = [key for _id, _sort, key in block]
            for i, (x, _sort, key) in enumerate(block[:-1]):
                found = process.extract(
                    key,
                    keys[i + 1 :],
                    scorer=fuzz.ratio,
                    score_cutoff=CLOSE_NAMES,
                    limit=None,
                )
                for other_key, score, j in found:
                    if other_key != key:
                        self.pair(x, block[i + 1 + j][0], Reason.CLOSE_NAME, f"{score:.0f}")


def _blocks(names: list[tuple[int, str, str]], width: int) -> Iterable[list]:
    by_prefix: dict[str, list] = defaultdict(list)
    for entry in names:
        by_prefix[entry[1][:width]].append(entry)
    for block in by_prefix.values():
        if len(block) <= MAX_BLOCK:
            if len(block) > 1:
                yield block
        elif width < BLOCK_WIDTH_LIMIT:
            yield from _blocks(block, width + BLOCK_WIDTH)
        # A block still too large holds one very common name: its exact matches are paired
        # by the name key, and comparing all of it would be the all-pairs work avoided here.


def likely_duplicates(owner) -> list[Pair]:
    """The owner's likely pairs, strongest reason first (close names the closest first)."""
    finder = Finder()
    groups = finder.groups
    rows = (
        Contact.objects.for_owner(owner)
        .order_by()
        .values_list(
            "id",
            "sort_name",
            "company",
            Cast("emails", output_field=TextField()),
            Cast("phones", output_field=TextField()),
        )
    )
    names, companies = [], {}
    for pk, sort_name, company, emails, phones in rows.iterator(chunk_size=2000):
        for email in _list(emails):
            groups[(Reason.EMAIL, email_key(email))].add(pk)
        for phone in _list(phones):
            key = quick_phone_key(phone)
            if key:
                groups[(Reason.PHONE, key)].add(pk)
        if sort_name:
            name = sorted_name(sort_name)
            groups[(Reason.NAME, name)].add(pk)
            names.append((pk, sort_name, name))
            if company:
                companies[pk] = company
    # Name and company only where the name is shared: folding every company costs more.
    for (reason, name), ids in list(groups.items()):
        if reason == Reason.NAME and 1 < len(ids) <= MAX_GROUP:
            for pk in ids:
                if companies.get(pk, "").strip():
                    key = f"{name}|{canonical(companies[pk])}"
                    groups[(Reason.NAME_AND_COMPANY, key)].add(pk)
    links = ProfileLink.objects.filter(contact__owner=owner).values_list("contact_id", "url")
    for pk, url in links.iterator(chunk_size=2000):
        finder.add_key(Reason.PROFILE, url_key(url), pk)
    finder.pair_groups()
    finder.pair_close_names(names)

    dismissed = NotDuplicate.objects.for_owner(owner).pairs()
    pairs = [pair for key, pair in finder.pairs.items() if key not in dismissed]
    for pair in pairs:
        # The same name and company says the same name: one reason is enough to read.
        if Reason.NAME_AND_COMPANY in pair.reasons:
            pair.reasons.pop(Reason.NAME, None)
    pairs.sort(key=lambda pair: (pair.rank, -pair.closeness, pair.a, pair.b))
    return pairs
