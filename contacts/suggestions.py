"""Introduction suggestions: pairs of contacts who share a tag, a goal, a group or interests.

Comparing every contact with every other is quadratic (50 million pairs at 10,000 contacts).
Instead a few dozen "seed" people are taken — the ones the owner cares about most — and only
the members of the tags, goals and groups a seed belongs to are looked at. Circles with more
than MAX_CIRCLE members are skipped: sharing them says little about two people, and they would
make the work grow with the network. The number of queries is fixed.
"""

import dataclasses
import re
from collections import defaultdict

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _

from . import extensions
from .extensions import Circle
from .models import Contact, Introduction, Status

SEEDS = 40
MAX_CIRCLE = 200
# A person appears in at most this many suggestions of one list, so one Einhorn with many
# tags does not fill it alone.
PER_PERSON = 2
INTEREST_WEIGHT = 2
INTEREST_SPLIT = re.compile(r"[,;/|\n]+")


@dataclasses.dataclass
class Suggestion:
    a: Contact
    b: Contact
    score: int
    reasons: list[str]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def interest_words(text: str) -> dict[str, str]:
    """Each interest, folded to compare ("UX" and "ux" are one), to the words as written."""
    words = (part.strip() for part in INTEREST_SPLIT.split(text or ""))
    return {word.casefold(): word for word in reversed([w for w in words if w])}


TAGS = Circle(
    kind="tag",
    through=Contact.tags.through,
    circle_field="tag_id",
    label="tag__name",
    weight=2,
    reason=lambda name: _("both tagged “%(name)s”") % {"name": name},
)


def _circles() -> list[Circle]:
    """Tags, and the circles the apps above add (strategy: goals and groups)."""
    return [TAGS, *extensions.circles]


def _circle_members(circle: Circle, seed_ids: list[int]) -> list:
    """(circle id, label, contact id) of active members of the seeds' not-too-big circles."""
    through, circle_field = circle.through, circle.circle_field
    seed_circles = through.objects.filter(contact_id__in=seed_ids).values(circle_field)
    # "More than MAX_CIRCLE members" asks for the member after the limit, which reads at
    # most MAX_CIRCLE + 1 index entries per circle; counting every member of a big tag
    # would make the page's work grow with the network.
    beyond_limit = (
        through.objects.filter(**{circle_field: OuterRef("pk")}).order_by().values("pk")
    )[MAX_CIRCLE:]
    circle_model = through._meta.get_field(circle_field.removesuffix("_id")).related_model
    small = (
        circle_model.objects.filter(pk__in=seed_circles).filter(~Exists(beyond_limit)).values("pk")
    )
    return list(
        through.objects.filter(**{f"{circle_field}__in": small}, contact__status=Status.ACTIVE)
        .order_by()
        .values_list(circle_field, circle.label, "contact_id")
    )


def suggest_introductions(owner, limit: int = 10, contact: Contact | None = None):
    """The best pairs not yet introduced, best first, each with its reasons.

    With `contact`, only pairs with that person. Runs at most six queries (five when every
    candidate is a seed already)
    however many contacts, tags, goals and groups the owner has.
    """
    people = Contact.objects.for_owner(owner).filter(status=Status.ACTIVE)
    fields = ("id", "first_name", "last_name", "company", "role", "category", "interests")
    if contact is not None:
        seeds = [contact] if contact.status == Status.ACTIVE else []
    else:
        seeds = list(
            people.with_category_rank()
            .order_by(
                "category_rank",
                F("warmth").desc(nulls_last=True),
                F("last_contacted_on").desc(nulls_last=True),
                "id",
            )
            .only(*fields)[:SEEDS]
        )
    if not seeds:
        return []
    seed_rank = {seed.pk: rank for rank, seed in enumerate(seeds)}
    seed_ids = list(seed_rank)

    # Reasons per unordered pair; a set, so a pair found from both of its seeds counts once.
    reasons: dict[tuple[int, int], set] = defaultdict(set)
    circles = {circle.kind: circle for circle in _circles()}
    for kind, circle in circles.items():
        members: dict[int, list[int]] = defaultdict(list)
        labels = {}
        for circle_id, name, contact_id in _circle_members(circle, seed_ids):
            members[circle_id].append(contact_id)
            labels[circle_id] = name
        for circle_id, ids in members.items():
            for seed_id in set(ids) & seed_rank.keys():
                for other_id in ids:
                    if other_id != seed_id:
                        pair = (min(seed_id, other_id), max(seed_id, other_id))
                        reasons[pair].add((kind, labels[circle_id]))

    known = set(
        Introduction.objects.for_owner(owner)
        .filter(Q(contact_a__in=seed_ids) | Q(contact_b__in=seed_ids))
        .order_by()
        .values_list("contact_a_id", "contact_b_id")
    )
    for pair in known:
        reasons.pop(pair, None)

    def weight(kind: str) -> int:
        return circles[kind].weight if kind in circles else INTEREST_WEIGHT

    def reason(kind: str, name: str) -> str:
        if kind in circles:
            return circles[kind].reason(name)
        return _("both interested in %(name)s") % {"name": name}

    def score(pair_reasons) -> int:
        return sum(weight(kind) for kind, _label in pair_reasons)

    # Keep the most promising candidates only, then fetch them for names and interests.
    ranked = sorted(reasons.items(), key=lambda item: -score(item[1]))[: limit * 20]
    wanted = {contact_id for pair, _r in ranked for contact_id in pair} - seed_rank.keys()
    by_id = {seed.pk: seed for seed in seeds}
    by_id.update({c.pk: c for c in people.filter(pk__in=wanted).order_by().only(*fields)})

    # Shared interests add to the pairs found and also pair up seeds with nothing else shared.
    candidates = dict(ranked)
    for i, first in enumerate(seeds):
        for second in seeds[i + 1 :]:
            pair = (min(first.pk, second.pk), max(first.pk, second.pk))
            if pair not in known:
                candidates.setdefault(pair, set())
    results = []
    for (a_id, b_id), pair_reasons in candidates.items():
        a, b = by_id.get(a_id), by_id.get(b_id)
        if a is None or b is None:
            continue
        a_words, b_words = interest_words(a.interests), interest_words(b.interests)
        shared = sorted(a_words.keys() & b_words.keys())[:2]
        found = set(pair_reasons) | {("interest", a_words[folded]) for folded in shared}
        if not found:
            continue
        ordered = sorted(found, key=lambda r: (-weight(r[0]), r[1]))
        results.append(
            Suggestion(
                a=a,
                b=b,
                score=score(found),
                reasons=[reason(kind, name) for kind, name in ordered],
            )
        )
    results.sort(
        key=lambda s: (
            -s.score,
            min(seed_rank.get(s.a.pk, SEEDS), seed_rank.get(s.b.pk, SEEDS)),
            s.a.pk,
            s.b.pk,
        )
    )
    if contact is not None:
        return results[:limit]
    picked, count = [], defaultdict(int)
    for suggestion in results:
        if count[suggestion.a.pk] >= PER_PERSON or count[suggestion.b.pk] >= PER_PERSON:
            continue
        count[suggestion.a.pk] += 1
        count[suggestion.b.pk] += 1
        picked.append(suggestion)
        if len(picked) == limit:
            break
    return picked
