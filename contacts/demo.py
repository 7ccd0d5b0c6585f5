"""Mia's contacts for the demo account: the people she knows, what she did with them, her
tags, an introduction idea, a prepared wish-contact request and give-first entries.

The people and events live in demo.toml beside this file; all dates count back from today, so
birthdays and due contacts stay current. `manage.py demo_data` (in the project package) creates
the demo user and builds this part first, then the other apps' parts on these contacts.
"""

import dataclasses
import datetime
import random
import re
import tomllib
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser

from contacts.models import (
    Category,
    Channel,
    Contact,
    HelpEntry,
    InteractionKind,
    Introduction,
    RequestPrep,
    Status,
    Tag,
)
from contacts.text import unaccent

DATA_FILE = Path(__file__).with_suffix(".toml")
SEED = 20190401
# Eighteen months of history: long enough for "longest without contact" to mean something.
HISTORY_DAYS = 540


def build_demo_contacts(
    user: AbstractBaseUser, today: datetime.date, now: datetime.datetime
) -> dict[str, Contact]:
    """Build the demo network for this new user; returns the contacts keyed by full name."""
    contacts = DemoNetwork.load(today=today, now=now).build(user)
    add_give_and_take(user, contacts, today)
    return contacts


@dataclasses.dataclass(frozen=True, kw_only=True)
class Person:
    """One [[people]] entry of demo.toml; unknown keys fail loudly."""

    first_name: str
    last_name: str
    category: str
    status: str = Status.ACTIVE
    company: str = ""
    role: str = ""
    city: str = "Köln"
    # Private contacts get private addresses and the private note templates.
    private: bool = False
    warmth: int | None = None
    keep_in_touch_days: int | None = None
    tags: list[str] = dataclasses.field(default_factory=list)
    how_we_met: str = ""
    interests: str = ""
    notes: str = ""
    # [day, month] or [day, month, year]; or birthday_in_days from today (and birth_year).
    birthday: list[int] | None = None
    birthday_in_days: int | None = None
    birth_year: int | None = None
    links: list[str] = dataclasses.field(default_factory=list)
    # Derived from name and company unless given.
    emails: list[str] | None = None
    phones: list[str] | None = None
    # What generated interactions are about.
    topics: list[str] = dataclasses.field(default_factory=list)
    # Hand-written one-to-one interactions: [days ago, kind, notes].
    history: list[list] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        # Fail on a typo in the data file rather than store a category nobody can pick.
        Category(self.category)
        Status(self.status)
        for channel in self.links:
            Channel(channel)
        for _days, kind, _notes in self.history:
            InteractionKind(kind)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclasses.dataclass(frozen=True)
class Plan:
    days_ago: int
    kind: str
    notes: str
    people: list[str]


class DemoNetwork:
    def __init__(self, data: dict, today: datetime.date, now: datetime.datetime) -> None:
        self.people = [Person(**entry) for entry in data["people"]]
        self.events = [Plan(**entry) for entry in data["events"]]
        self.note_templates = data["notes"]
        self.today = today
        self.now = now
        # Seeded on purpose: the same demo network on every machine; no secret comes of it.
        self.rng = random.Random(SEED)  # nosec B311

    @classmethod
    def load(cls, today: datetime.date, now: datetime.datetime) -> "DemoNetwork":
        with DATA_FILE.open("rb") as data:
            return cls(tomllib.load(data), today=today, now=now)

    def build(self, user: AbstractBaseUser) -> dict[str, Contact]:
        """The people and their interactions; returns the contacts keyed by full name."""
        plan = self.plan_interactions()
        first_met = {}
        for item in plan:
            for name in item.people:
                first_met[name] = max(item.days_ago, first_met.get(name, 0))
        contacts = {
            person.name: self.create_contact(user, person, first_met.get(person.name))
            for person in self.people
        }
        for item in sorted(plan, key=lambda item: -item.days_ago):
            first, *others = [contacts[name] for name in item.people]
            date = self.today - datetime.timedelta(days=item.days_ago)
            first.log_interaction(item.kind, date, item.notes, others=others)
        # Pinguine added in the last six months wait in the triage queue; she has looked at
        # the older ones already and kept them as Pinguine.
        recently = self.now - datetime.timedelta(days=180)
        for contact in contacts.values():
            untriaged = contact.category == Category.PINGUIN and contact.triaged_at is None
            if untriaged and contact.created_at < recently:
                contact.keep_as_pinguin()
        return contacts

    def plan_interactions(self) -> list[Plan]:
        plan = list(self.events)
        for person in self.people:
            plan.extend(Plan(*entry, people=[person.name]) for entry in person.history)
            plan.extend(self.generated(person))
        return plan

    def generated(self, person: Person) -> list[Plan]:
        """Einhörner get frequent, recent interactions; Flamingos a few, further apart."""
        if person.status != Status.ACTIVE or person.category == Category.PINGUIN:
            return []
        if person.category == Category.EINHORN:
            count, days, gaps = self.rng.randint(5, 8), self.rng.randint(3, 40), (25, 80)
        else:
            count, days, gaps = self.rng.randint(1, 4), self.rng.randint(20, 200), (60, 160)
        templates = self.note_templates["private" if person.private else "work"]
        # Every template is equally likely, so kinds with more templates come up more often.
        kinds = [kind for kind, notes in templates.items() for _ in notes]
        used = set()
        result = []
        for _ in range(count):
            if days > HISTORY_DAYS:
                break
            kind = self.rng.choice(kinds)
            template, topic = self.rng.choice(templates[kind]), self.rng.choice(person.topics)
            # Avoid the very same note twice for one person; one more draw is good enough.
            if (template, topic) in used:
                template = self.rng.choice(templates[kind])
            used.add((template, topic))
            result.append(Plan(days, kind, template.format(topic=topic), [person.name]))
            days += self.rng.randint(*gaps)
        return result

    def create_contact(
        self, user: AbstractBaseUser, person: Person, first_met: int | None
    ) -> Contact:
        known_for = (first_met or self.rng.randint(1, 400)) + self.rng.randint(3, 60)
        contact = Contact(
            owner=user,
            first_name=person.first_name,
            last_name=person.last_name,
            company=person.company,
            role=person.role,
            city=person.city,
            emails=person.emails if person.emails is not None else self.emails(person),
            phones=person.phones if person.phones is not None else self.phones(person),
            how_we_met=person.how_we_met,
            interests=person.interests,
            notes=person.notes,
            warmth=person.warmth,
            keep_in_touch_days=person.keep_in_touch_days,
            status=Status.WISH if person.status == Status.WISH else Status.ACTIVE,
            created_at=self.now - datetime.timedelta(days=known_for, minutes=known_for),
        )
        contact.birthday_day, contact.birthday_month, contact.birthday_year = self.birthday(person)
        contact.save()
        if person.category != Category.PINGUIN:
            contact.set_category(person.category)
        if person.status == Status.ARCHIVED:
            contact.archive()
        if person.tags:
            contact.set_tags(Tag.objects.get_or_create_named(user, person.tags))
        if person.links:
            contact.set_links({channel: link_url(person, channel) for channel in person.links})
        return contact

    def birthday(self, person: Person) -> tuple[int | None, int | None, int | None]:
        if person.birthday_in_days is not None:
            upcoming = self.today + datetime.timedelta(days=person.birthday_in_days)
            # Exactly one contact is born on 29 February; a relative birthday never adds another.
            if (upcoming.month, upcoming.day) == (2, 29):
                upcoming += datetime.timedelta(days=1)
            return upcoming.day, upcoming.month, person.birth_year
        if person.birthday:
            day, month, *year = person.birthday
            return day, month, year[0] if year else None
        return None, None, None

    def emails(self, person: Person) -> list[str]:
        local = f"{slug(person.first_name, '')}.{slug(person.last_name, '')}"
        if person.private:
            return [f"{local}@{self.rng.choice(['example.org', 'example.net'])}"]
        if person.company:
            work = f"{local}@{slug(company_core(person.company))}.example.com"
            if person.category == Category.EINHORN:
                return [work, f"{local}@example.org"]
            return [work]
        return [f"kontakt@{slug(person.first_name)}-{slug(person.last_name)}.example.de"]

    def phones(self, person: Person) -> list[str]:
        mobile = f"+49 1{self.rng.choice(['51', '57', '60', '62', '70', '76'])} "
        mobile += str(self.rng.randint(1000000, 9999999))
        if person.private:
            return [mobile]
        area = AREA_CODES.get(person.city, "+49 221")
        landline = f"{area} {self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}"
        # Work contacts: the office line; the close ones also share their mobile.
        if person.category == Category.EINHORN:
            return [landline, mobile]
        return [landline]


def add_give_and_take(
    user: AbstractBaseUser, contacts: dict[str, Contact], today: datetime.date
) -> None:
    """An introduction idea, a prepared request to a wish contact and give-first entries."""

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    pair = _present(contacts, ["Deniz Yılmaz", "Aylin Kaya"])
    if len(pair) == 2:
        Introduction.objects.create(
            owner=user,
            contact_a=min(pair, key=lambda c: c.pk),
            contact_b=max(pair, key=lambda c: c.pk),
            why="Beide setzen sich für barrierefreie Oberflächen ein; Aylin sucht Vue-Hilfe.",
        )
    if "Rebecca Sommer" in contacts:
        RequestPrep.objects.create(
            contact=contacts["Rebecca Sommer"],
            does_today="Forscherin zu digitalen Diensten für ältere Menschen",
            shared="die Frage, wie Formulare für alle funktionieren",
            fascinates="die Verbindung von Forschung und Beteiligung",
            hope_for="uns über Methoden der Beteiligung auszutauschen",
        )
    for name, direction, kind, days, note in (
        ("Deniz Yılmaz", "given", "referral", 20, "An die Agentur von Tobias empfohlen"),
        ("Sabine Krüger", "received", "knowledge", 45, "Tipps für die Tagessatz-Verhandlung"),
        ("Nina Petersen", "given", "question", 70, "Frage zu Screenreader-Tests beantwortet"),
    ):
        if name in contacts:
            HelpEntry.objects.create(
                owner=user,
                contact=contacts[name],
                direction=direction,
                kind=kind,
                date=ago(days),
                note=note,
            )


def _present(contacts: dict[str, Contact], names: list[str]) -> list[Contact]:
    return [contacts[name] for name in names if name in contacts]


def slug(text: str, separator: str = "-") -> str:
    return re.sub(r"[^a-z0-9]+", separator, unaccent(text)).strip("-")


def company_core(company: str) -> str:
    """The company name without legal form or additions: "Stadt Köln, Amt …" → "Stadt Köln"."""
    return re.sub(r"\b(GmbH|AG|eG|UG|e\.V\.)|\(.*\)|,.*$", "", company).strip()


def link_url(person: Person, channel: str) -> str:
    first, last = slug(person.first_name), slug(person.last_name)
    return {
        Channel.LINKEDIN: f"https://www.linkedin.com/in/{first}-{last}",
        Channel.XING: f"https://www.xing.com/profile/{first.title()}_{last.title()}",
        Channel.MASTODON: "https://mastodon.example.org/@" + f"{first}{last}".replace("-", ""),
        Channel.INSTAGRAM: f"https://www.instagram.com/{first}.{last}",
        Channel.RESEARCHGATE: f"https://www.researchgate.net/profile/{first.title()}-{last.title()}",
        Channel.WEBSITE: f"https://www.{first}-{last}.example.com/",
    }[channel]


AREA_CODES = {
    "Köln": "+49 221",
    "Düsseldorf": "+49 211",
    "Bonn": "+49 228",
    "Berlin": "+49 30",
    "Hamburg": "+49 40",
    "München": "+49 89",
    "Leipzig": "+49 341",
    "Aachen": "+49 241",
    "Bergisch Gladbach": "+49 2202",
    "Freiburg": "+49 761",
    "Wien": "+43 1",
}
