"""The demo account: Mia, a freelance UX designer in Köln, and the network she keeps.

`bin/run` calls `demo_data --if-empty` on every start, so a fresh install has something to
show and a second start changes nothing. All dates count back from today, so birthdays,
due contacts and the lunch planner always have something current to show.
"""

import dataclasses
import datetime
import random
import re

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from contacts.models import Category, Contact, Status, Tag
from contacts.text import unaccent
from netzwerk.models import User

DEMO_EMAIL = "demo@netzwerk.example"
DEMO_PASSWORD = "netzwerk-demo"
SEED = 20190401
# Eighteen months of history: long enough for "longest without contact" to mean something.
HISTORY_DAYS = 540

E, F, P = Category.EINHORN, Category.FLAMINGO, Category.PINGUIN
WISH, ARCHIVED = Status.WISH, Status.ARCHIVED


class Command(BaseCommand):
    help = f"Create the demo account {DEMO_EMAIL} (password {DEMO_PASSWORD}) with its network."

    def add_arguments(self, parser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the demo user exists already (used on every start).",
        )
        mode.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo user with all its data and create it afresh.",
        )

    def handle(self, *args, if_empty: bool = False, reset: bool = False, **options) -> None:
        existing = User.objects.filter(email=DEMO_EMAIL).first()
        if existing and if_empty:
            self.stdout.write(f"Demo user {DEMO_EMAIL} exists already; nothing to do.")
            return
        if existing and not reset:
            self.stdout.write(
                self.style.WARNING(
                    f"Demo user {DEMO_EMAIL} exists already; nothing was changed. "
                    "Run `manage.py demo_data --reset` to delete its data and create it afresh."
                )
            )
            return
        with transaction.atomic():
            if existing:
                # Deleting the user cascades to everything it owns, in every app, so a reset
                # cannot leave half of an old demo behind.
                existing.delete()
            user = DemoNetwork(today=timezone.localdate(), now=timezone.now()).build()
        contacts = Contact.objects.for_owner(user)
        per_category = ", ".join(
            f"{contacts.filter(category=c).count()} {c.label}" for c in Category
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Recreated' if existing else 'Created'} demo user {DEMO_EMAIL} "
                f"(password {DEMO_PASSWORD}): {contacts.count()} contacts ({per_category}), "
                f"{user.interactions.count()} interactions, {user.tags.count()} tags."
            )
        )


@dataclasses.dataclass(frozen=True, kw_only=True)
class Person:
    """One contact of the demo network; emails, phones and link URLs are derived from it."""

    first: str
    last: str
    category: str
    company: str = ""
    role: str = ""
    city: str = "Köln"
    status: str = Status.ACTIVE
    private: bool = False
    warmth: int | None = None
    keep: int | None = None
    tags: tuple[str, ...] = ()
    met: str = ""
    interests: str = ""
    notes: str = ""
    # (day, month, year or None); or birthday_in days from today, so reminders stay current.
    birthday: tuple[int, int, int | None] | None = None
    birthday_in: int | None = None
    links: str = ""
    emails: tuple[str, ...] | None = None
    phones: tuple[str, ...] | None = None
    # What generated interactions are about (accusative: "über {topic}").
    topics: tuple[str, ...] = ()
    # Hand-written one-to-one interactions: (days ago, kind, notes).
    history: tuple[tuple[int, str, str], ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


class DemoNetwork:
    def __init__(self, today: datetime.date, now: datetime.datetime) -> None:
        self.today = today
        self.now = now
        self.rng = random.Random(SEED)

    def build(self) -> User:
        user = User.objects.create_user(
            email=DEMO_EMAIL,
            password=DEMO_PASSWORD,
            first_name="Mia",
            language="de",
            time_zone="Europe/Berlin",
            home_city="Köln",
        )
        # A verified address lets the demo log in even where email verification is mandatory.
        EmailAddress.objects.create(user=user, email=DEMO_EMAIL, verified=True, primary=True)
        plan = self.plan_interactions()
        first_contact = {}
        for days_ago, _kind, _notes, names in plan:
            for name in names:
                first_contact[name] = max(days_ago, first_contact.get(name, 0))
        contacts = {
            person.name: self.create_contact(user, person, first_contact.get(person.name))
            for person in PEOPLE
        }
        for days_ago, kind, notes, names in sorted(plan, key=lambda item: -item[0]):
            first, *others = [contacts[name] for name in names]
            date = self.today - datetime.timedelta(days=days_ago)
            first.log_interaction(kind, date, notes, others=others)
        # Pinguine she has met count as looked at; the never-met ones wait in the triage queue.
        for person in PEOPLE:
            met = person.name in first_contact
            if person.category == P and person.status == Status.ACTIVE and met:
                contacts[person.name].keep_as_pinguin()
        return user

    def plan_interactions(self) -> list[tuple[int, str, str, list[str]]]:
        plan = [(days, kind, notes, list(names)) for days, kind, notes, *names in GROUP_EVENTS]
        for person in PEOPLE:
            plan.extend((days, kind, notes, [person.name]) for days, kind, notes in person.history)
            plan.extend(
                (days, kind, notes, [person.name]) for days, kind, notes in self.generated(person)
            )
        return plan

    def generated(self, person: Person) -> list[tuple[int, str, str]]:
        """Einhörner get frequent, recent interactions; Flamingos a few, further apart."""
        if person.status != Status.ACTIVE or person.category == P:
            return []
        if person.category == E:
            count, days, gaps = self.rng.randint(5, 8), self.rng.randint(3, 40), (25, 80)
        else:
            count, days, gaps = self.rng.randint(1, 4), self.rng.randint(20, 200), (60, 160)
        pools = PRIVATE_NOTES if person.private else WORK_NOTES
        used = set()
        result = []
        for _ in range(count):
            if days > HISTORY_DAYS:
                break
            kind = self.rng.choice([kind for kind, notes in pools.items() for _ in notes])
            template = self.rng.choice(pools[kind])
            topic = self.rng.choice(person.topics)
            # Avoid the very same note twice for one person; a second draw is good enough.
            if (template, topic) in used:
                template = self.rng.choice(pools[kind])
            used.add((template, topic))
            result.append((days, kind, template.format(topic=topic)))
            days += self.rng.randint(*gaps)
        return result

    def create_contact(self, user: User, person: Person, first_contact: int | None) -> Contact:
        known_for = (first_contact or self.rng.randint(1, 400)) + self.rng.randint(3, 60)
        day, month, year = person.birthday or (None, None, None)
        if person.birthday_in is not None:
            upcoming = self.today + datetime.timedelta(days=person.birthday_in)
            # Exactly one contact is born on 29 February; a relative birthday never adds another.
            if (upcoming.month, upcoming.day) == (2, 29):
                upcoming += datetime.timedelta(days=1)
            day, month, year = upcoming.day, upcoming.month, None
        contact = Contact(
            owner=user,
            first_name=person.first,
            last_name=person.last,
            company=person.company,
            role=person.role,
            city=person.city,
            emails=list(person.emails if person.emails is not None else self.emails(person)),
            phones=list(person.phones if person.phones is not None else self.phones(person)),
            birthday_day=day,
            birthday_month=month,
            birthday_year=year,
            how_we_met=person.met,
            interests=person.interests,
            notes=person.notes,
            warmth=person.warmth,
            keep_in_touch_days=person.keep,
            status=WISH if person.status == WISH else Status.ACTIVE,
            created_at=self.now - datetime.timedelta(days=known_for, minutes=known_for * 7),
        )
        contact.save()
        if person.category != P:
            contact.set_category(person.category)
        if person.status == ARCHIVED:
            contact.archive()
        if person.tags:
            contact.set_tags(Tag.objects.get_or_create_named(user, list(person.tags)))
        if person.links:
            contact.set_links({channel: link_url(person, channel) for channel in LINK_CHANNELS})
        return contact

    def emails(self, person: Person) -> list[str]:
        local = f"{slug(person.first, '')}.{slug(person.last, '')}"
        if person.private:
            return [f"{local}@{self.rng.choice(['example.org', 'example.net'])}"]
        if person.company:
            work = f"{local}@{slug(company_core(person.company))}.example.com"
            if person.category == E:
                return [work, f"{local}@example.org"]
            return [work]
        return [f"kontakt@{slug(person.first)}-{slug(person.last)}.example.de"]

    def phones(self, person: Person) -> list[str]:
        mobile = f"+49 1{self.rng.choice(['51', '57', '60', '62', '70', '76'])} "
        mobile += str(self.rng.randint(1000000, 9999999))
        if person.private:
            return [mobile]
        area = AREA_CODES.get(person.city, "+49 221")
        landline = f"{area} {self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}"
        # Work contacts: the office line; the close ones also share their mobile.
        return [landline, mobile] if person.category == E else [landline]


def slug(text: str, separator: str = "-") -> str:
    ascii_text = unaccent(text).replace("ı", "i")
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip("-")


def company_core(company: str) -> str:
    return re.sub(r"\b(GmbH|AG|eG|UG|e\.V\.)|\(.*\)|,.*$", "", company).strip()


LINK_CHANNELS = {
    "li": "linkedin",
    "xi": "xing",
    "ma": "mastodon",
    "ig": "instagram",
    "rg": "researchgate",
    "web": "website",
}


def link_url(person: Person, channel: str) -> str:
    """The URL for a channel code in person.links, or "" (which set_links skips)."""
    codes = {LINK_CHANNELS[code] for code in person.links.split()}
    if channel not in codes:
        return ""
    first, last = slug(person.first), slug(person.last)
    return {
        "linkedin": f"https://www.linkedin.com/in/{first}-{last}",
        "xing": f"https://www.xing.com/profile/{first.title()}_{last.title()}",
        "mastodon": f"https://mastodon.example.org/@{first}{last.replace('-', '')}",
        "instagram": f"https://www.instagram.com/{first}.{last}",
        "researchgate": f"https://www.researchgate.net/profile/{first.title()}-{last.title()}",
        "website": f"https://www.{first}-{last}.example.com/",
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

# Note templates for generated interactions; {topic} is always in the accusative.
WORK_NOTES = {
    "coffee": [
        "Kaffee im Hafenhaus, ging vor allem um {topic}.",
        "Kurzer Espresso zwischen zwei Terminen, {topic} angesprochen. Unterlagen kommen per Mail.",
        "Kaffee am Brüsseler Platz. Viel gelacht, nebenbei über {topic} gesprochen.",
        "Kaffee nach dem Termin, Feedback für {topic} eingeholt.",
    ],
    "lunch": [
        "Mittagessen beim Vietnamesen auf der Venloer, Thema: {topic}.",
        "#neverlunchalone – Lunch mit Austausch über {topic} und Tagessätze.",
        "Lunch in der Nähe ihres Büros, danach {topic} kurz durchgesprochen.",
    ],
    "call": [
        "Telefonat über {topic}. Ich schicke bis Freitag eine Einschätzung.",
        "Kurzer Call über {topic}. Der nächste Schritt liegt bei mir.",
        "Video-Call, knapp eine Stunde, über {topic}. Klingt nach einem Folgeauftrag.",
        "Telefoniert und {topic} geklärt. Angenehm unkompliziert.",
    ],
    "message": [
        "Mail mit einem Artikel über {topic} geschickt.",
        "Nachricht auf LinkedIn, es ging um {topic}. Antwort kam am selben Tag.",
        "Kurze Mail mit Terminvorschlägen für {topic}.",
    ],
    "meeting": [
        "Workshop vor Ort über {topic}. Gute Energie im Raum.",
        "Abstimmungstermin für {topic}, Protokoll verschickt.",
        "Review-Termin: Entwürfe für {topic} gezeigt, zwei Änderungswünsche.",
    ],
}
PRIVATE_NOTES = {
    "coffee": [
        "Kaffee im Veedel, lange über {topic} geredet.",
        "Cappuccino im Café um die Ecke, {topic} war das große Thema.",
    ],
    "lunch": [
        "Sonntagsbrunch, es ging viel um {topic}.",
        "Mittagessen im Park, Gespräch über {topic}.",
    ],
    "call": [
        "Langes Telefonat am Abend, vor allem über {topic}.",
        "Kurz angerufen, über {topic} gesprochen und ein Treffen ausgemacht.",
    ],
    "message": [
        "Sprachnachricht über {topic} geschickt.",
        "Foto vom Wochenende geschickt und kurz über {topic} geschrieben.",
    ],
    "other": [
        "Spaziergang am Aachener Weiher, über {topic} geredet.",
        "Zusammen gekocht, nebenbei {topic} durchgekaut.",
        "Kino und danach noch ein Kölsch, Thema: {topic}.",
    ],
}

# Interactions with several people: (days ago, kind, notes, *names).
GROUP_EVENTS = [
    # Buchclub
    (
        24,
        "event",
        "Buchclub bei Lena: „Die Wand“ von Marlen Haushofer. Julia fand das Ende unerträglich, "
        "Sophie genial.",
        "Lena Schäfer",
        "Julia Fischer",
        "Sophie Braun",
    ),
    (
        80,
        "event",
        "Buchclub bei mir: „Kairos“ von Jenny Erpenbeck. Lange über die Wendezeit geredet, "
        "viel zu viel Wein.",
        "Lena Schäfer",
        "Julia Fischer",
        "Sophie Braun",
    ),
    (
        138,
        "event",
        "Buchclub im Biergarten, „Tyll“. Beschlossen: nächstes Mal etwas Kürzeres.",
        "Lena Schäfer",
        "Julia Fischer",
        "Sophie Braun",
    ),
    (
        262,
        "event",
        "Buchclub: Graphic-Novel-Abend auf Sophies Vorschlag. Kam besser an als gedacht.",
        "Lena Schäfer",
        "Julia Fischer",
        "Sophie Braun",
    ),
    (
        390,
        "event",
        "Abschied von Simone im Buchclub, sie zieht nach Freiburg. Buchpaket als Geschenk.",
        "Lena Schäfer",
        "Julia Fischer",
        "Sophie Braun",
        "Simone Arnold",
    ),
    (
        455,
        "event",
        "Buchclub bei Simone: „Unterleuten“ von Juli Zeh. Alle mochten die Figuren, "
        "keiner das Ende.",
        "Lena Schäfer",
        "Julia Fischer",
        "Simone Arnold",
    ),
    # Laufgruppe
    (
        7,
        "other",
        "Sonntagslauf am Decksteiner Weiher, 14 km. Markus hat den Trainingsplan verteilt.",
        "Annika Vogel",
        "Markus Schneider",
    ),
    (
        63,
        "other",
        "Intervalle im Stadtwald. Annika war schneller als ich, wie immer.",
        "Annika Vogel",
        "Markus Schneider",
        "Dominik Frank",
    ),
    (
        170,
        "event",
        "Halbmarathon geschafft: 2:04 h! Danach Kölsch mit der ganzen Laufgruppe.",
        "Annika Vogel",
        "Markus Schneider",
        "Dominik Frank",
    ),
    (
        330,
        "other",
        "Winterlauf im Nieselregen, danach Glühwein. Nur zu dritt.",
        "Annika Vogel",
        "Markus Schneider",
    ),
    # UX-Stammtisch
    (
        15,
        "event",
        "UX-Stammtisch: Felix über Remote-Interviews, danach lange Diskussion über "
        "KI-Transkription und Datenschutz.",
        "Felix Hartmann",
        "Sven Köhler",
        "Isabel Roth",
    ),
    (
        48,
        "event",
        "UX-Stammtisch in der Stadtbibliothek, Thema Barrierefreiheit. Heike kam extra aus "
        "Düsseldorf.",
        "Felix Hartmann",
        "Heike Baumann",
    ),
    (
        112,
        "event",
        "UX-Stammtisch: Ich habe über Research in Versicherungen erzählt. Gutes Feedback, "
        "zwei neue Kontakte.",
        "Felix Hartmann",
        "Sven Köhler",
        "Isabel Roth",
    ),
    (
        205,
        "event",
        "Sommerausgabe des Stammtischs im Biergarten, mehr Quatschen als Vortrag.",
        "Felix Hartmann",
        "Sven Köhler",
        "Heike Baumann",
    ),
    (
        350,
        "event",
        "UX-Stammtisch zu Design Systems. Isabel hat offen erzählt, was bei ihnen schiefging.",
        "Felix Hartmann",
        "Isabel Roth",
    ),
    (
        470,
        "event",
        "Erster Stammtisch, den ich mitorganisiert habe. 30 Leute, die Pizza hat nicht gereicht.",
        "Felix Hartmann",
        "Sven Köhler",
    ),
    # Coworking
    (
        58,
        "event",
        "Lunch-Talk im Hafenhaus gehalten: „Nutzertests in einer Stunde“. Leon hat danach nach "
        "einem Praktikum gefragt.",
        "Elif Demir",
        "Deniz Yılmaz",
        "Leon Busch",
    ),
    (
        275,
        "event",
        "Sommerfest im Hafenhaus, Grillen auf dem Dach. Mit Carina über Kundenakquise geredet.",
        "Elif Demir",
        "Deniz Yılmaz",
        "Moritz Engel",
        "Carina Scholz",
    ),
    (
        430,
        "lunch",
        "Mittagstisch im Coworking: Ewa hat Pierogi mitgebracht, Moritz von seiner Ausstellung "
        "erzählt.",
        "Moritz Engel",
        "Ewa Nowak",
        "Deniz Yılmaz",
    ),
    # Work
    (
        28,
        "meeting",
        "Angebotsrunde bei Kachelwerk mit Deniz: Aufteilung Research und Umsetzung fürs "
        "Stadtwerke-Projekt geklärt.",
        "Tobias Brandt",
        "Deniz Yılmaz",
        "Kevin Bauer",
    ),
    (
        160,
        "meeting",
        "Kick-off Kundenportal bei Lindenhof: Ziele, Zeitplan, Interviewpartner. Matthias stellt "
        "Leute aus der Schadenabteilung.",
        "Katrin Müller",
        "Matthias Lehmann",
    ),
    (
        245,
        "meeting",
        "Workshop im Bürgeramt: Formular für Anwohnerparkausweise mit Bürger:innen getestet. "
        "Deniz hat den Prototyp live angepasst.",
        "Daniel Meyer",
        "Deniz Yılmaz",
    ),
    (
        100,
        "event",
        "Konferenz in Berlin. Marie hat mich ihrem Team vorgestellt, abends Ramen mit Christian, "
        "der zufällig auch da war.",
        "Marie Nguyen",
        "Christian Zimmermann",
    ),
    (
        300,
        "event",
        "Gründertag der IHK: Praxisbericht über Preise gehalten. Melanie von Rheinpfad kam "
        "danach auf mich zu.",
        "Claudia Hoffmann",
        "Melanie Koch",
    ),
    (
        415,
        "event",
        "Barcamp Bonn: Session über Preisgestaltung für Freelancer. Florian will mich in seinen "
        "Podcast einladen.",
        "Florian Schwarz",
        "Nils Friedrich",
    ),
    (
        520,
        "event",
        "Mitgliederabend des Designverbands, Thema Honorare. Björn aus Aachen kennengelernt.",
        "Franziska Lang",
        "Björn Jäger",
    ),
    (
        35,
        "coffee",
        "Aylin und Felix einander vorgestellt. Aylin hält vielleicht einen Kurzvortrag beim "
        "Stammtisch.",
        "Aylin Kaya",
        "Felix Hartmann",
    ),
    # Private
    (
        40,
        "other",
        "Abendessen bei Jonas und Tanja. Ida schläft endlich durch, Tanja zeigt die Pläne für "
        "den Anbau.",
        "Jonas Weiß",
        "Tanja Berger",
    ),
    (
        90,
        "other",
        "Hoffest im Hinterhof, Gabi hat ihren Streuselkuchen gebacken. Hannah hat Girlanden "
        "gemalt.",
        "Hannah Wolf",
        "Gabi Schröder",
    ),
    (
        185,
        "other",
        "Gartenfest bei Birgit in Bonn. Greta nach Jahren wiedergesehen.",
        "Birgit Kaiser",
        "Greta Kaiser",
    ),
]

PEOPLE = [
    # Einhörner
    Person(
        first="Jonas",
        last="Weiß",
        category=E,
        role="Lehrer (Deutsch, Geschichte)",
        company="Gesamtschule Nippes",
        private=True,
        warmth=5,
        keep=14,
        tags=("Freunde",),
        met="WG-Nachbar im Studium in Münster, seitdem bester Freund.",
        interests="Klettern, Brettspiele, Jazz, Italien",
        notes="Im Frühjahr Vater geworden (Ida). Mag keine Überraschungspartys.",
        birthday_in=5,
        topics=(
            "die Elternzeit",
            "seine Kletterpläne für den Sommer",
            "den neuen Bouldertreff in Ehrenfeld",
            "Idas erste Kita-Wochen",
        ),
    ),
    Person(
        first="Lena",
        last="Schäfer",
        category=E,
        role="Freie Lektorin",
        private=True,
        warmth=5,
        tags=("Buchclub", "Freelancer", "Freunde"),
        met="Über eine gemeinsame Freundin; zusammen den Buchclub gegründet.",
        interests="Gegenwartsliteratur, Lyrik, Wandern in der Eifel",
        notes="Lektoriert auch Sachbücher – gute Adresse für Kund:innen, die Texte brauchen. "
        "Trinkt keinen Kaffee, nur Tee.",
        birthday=(14, 3, 1986),
        links="li web",
        topics=(
            "ihren neuen Verlagsauftrag",
            "die Leseliste fürs nächste Halbjahr",
            "Preise für Lektorat",
            "den Urlaub auf Rügen",
        ),
    ),
    Person(
        first="Katrin",
        last="Müller",
        category=E,
        company="Lindenhof Versicherung AG",
        role="Head of Digital Experience",
        warmth=4,
        keep=21,
        tags=("Kunde", "UX"),
        met="Pitch fürs Kundenportal, vermittelt über Tobias Brandt.",
        interests="Barrierefreiheit, Segeln, Podcasts über Führung",
        notes="Wichtigste Kundin, gut ein Drittel vom Umsatz. Entscheidet schnell und mag kurze "
        "Mails mit klarer Empfehlung. Rahmenvertrag läuft noch gut ein Jahr.",
        birthday_in=16,
        links="li xi",
        topics=(
            "den Relaunch des Kundenportals",
            "die Nutzerinterviews zur Schadenmeldung",
            "das Budget fürs nächste Quartal",
            "die Barrierefreiheit der Formulare",
        ),
    ),
    Person(
        first="Deniz",
        last="Yılmaz",
        category=E,
        role="Freier Frontend-Entwickler",
        warmth=5,
        tags=("Freelancer", "Coworking", "UX"),
        met="Sitzt im Hafenhaus am Nachbartisch; seit dem ersten gemeinsamen Projekt ein Team.",
        interests="Vue, Barrierefreiheit, Fortuna Köln, Kochen",
        notes="Wir arbeiten oft im Tandem: ich Konzept und Research, er Umsetzung. "
        "Kennt Tim Böhm von Grünspan aus dem Fußballverein.",
        birthday=(2, 11, 1990),
        links="li ma web",
        topics=(
            "das gemeinsame Angebot für Grünspan",
            "Design Tokens",
            "seine neuen Stundensätze",
            "ein Tandem-Projekt für die Stadt",
        ),
    ),
    Person(
        first="Sabine",
        last="Krüger",
        category=E,
        company="Krüger Coaching",
        role="Design-Coach",
        city="Düsseldorf",
        warmth=4,
        keep=30,
        tags=("Mentoring", "Ex-Kollegen"),
        met="War meine Creative Director bei Kranich & Blau, seit der Selbstständigkeit "
        "meine Mentorin.",
        interests="Führung, Keramik, Jazz",
        notes="Treffen alle paar Wochen, meist Spaziergang am Rhein. Ihr Rat: Tagessätze statt "
        "Stundensätze anbieten.",
        birthday=(9, 7, None),
        links="li xi web",
        topics=(
            "meine Positionierung",
            "den Tagessatz fürs nächste Jahr",
            "ihr Buchprojekt über Führung",
            "Akquise ohne Kaltakquise",
        ),
    ),
    Person(
        first="Tobias",
        last="Brandt",
        category=E,
        company="Kachelwerk Digitalagentur GmbH",
        role="Geschäftsführer",
        warmth=4,
        tags=("Agentur", "Kunde"),
        met="UX-Stammtisch, kurz nach meinem Start in die Selbstständigkeit.",
        interests="E-Bikes, Typografie, 1. FC Köln",
        notes="Bucht mich für Research-Phasen in Agenturprojekten. Zahlt zuverlässig in 14 Tagen.",
        birthday=(18, 2, 1975),
        links="li xi web",
        topics=(
            "das Projekt für die Stadtwerke",
            "meine Kapazitäten im Herbst",
            "ein gemeinsames Webinar",
            "seine neue Junior-Designerin",
        ),
    ),
    Person(
        first="Annika",
        last="Vogel",
        category=E,
        role="Ärztin (Innere Medizin)",
        private=True,
        warmth=5,
        tags=("Laufgruppe", "Freunde"),
        met="Laufgruppe im SV Ehrenfeld; wir laufen fast jeden Sonntag zusammen.",
        interests="Halbmarathon, Rennrad, Krimis",
        notes="Schichtdienst – lieber schreiben als anrufen.",
        birthday=(23, 5, 1991),
        topics=("den nächsten Halbmarathon", "ihre Facharztprüfung", "die Radtour an der Mosel"),
    ),
    Person(
        first="Felix",
        last="Hartmann",
        category=E,
        company="Rheinische Veedelbank eG",
        role="UX Researcher",
        warmth=4,
        tags=("Stammtisch", "UX"),
        met="Organisiert den UX-Stammtisch Köln; ich helfe seit zwei Jahren bei der Orga.",
        interests="Research Ops, Synthesizer, Bouldern",
        notes="Sucht immer Speaker:innen für den Stammtisch. Guter Kontakt für Aylin.",
        birthday=(17, 10, 1984),
        links="li ma",
        topics=(
            "das Programm für den nächsten Stammtisch",
            "Research-Tools",
            "einen Vortrag über Remote-Interviews",
        ),
    ),
    Person(
        first="Marie",
        last="Nguyen",
        category=E,
        company="Fahrwerk Mobility GmbH",
        role="Senior Product Designerin",
        city="Berlin",
        private=True,
        warmth=5,
        tags=("Ex-Kollegen", "UX", "Freunde"),
        met="Gleicher Trainee-Jahrgang bei Kranich & Blau.",
        interests="Design Systems, Siebdruck, Techno",
        notes="Kommt etwa zweimal im Jahr nach Köln. Hat mich für einen Vortrag bei ihrem Team "
        "empfohlen.",
        birthday_in=1,
        links="li ig",
        topics=(
            "ihren Jobwechsel",
            "Design Systems in großen Teams",
            "ihren nächsten Besuch in Köln",
            "eine Konferenz in Berlin",
        ),
    ),
    Person(
        first="Hannah",
        last="Wolf",
        category=E,
        role="Kinderbuchillustratorin",
        private=True,
        warmth=5,
        tags=("Nachbarschaft", "Freelancer", "Freunde"),
        met="Wohnt im Haus gegenüber; kennengelernt beim Hoffest.",
        interests="Illustration, Lastenrad, Gärtnern",
        notes="Wir teilen uns ein Lastenrad. Ihre Tochter heißt Mila. Hat einen Schlüssel für "
        "meine Wohnung.",
        birthday=(8, 8, 1985),
        links="ig web",
        topics=("ihr neues Bilderbuch", "das Lastenrad", "das nächste Hoffest", "Verlagshonorare"),
    ),
    # Flamingos
    Person(
        first="Jürgen",
        last="Schmitz",
        category=F,
        company="Kanzlei Schmitz & Partner",
        role="Steuerberater",
        warmth=3,
        keep=180,
        met="Empfehlung von Lena, seit der Gründung mein Steuerberater.",
        interests="Oldtimer, Karneval",
        notes="Unterlagen immer bis Ende Mai schicken. Wir siezen uns.",
        links="xi web",
        topics=(
            "die Umsatzsteuer-Voranmeldung",
            "die Einnahmenüberschussrechnung",
            "Rücklagen für die Steuer",
        ),
    ),
    Person(
        first="Claudia",
        last="Hoffmann",
        category=F,
        company="IHK Köln",
        role="Referentin Existenzgründung",
        warmth=3,
        tags=("Verband",),
        met="Gründungsberatung; seitdem lädt sie mich zu Veranstaltungen ein.",
        interests="Kreativwirtschaft, Radfahren",
        notes="Sucht für den Gründertag Leute, die aus der Praxis erzählen.",
        links="xi li",
        topics=(
            "den Gründertag",
            "einen Vortrag über Preisgestaltung",
            "Förderprogramme für Kreative",
        ),
    ),
    Person(
        first="Stefan",
        last="Wagner",
        category=F,
        company="Bergmann Küchen GmbH",
        role="Geschäftsführer",
        city="Bergisch Gladbach",
        warmth=3,
        tags=("Kunde",),
        met="Über Jürgen Schmitz, der auch seine Firma betreut.",
        interests="Handwerk, Tennis",
        notes="Online-Küchenplaner. Vorsichtig bei Budgets, will Zahlen sehen.",
        birthday=(27, 1, 1968),
        links="xi",
        topics=(
            "den Online-Küchenplaner",
            "die Testergebnisse aus dem Showroom",
            "die zweite Projektphase",
        ),
    ),
    Person(
        first="Nina",
        last="Petersen",
        category=F,
        role="Freie Texterin",
        city="Hamburg",
        warmth=4,
        tags=("Freelancer",),
        met="Gemeinsames Projekt für Kachelwerk; seitdem empfehlen wir uns gegenseitig.",
        interests="UX Writing, Nordsee, Stricken",
        notes="Schreibt großartige Microcopy. Geburtstag am 29. Februar – in den anderen Jahren "
        "feiert sie am 28.",
        birthday=(29, 2, 1988),
        links="ma web li",
        topics=(
            "UX Writing für Formulare",
            "gegenseitige Empfehlungen",
            "ein Angebot für Bergmann Küchen",
        ),
    ),
    Person(
        first="Thomas",
        last="Richter",
        category=F,
        company="Rheinaue Energie AG",
        role="Teamleiter Digitale Services",
        city="Bonn",
        warmth=3,
        tags=("Kunde", "UX"),
        met="Projekt über Kachelwerk, inzwischen direkter Kunde.",
        interests="Energiewende, Gravelbike",
        notes="Rechnungen an den Einkauf, immer mit Bestellnummer.",
        birthday=(10, 1, 1977),
        links="li",
        topics=(
            "das Kundenportal für Abschläge",
            "den Usability-Test im Frühjahr",
            "eine Folgebeauftragung",
        ),
    ),
    Person(
        first="Julia",
        last="Fischer",
        category=F,
        role="Sozialarbeiterin",
        private=True,
        warmth=4,
        tags=("Buchclub",),
        met="Buchclub, von Anfang an dabei.",
        interests="Romane aus Lateinamerika, Salsa, Kommunalpolitik",
        birthday=(30, 9, None),
        topics=("das letzte Buchclub-Buch", "ihren neuen Job", "ein Salsa-Festival"),
    ),
    Person(
        first="Markus",
        last="Schneider",
        category=F,
        company="SV Ehrenfeld 1912 e.V.",
        role="Lauftrainer (ehrenamtlich), Sportlehrer",
        private=True,
        warmth=4,
        tags=("Laufgruppe",),
        met="Leitet die Laufgruppe im Sportverein.",
        interests="Marathon, Trailrunning, Grillen",
        notes="Sucht jemanden, der den Vereinsflyer neu gestaltet – ehrenamtlich?",
        birthday_in=9,
        topics=(
            "den Trainingsplan",
            "den neuen Vereinsflyer",
            "das Sommerfest des Vereins",
        ),
    ),
    Person(
        first="Elif",
        last="Demir",
        category=F,
        company="Hafenhaus Coworking",
        role="Community Managerin",
        warmth=4,
        tags=("Coworking",),
        met="Seit ich im Hafenhaus einen festen Schreibtisch habe.",
        interests="Events, Fotografie, Kochen",
        notes="Kennt alle im Haus. Fragt mich immer wieder für Lunch-Talks an.",
        birthday=(19, 6, 1993),
        links="li ig",
        topics=(
            "einen Lunch-Talk über Nutzertests",
            "das Sommerfest",
            "die neue Telefonbox im Coworking",
        ),
    ),
    Person(
        first="Oliver",
        last="Schulz",
        category=F,
        company="Nordlicht Kommunikation GmbH",
        role="Art Director",
        city="Hamburg",
        warmth=3,
        tags=("Ex-Kollegen", "Agentur"),
        met="Kollege bei Kranich & Blau, drei Jahre im selben Team.",
        interests="Typografie, Segeln, Vinyl",
        birthday=(3, 4, 1983),
        links="li xi",
        topics=(
            "Aufträge seiner Agentur",
            "alte Kranich-&-Blau-Zeiten",
            "Freelancer-Sätze in Hamburg",
        ),
    ),
    Person(
        first="Birgit",
        last="Kaiser",
        category=F,
        role="Buchhändlerin im Ruhestand",
        city="Bonn",
        private=True,
        warmth=4,
        keep=90,
        tags=("Freunde",),
        met="Beste Freundin meiner Mutter, kenne sie seit meiner Kindheit.",
        interests="Krimis, Garten, Reisen nach Skandinavien",
        notes="Ruft lieber an, als zu schreiben. Ihre Tochter Greta ist Ärztin in Bonn.",
        birthday=(12, 12, 1958),
        topics=("ihre Reise nach Schweden", "ihren Garten", "Neuigkeiten von meiner Mutter"),
    ),
    Person(
        first="Sven",
        last="Köhler",
        category=F,
        role="Freier UX Writer",
        city="Düsseldorf",
        warmth=3,
        tags=("Stammtisch", "Freelancer", "UX"),
        met="UX-Stammtisch Köln.",
        interests="Sprache, Improtheater",
        links="li ma",
        topics=(
            "die Tonalität von Versicherungstexten",
            "eine gemeinsame Akquise",
            "seinen Improkurs",
        ),
    ),
    Person(
        first="Franziska",
        last="Lang",
        category=F,
        company="Designverband NRW e.V.",
        role="Sprecherin der Regionalgruppe Köln",
        warmth=3,
        tags=("Verband",),
        met="Mitgliederabend des Verbands.",
        interests="Nachhaltiges Design, Urheberrecht",
        notes="Sucht Leute für die AG Honorare. Mitgliedsbeitrag ist im Januar fällig.",
        birthday=(21, 11, None),
        links="xi web",
        topics=("die AG Honorare", "Musterverträge für Freelancer", "den Jahresempfang"),
    ),
    Person(
        first="Daniel",
        last="Meyer",
        category=F,
        company="Stadt Köln, Amt für Digitalisierung",
        role="Projektleiter Bürgerservices",
        warmth=3,
        tags=("Kunde",),
        met="Ausschreibung der Stadt, Zuschlag zusammen mit Deniz.",
        interests="Open Data, Fahrrad, Kölsch",
        notes="Vergaben dauern – Angebote früh anfragen. Sehr angenehm im Umgang.",
        links="li",
        topics=(
            "das Formular für Anwohnerparkausweise",
            "die nächste Ausschreibung",
            "Barrierefreiheit in Behördenformularen",
        ),
    ),
    Person(
        first="Aylin",
        last="Kaya",
        category=F,
        company="TH Köln",
        role="Masterstudentin Interaction Design",
        warmth=4,
        keep=30,
        tags=("Mentoring", "UX"),
        met="Mentoring-Programm des Designverbands; ich bin ihre Mentorin.",
        interests="Inclusive Design, Comics, Skaten",
        notes="Sucht eine Werkstudentenstelle oder ein erstes Freelance-Projekt. Starkes "
        "Portfolio, traut sich zu wenig zu.",
        birthday=(15, 1, 2000),
        links="li ig",
        topics=(
            "ihr Portfolio",
            "ihre Masterarbeit",
            "Bewerbungen bei Agenturen",
            "ihren ersten Freelance-Auftrag",
        ),
    ),
    Person(
        first="Christian",
        last="Zimmermann",
        category=F,
        company="Wellenreiter Digital GmbH",
        role="Projektmanager",
        city="Leipzig",
        warmth=3,
        tags=("Agentur",),
        met="Remote-Projekt für einen Onlineshop; persönlich erst auf einer Konferenz getroffen.",
        interests="Fotografie, Fahrrad, Jazz",
        birthday=(24, 4, None),
        links="li xi",
        topics=(
            "ein Remote-Projekt für einen Onlineshop",
            "Research-Kapazitäten im Winter",
            "Stundensätze in Leipzig",
        ),
    ),
    Person(
        first="Sophie",
        last="Braun",
        category=F,
        company="Stadtbibliothek Köln",
        role="Bibliothekarin",
        private=True,
        warmth=3,
        tags=("Buchclub",),
        met="Über Julia in den Buchclub gekommen.",
        interests="Graphic Novels, Makerspace, Fantasy",
        birthday=(11, 2, None),
        topics=("Graphic Novels", "den Makerspace der Bibliothek", "ihre Lieblingsbücher"),
    ),
    Person(
        first="Moritz",
        last="Engel",
        category=F,
        role="Freier Fotograf",
        warmth=4,
        tags=("Coworking", "Freelancer"),
        met="Coworking Hafenhaus; hat meine Porträtfotos gemacht.",
        interests="Analogfotografie, Kochen, Reisen",
        birthday=(6, 3, 1987),
        links="ig web",
        topics=(
            "neue Porträtfotos für meine Website",
            "eine Fotostrecke für Bergmann Küchen",
            "seine Ausstellung",
        ),
    ),
    Person(
        first="Petra",
        last="Huber",
        category=F,
        company="Alpenblick Reisen GmbH",
        role="Product Ownerin",
        city="München",
        warmth=3,
        tags=("Kunde",),
        met="Empfehlung von Oliver Schulz; zusammen die Buchungsstrecke überarbeitet.",
        interests="Bergwandern, Yoga",
        notes="Projekt abgeschlossen, ein Folgeprojekt hat sie angedeutet.",
        links="li xi",
        topics=(
            "die Buchungsstrecke",
            "ein mögliches Folgeprojekt",
            "ihre Alpenüberquerung",
        ),
    ),
    Person(
        first="Gabi",
        last="Schröder",
        category=F,
        role="Rentnerin",
        private=True,
        warmth=4,
        tags=("Nachbarschaft",),
        met="Nachbarin aus dem Erdgeschoss, nimmt meine Pakete an.",
        interests="Balkonblumen, Kreuzworträtsel, Karneval",
        notes="Keine E-Mail, nur Festnetz. Freut sich über Postkarten aus dem Urlaub.",
        birthday=(4, 4, 1949),
        emails=(),
        phones=("+49 221 5102 377",),
        topics=("die Balkonblumen", "den neuen Anstrich im Hausflur", "ihren Enkel"),
    ),
    Person(
        first="Robert",
        last="Klein",
        category=F,
        company="Kleinod Onlineshop",
        role="Gründer",
        city="Düsseldorf",
        status=ARCHIVED,
        warmth=2,
        tags=("Kunde",),
        met="Kunde für zwei Jahre, Shop-Relaunch und Pflege.",
        notes="Shop geschlossen, Robert arbeitet jetzt in einer anderen Branche. Letzte Rechnung "
        "ist bezahlt.",
        history=(
            (505, "meeting", "Abschlusstermin zum Shop-Relaunch, Übergabe der Designdateien."),
            (470, "call", "Robert erzählt, dass er den Shop schließt. Schade, aber verständlich."),
        ),
    ),
    # Pinguine
    Person(
        first="Hans-Peter",
        last="Weiß",
        category=P,
        company="Druckerei Weiß",
        role="Inhaber",
        warmth=3,
        met="Hat meine Visitenkarten gedruckt.",
        notes="Gute Beratung zu Papieren, auch kleine Auflagen.",
        birthday=(3, 3, 1962),
        links="web",
        history=((410, "other", "Visitenkarten abgeholt, Papiermuster für Kunden mitgenommen."),),
    ),
    Person(
        first="Jana",
        last="Hofmann",
        category=P,
        company="Pixelgarten GmbH",
        role="UX Designerin",
        city="Leipzig",
        warmth=3,
        tags=("UX",),
        met="World Usability Day in Leipzig, im Workshop nebeneinander gesessen.",
        interests="Service Design, Klettern",
        birthday=(25, 8, None),
        links="li",
        history=((230, "message", "LinkedIn-Anfrage angenommen, Folien vom Workshop geteilt."),),
    ),
    Person(
        first="Kevin",
        last="Bauer",
        category=P,
        company="Kachelwerk Digitalagentur GmbH",
        role="Junior-Entwickler",
        tags=("Agentur",),
        met="Projektteam bei Kachelwerk.",
    ),
    Person(
        first="Melanie",
        last="Koch",
        category=P,
        company="Rheinpfad Outdoor GmbH",
        role="Marketingleiterin",
        warmth=2,
        met="Gründertag der IHK; hat nach einem Angebot gefragt.",
        notes="Angebot für ein Shop-Audit geschickt, keine Antwort. Im Frühjahr nachfassen?",
        history=((290, "message", "Angebot für das Shop-Audit geschickt."),),
    ),
    Person(
        first="Florian",
        last="Schwarz",
        category=P,
        role="Podcaster und Berater",
        city="Bonn",
        warmth=3,
        tags=("Freelancer",),
        met="Barcamp Bonn, meine Session über Preise.",
        interests="Podcasts, Selbstorganisation",
        links="web ma",
    ),
    Person(
        first="Isabel",
        last="Roth",
        category=P,
        company="Colonia Mobil GmbH",
        role="Service Designerin",
        warmth=3,
        tags=("Stammtisch", "UX"),
        met="UX-Stammtisch.",
        interests="Service Design, Urban Gardening",
        links="li",
    ),
    Person(
        first="Dominik",
        last="Frank",
        category=P,
        role="Physiotherapeut",
        private=True,
        warmth=3,
        tags=("Laufgruppe",),
        met="Läuft manchmal in der Sonntagsgruppe mit.",
        birthday=(13, 6, 1992),
    ),
    Person(
        first="Tanja",
        last="Berger",
        category=P,
        role="Architektin",
        private=True,
        warmth=4,
        tags=("Freunde",),
        met="Jonas' Partnerin.",
        interests="Holzbau, Flohmärkte",
        birthday_in=20,
    ),
    Person(
        first="Matthias",
        last="Lehmann",
        category=P,
        company="Lindenhof Versicherung AG",
        role="Abteilungsleiter Schaden",
        warmth=3,
        tags=("Kunde",),
        met="Kick-off Kundenportal bei Lindenhof.",
    ),
    Person(
        first="Carina",
        last="Scholz",
        category=P,
        role="Virtuelle Assistentin",
        tags=("Coworking", "Freelancer"),
        met="Coworking Hafenhaus.",
        interests="Organisation, Podcasts",
    ),
    Person(
        first="Björn",
        last="Jäger",
        category=P,
        role="Grafikdesigner",
        city="Aachen",
        tags=("Verband",),
        met="Mitgliederabend des Designverbands.",
        birthday=(28, 10, 1981),
        links="xi web",
    ),
    Person(
        first="Ewa",
        last="Nowak",
        category=P,
        role="Übersetzerin (Polnisch–Deutsch)",
        warmth=3,
        tags=("Coworking",),
        met="Küchengespräche im Coworking.",
        birthday=(16, 5, None),
    ),
    Person(
        first="Philipp",
        last="Graf",
        category=P,
        company="Kompostkiste UG",
        role="Gründer",
        met="Hat mich über LinkedIn um Rat für seine App gebeten.",
        links="li",
        history=(
            (
                150,
                "coffee",
                "Kaffee, seinen App-Prototyp angeschaut. Drei Tipps zum Onboarding gegeben.",
            ),
        ),
    ),
    Person(
        first="Laura",
        last="Peters",
        category=P,
        role="Stadtplanerin",
        city="Wien",
        private=True,
        warmth=4,
        tags=("Freunde",),
        met="Studium in Münster, gleiche WG wie Jonas.",
        birthday=(7, 9, 1987),
        history=(
            (255, "call", "Lange telefoniert; sie überlegt, zurück nach Deutschland zu ziehen."),
        ),
    ),
    Person(
        first="Nils",
        last="Friedrich",
        category=P,
        company="Gründungsnetz Bonn e.V.",
        role="Berater Kreativwirtschaft",
        city="Bonn",
        tags=("Verband",),
        met="Barcamp Bonn.",
    ),
    Person(
        first="Vanessa",
        last="Günther",
        category=P,
        company="Zugvogel Reisen GmbH",
        role="Research Ops Managerin",
        city="Berlin",
        warmth=3,
        tags=("UX",),
        met="Diskussion unter einem LinkedIn-Beitrag über Research-Repositories.",
        links="li",
        history=((95, "message", "Ihre Vorlage für Einverständniserklärungen bekommen. Top!"),),
    ),
    Person(
        first="Ahmed",
        last="Haddad",
        category=P,
        company="Levante Ehrenfeld",
        role="Inhaber (Restaurant)",
        warmth=4,
        tags=("Kunde",),
        met="Stammgast; habe ihm die Speisekarte neu gestaltet.",
        notes="Bezahlt am liebsten in Falafel.",
        history=((480, "meeting", "Speisekarte abgestimmt, Druckdaten an Hans-Peter geschickt."),),
    ),
    Person(
        first="Simone",
        last="Arnold",
        category=P,
        role="Lehrerin",
        city="Freiburg",
        private=True,
        status=ARCHIVED,
        warmth=3,
        tags=("Buchclub",),
        met="Buchclub, bis sie nach Freiburg gezogen ist.",
        notes="Nach dem Umzug eingeschlafen, im Guten.",
        birthday=(2, 12, 1984),
    ),
    Person(
        first="Ingo",
        last="Kessler",
        category=P,
        company="Kranich & Blau GmbH",
        role="Account Manager",
        city="Düsseldorf",
        status=ARCHIVED,
        tags=("Ex-Kollegen",),
        met="Kollege bei Kranich & Blau.",
        notes="Seit Jahren kein Kontakt, inzwischen in der Immobilienbranche.",
    ),
    Person(
        first="Rebecca",
        last="Sommer",
        category=P,
        company="Hochschule Rhein-Wupper",
        role="Professorin für Interaction Design",
        city="Düsseldorf",
        status=WISH,
        tags=("UX",),
        interests="Forschung mit älteren Menschen, Partizipation",
        notes="Ihr Vortrag über Portale für Ältere hat mich beeindruckt. Idee: Gastvortrag oder "
        "ein Praxisprojekt mit Studierenden. Anknüpfen über ihren Artikel.",
        links="li rg",
    ),
    Person(
        first="Miriam",
        last="Adler",
        category=P,
        company="Gestalten & Wirken (Magazin)",
        role="Chefredakteurin",
        city="Hamburg",
        status=WISH,
        notes="Möchte einen Artikel über UX für kleine Unternehmen schreiben. Nina kennt sie "
        "und könnte uns vorstellen.",
        links="li xi",
    ),
    Person(
        first="Tim",
        last="Böhm",
        category=P,
        company="Grünspan Bio GmbH",
        role="Head of Product",
        status=WISH,
        notes="Deniz kennt ihn aus dem Fußballverein. Grünspan baut die App neu – wäre ein "
        "Traumkunde.",
        links="li xi",
    ),
    Person(
        first="Ulrike",
        last="Seidel",
        category=P,
        company="Digitallabor Bonn",
        role="Leiterin",
        city="Bonn",
        status=WISH,
        notes="Laut Daniel Meyer sucht das Labor Unterstützung im Research. Erst zum Open-Data-"
        "Tag gehen, dann ansprechen.",
    ),
    Person(
        first="Frank",
        last="Möller",
        category=P,
        company="Radwerk Ehrenfeld",
        role="Fahrradmechaniker und Inhaber",
        warmth=4,
        tags=("Nachbarschaft",),
        met="Repariert unser Lastenrad.",
        birthday=(30, 8, None),
        history=(
            (
                60,
                "other",
                "Lastenrad zur Inspektion gebracht, zusammen über die Baustelle auf der Venloer "
                "geschimpft.",
            ),
        ),
    ),
    Person(
        first="Carsten",
        last="Ludwig",
        category=P,
        company="Ludwig Finanzplanung",
        role="Versicherungsmakler",
        warmth=1,
        met="Netzwerkfrühstück; hat danach dreimal nachgehakt.",
        notes="Berufsunfähigkeitsversicherung abgelehnt. Freundlich bleiben, nicht weiter "
        "verfolgen.",
        history=((200, "message", "Freundlich abgesagt, keine weitere Beratung gewünscht."),),
    ),
    Person(
        first="Anja",
        last="Pohl",
        category=P,
        role="Yogalehrerin",
        private=True,
        met="Yogakurs im Veedel, dienstags.",
        birthday=(22, 7, None),
    ),
    Person(
        first="Heike",
        last="Baumann",
        category=P,
        role="Freie UX-Beraterin",
        city="Düsseldorf",
        warmth=3,
        tags=("Stammtisch", "Freelancer", "UX"),
        met="UX-Stammtisch, kommt ab und zu aus Düsseldorf rüber.",
        birthday_in=12,
        links="li",
    ),
    Person(
        first="Yvonne",
        last="Krause",
        category=P,
        company="Seeblick Hotels GmbH",
        role="E-Commerce-Managerin",
        city="München",
        warmth=3,
        tags=("Kunde",),
        met="Früher bei Alpenblick Reisen, Kollegin von Petra Huber.",
        notes="Jetzt bei Seeblick – könnte dort eine neue Buchungsstrecke brauchen.",
        links="li xi",
        history=(
            (340, "call", "Kurz telefoniert, sie ist jetzt bei Seeblick. Angebot zum Jahresende?"),
        ),
    ),
    Person(
        first="Greta",
        last="Kaiser",
        category=P,
        role="Ärztin",
        city="Bonn",
        private=True,
        warmth=3,
        met="Tochter von Birgit Kaiser.",
        birthday=(5, 10, 1990),
    ),
    Person(
        first="Leon",
        last="Busch",
        category=P,
        role="Student Mediendesign",
        tags=("Mentoring",),
        met="Hat nach meinem Lunch-Talk im Coworking nach einem Praktikum gefragt.",
        history=(
            (45, "message", "Praktikum abgesagt, aber Tipps und Aylins Kontakt weitergegeben."),
        ),
    ),
]
