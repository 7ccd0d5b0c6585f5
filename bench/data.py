"""Realistic benchmark data, written fast: COPY on Postgres, executemany on SQLite.

One heavy user with N contacts (10 interactions per contact, 500 tags, one "star" contact with
300 interactions) and many light users with 20 contacts each. Names, companies, cities and
notes come from Faker's German locale; people's names from names.py (a long tail: a few
common names, many rare ones). The derived fields (sort_name, the search text of
ContactSearch, last_contacted_on, keep_in_touch_due_on) are computed here in bulk, the way
Contact.save(), ContactQuerySet.rebuild_search_text() and refresh_last_contacted() compute them;
tests/bench/test_benchmark_command.py recomputes them through the model layer and compares.

Steps of the other apps (follow-ups, lunches, goals …, in week_data.py) are in GENERATORS:
each takes the Dataset and the Writer and adds its rows; Dataset.counts records how many.
"""

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone
from faker import Faker

from contacts.models import (
    Category,
    Channel,
    Contact,
    ContactSearch,
    Interaction,
    InteractionKind,
    Status,
    Tag,
)
from contacts.models.contact import ProfileLink
from contacts.models.rhythm import keep_in_touch_due
from contacts.text import canonical
from netzwerk.models import User

from . import week_data
from .names import Names
from .writer import Writer, settle

HEAVY_EMAIL = "bench-heavy@netzwerk.example"
LIGHT_EMAIL = "bench-light-{n}@netzwerk.example"
PASSWORD = "netzwerk-bench"  # nosec B105 # the generated benchmark users' password
CHUNK = 5_000  # contacts generated and written at a time (bounded memory at 100,000)
HISTORY_DAYS = 6 * 365
STAR_INTERACTIONS = 300

CATEGORY_WEIGHTS = {Category.EINHORN: 8, Category.FLAMINGO: 25, Category.PINGUIN: 67}
# Einhörner are met more often than Flamingos, Flamingos more than Pinguine.
CONTACT_WEIGHT = {Category.EINHORN: 6, Category.FLAMINGO: 2, Category.PINGUIN: 1}
STATUS_WEIGHTS = {Status.ACTIVE: 86, Status.WISH: 7, Status.ARCHIVED: 7}
KIND_WEIGHTS = {
    InteractionKind.COFFEE: 25,
    InteractionKind.LUNCH: 12,
    InteractionKind.CALL: 20,
    InteractionKind.MESSAGE: 25,
    InteractionKind.MEETING: 10,
    InteractionKind.EVENT: 5,
    InteractionKind.OTHER: 3,
}
BIG_CITIES = ["Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Düsseldorf"]
BIG_CITIES += ["Leipzig", "Stuttgart", "Dortmund", "Nürnberg", "Dresden", "Freiburg"]


@dataclass
class Plan:
    heavy_contacts: int = 10_000
    light_users: int = 10_000
    light_contacts: int = 20
    interactions_per_contact: int = 10
    light_interactions: int = 10  # per light user
    tags: int = 500
    light_tags: int = 5
    seed: int = 20250101


@dataclass
class Dataset:
    """What the measurements need to know about the generated data."""

    heavy: User
    star_id: int
    common_tag_id: int
    rare_tag_id: int
    common_city: str
    last_name: str  # a last name of middling frequency, typed key by key
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {
            "counts": dict(self.counts),
            "seconds": round(self.seconds, 2),
            "search_city": self.common_city,
            "search_last_name": self.last_name,
        }


class Pools:
    """Faker values drawn once and reused: realistic spread, a fraction of the cost."""

    def __init__(self, rng: random.Random, seed: int):
        fake = Faker("de_DE")
        fake.seed_instance(seed)
        self.fake = fake
        self.names = Names(seed)
        self.company = [fake.company() for _ in range(4_000)]
        self.job = [fake.job() for _ in range(500)]
        self.city = [fake.city() for _ in range(2_000)] + BIG_CITIES * 150
        self.sentence = [fake.sentence(nb_words=rng.randint(4, 14)) for _ in range(8_000)]
        self.paragraph = [fake.paragraph(nb_sentences=rng.randint(2, 6)) for _ in range(2_000)]
        self.words = sorted({fake.word() for _ in range(3_000)})
        self.domains = [fake.free_email_domain() for _ in range(50)]


def tag_names(pools: Pools, count: int, rng: random.Random) -> list[str]:
    names: dict[str, str] = {}
    candidates = [w.capitalize() for w in pools.words] + pools.job
    rng.shuffle(candidates)
    for name in candidates:
        names.setdefault(name.lower(), name[:50])
    while len(names) < count:
        name = f"{rng.choice(pools.words).capitalize()} {rng.choice(pools.words)}"[:50]
        names.setdefault(name.lower(), name)
    return list(names.values())[:count]


def _mailbox(name: str) -> str:
    """A name as it appears in an address: von Bülow → vonbulow."""
    return canonical(name).lower().replace(" ", "").replace("'", "")


def _weighted(rng: random.Random, weights: dict, k: int) -> list:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


class _Note:
    """What Contact.build_search_text reads from tags and interactions."""

    __slots__ = ("name", "notes")

    def __init__(self, text: str):
        self.name = self.notes = text


def write_network(
    writer: Writer,
    pools: Pools,
    rng: random.Random,
    owner_ids: Sequence[int],
    tag_ids_by_owner: dict[int, list[tuple[int, str]]],
    contacts_per_owner: int,
    interactions_per_owner: int,
    max_tags: int,
    star_owner: int | None = None,
) -> dict[str, int]:
    """Contacts, interactions, people links and tag links of these owners (one chunk)."""
    today = timezone.localdate()
    now = timezone.now()
    n_contacts = len(owner_ids) * contacts_per_owner
    contact_ids = writer.ids(Contact, n_contacts)
    contacts = []
    for i, pk in enumerate(contact_ids):
        owner = owner_ids[i // contacts_per_owner]
        first, last = pools.names.first(rng), pools.names.last(rng)
        company = rng.choice(pools.company) if rng.random() < 0.8 else ""
        c = Contact(
            id=pk,
            owner_id=owner,
            first_name=first,
            last_name=last,
            company=company,
            role=rng.choice(pools.job) if rng.random() < 0.6 else "",
            city=rng.choice(pools.city) if rng.random() < 0.85 else "",
            emails=[f"{_mailbox(first)}.{_mailbox(last)}@{rng.choice(pools.domains)}"]
            if rng.random() < 0.7
            else [],
            phones=[pools.fake.phone_number()] if rng.random() < 0.5 else [],
            how_we_met=rng.choice(pools.sentence) if rng.random() < 0.5 else "",
            interests=", ".join(rng.sample(pools.words, 3)) if rng.random() < 0.4 else "",
            notes=rng.choice(pools.paragraph) if rng.random() < 0.4 else "",
            warmth=rng.randint(1, 5) if rng.random() < 0.5 else None,
            category=_weighted(rng, CATEGORY_WEIGHTS, 1)[0],
            status=_weighted(rng, STATUS_WEIGHTS, 1)[0],
            created_at=now - datetime.timedelta(seconds=rng.randint(0, HISTORY_DAYS * 86_400)),
        )
        if rng.random() < 0.6:
            c.birthday_month, c.birthday_day = rng.randint(1, 12), rng.randint(1, 28)
            if rng.random() < 0.5:
                c.birthday_year = rng.randint(1950, 2003)
        if c.category != Category.PINGUIN or rng.random() < 0.3:
            c.triaged_at = c.created_at
        # As Contact.save() derives it.
        c.sort_name = canonical(f"{c.last_name} {c.first_name}".strip() or c.company)[:210]
        c.tag_notes, c.interaction_notes = [], []
        contacts.append(c)

    by_owner = [
        contacts[k : k + contacts_per_owner] for k in range(0, n_contacts, contacts_per_owner)
    ]
    tag_links = []
    for group in by_owner:
        tags = tag_ids_by_owner[group[0].owner_id]
        # A few popular tags, a long tail of rare ones.
        tag_weights = [1 / (rank + 1) for rank in range(len(tags))]
        for c in group:
            picked = {
                tags[i]
                for i in rng.choices(
                    range(len(tags)), weights=tag_weights, k=rng.randint(0, max_tags)
                )
            }
            for tag_id, name in picked:
                tag_links.append((c.id, tag_id))
                c.tag_notes.append(_Note(name))

    interactions, people = [], []
    n_interactions = len(owner_ids) * interactions_per_owner
    interaction_ids = iter(writer.ids(Interaction, n_interactions))
    for group in by_owner:
        owner = group[0].owner_id
        star = group[0] if owner == star_owner else None
        others = [c for c in group if c is not star]
        weights = [CONTACT_WEIGHT[c.category] for c in others]
        count = interactions_per_owner
        leads = [star] * STAR_INTERACTIONS if star else []
        leads += rng.choices(others, weights=weights, k=count - len(leads))
        for lead in leads:
            pk = next(interaction_ids)
            date = today - datetime.timedelta(days=int(rng.triangular(0, HISTORY_DAYS, 0)))
            notes = rng.choice(pools.sentence) if rng.random() < 0.7 else ""
            kind = _weighted(rng, KIND_WEIGHTS, 1)[0]
            created = timezone.make_aware(
                datetime.datetime.combine(date, datetime.time(12)), datetime.UTC
            )
            interactions.append((pk, owner, kind, date, notes, created))
            with_whom = {lead}
            if rng.random() < 0.15:
                with_whom.update(rng.sample(others, min(len(others), rng.randint(1, 2))))
            for c in with_whom:
                people.append((pk, c.id, date))
                if notes:
                    c.interaction_notes.append((date, pk, notes))
                if c.last_contacted_on is None or date > c.last_contacted_on:
                    c.last_contacted_on = date

    # Every generated user keeps the default rhythms (30 / 90 days / none).
    rhythms = User()
    for c in contacts:
        c.keep_in_touch_due_on = keep_in_touch_due(c, rhythms)
        # In the order the model's prefetches use: tags A–Z, interactions newest first.
        c.tag_notes.sort(key=lambda tag: tag.name.lower())
        c.interaction_notes.sort(reverse=True)
        c.search_text = c.build_search_text(
            tags=c.tag_notes, interactions=[_Note(notes) for *_, notes in c.interaction_notes]
        )

    contact_fields = [
        "id", "owner", "first_name", "last_name", "company", "role", "city", "emails",
        "phones", "birthday_day", "birthday_month", "birthday_year", "how_we_met",
        "interests", "notes", "warmth", "keep_in_touch_days", "status", "category",
        "last_contacted_on", "keep_in_touch_due_on", "triaged_at", "sort_name",
        "created_at", "updated_at",
    ]  # fmt: skip
    writer.insert(
        Contact,
        contact_fields,
        (
            (
                c.id,
                c.owner_id,
                c.first_name,
                c.last_name,
                c.company,
                c.role,
                c.city,
                c.emails,
                c.phones,
                c.birthday_day,
                c.birthday_month,
                c.birthday_year,
                c.how_we_met,
                c.interests,
                c.notes,
                c.warmth,
                c.keep_in_touch_days,
                c.status,
                c.category,
                c.last_contacted_on,
                c.keep_in_touch_due_on,
                c.triaged_at,
                c.sort_name,
                c.created_at,
                # Last changed when made: a real network is not all edited this hour, which
                # the CardDAV sync's margin for late commits would read again each time.
                c.created_at,
            )  # fmt: skip
            for c in contacts
        ),
    )
    searched = ((c.id, c.owner_id, c.search_text, c.sort_name) for c in contacts)
    writer.insert(ContactSearch, ["contact", "owner", "text", "sort_name"], searched)
    writer.insert(Contact.tags.through, ["contact", "tag"], tag_links)
    writer.insert(Interaction, ["id", "owner", "kind", "date", "notes", "created_at"], interactions)
    writer.insert(Interaction.contacts.through, ["interaction", "contact", "date"], people)
    links = [
        (c.id, Channel.LINKEDIN, f"https://www.linkedin.com/in/{canonical(c.first_name)}-{c.id}")
        for c in contacts
        if rng.random() < 0.3
    ]
    writer.insert(ProfileLink, ["contact", "channel", "url"], links)
    return {
        "contacts": len(contacts),
        "interactions": len(interactions),
        "interaction_people": len(people),
        "contact_tags": len(tag_links),
        "profile_links": len(links),
    }


def make_users(emails: list[str]) -> list[int]:
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [User(email=email, password=password, language="de") for email in emails], batch_size=2_000
    )
    if users and users[0].pk is None:  # a backend without RETURNING
        return list(
            User.objects.filter(email__in=emails).order_by("id").values_list("id", flat=True)
        )
    return [u.pk for u in users]


def make_tags(writer: Writer, pools: Pools, rng, owner_ids, per_owner: int):
    names = tag_names(pools, max(per_owner, 60), rng)
    ids = iter(writer.ids(Tag, len(owner_ids) * per_owner))
    rows, by_owner = [], {}
    for owner in owner_ids:
        chosen = names[:per_owner] if per_owner >= len(names) else rng.sample(names, per_owner)
        by_owner[owner] = [(next(ids), name) for name in chosen]
        rows += [(pk, owner, name) for pk, name in by_owner[owner]]
    writer.insert(Tag, ["id", "owner", "name"], rows)
    return by_owner


def _heavy_users(plan, writer, pools, rng, dataset_counts, progress):
    (heavy,) = make_users([HEAVY_EMAIL])
    tags = make_tags(writer, pools, rng, [heavy], plan.tags)
    dataset_counts["tags"] += plan.tags
    done = 0
    while done < plan.heavy_contacts:
        size = min(CHUNK, plan.heavy_contacts - done)
        counts = write_network(
            writer,
            pools,
            rng,
            owner_ids=[heavy],
            tag_ids_by_owner=tags,
            contacts_per_owner=size,
            interactions_per_owner=size * plan.interactions_per_contact,
            max_tags=4,
            star_owner=heavy if done == 0 else None,
        )
        dataset_counts.update(counts)
        done += size
        progress(f"heavy user: {done:,} of {plan.heavy_contacts:,} contacts")
    return heavy


def _light_users(plan, writer, pools, rng, dataset_counts, progress):
    per_chunk = max(1, CHUNK // plan.light_contacts)
    for start in range(0, plan.light_users, per_chunk):
        n = min(per_chunk, plan.light_users - start)
        owners = make_users([LIGHT_EMAIL.format(n=start + k) for k in range(n)])
        tags = make_tags(writer, pools, rng, owners, plan.light_tags)
        dataset_counts["tags"] += n * plan.light_tags
        counts = write_network(
            writer,
            pools,
            rng,
            owner_ids=owners,
            tag_ids_by_owner=tags,
            contacts_per_owner=plan.light_contacts,
            interactions_per_owner=plan.light_interactions,
            max_tags=2,
        )
        dataset_counts.update(counts)
        if (start // per_chunk) % 10 == 9 or start + n >= plan.light_users:
            progress(f"light users: {start + n:,} of {plan.light_users:,}")


# Steps of other apps: fn(plan, dataset, writer, rng, progress) -> None, run after contacts.
GENERATORS: list[Callable] = [*week_data.STEPS]


def generate(plan: Plan, progress: Callable[[str], None] = lambda msg: None) -> Dataset:
    started = time.perf_counter()
    rng = random.Random(plan.seed)  # nosec B311 # reproducible fake data
    pools = Pools(rng, plan.seed)
    writer = Writer()
    counts: Counter = Counter()
    heavy_id = _heavy_users(plan, writer, pools, rng, counts, progress)
    _light_users(plan, writer, pools, rng, counts, progress)
    counts["users"] = 1 + plan.light_users
    writer.finish()
    dataset = describe(User.objects.get(pk=heavy_id))
    dataset.counts = counts
    for step in GENERATORS:
        step(plan, dataset, writer, rng, progress)
    writer.finish()
    progress("ANALYZE")
    settle()
    dataset.seconds = time.perf_counter() - started
    return dataset


def describe(heavy: User) -> Dataset:
    """Pick the star contact, tags and search terms from the data (also for --reuse)."""
    contacts = Contact.objects.for_owner(heavy)
    star = contacts.annotate(n=models.Count("interactions")).order_by("-n", "id").only("id").first()
    tags = list(
        Tag.objects.for_owner(heavy)
        .annotate(n=models.Count("contacts"))
        .filter(n__gt=0)
        .order_by("-n", "id")
        .values_list("id", flat=True)
    )
    cities = Counter(contacts.exclude(city="").values_list("city", flat=True))
    last_names = Counter(contacts.values_list("last_name", flat=True))
    by_frequency = [name for name, _ in last_names.most_common() if len(name) >= 6]
    return Dataset(
        heavy=heavy,
        star_id=star.pk,
        common_tag_id=tags[0],
        rare_tag_id=tags[-1],
        common_city=cities.most_common(1)[0][0],
        last_name=by_frequency[len(by_frequency) // 2] if by_frequency else "Schneider",
    )
