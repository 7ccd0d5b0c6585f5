"""People's names with the spread of a real network: a few very common names, a long tail of
rare ones.

Faker picks uniformly from 404 German last names, so at 100,000 contacts every last name is
shared by about 250 people and a search for one finds a crowd. Real name frequencies follow
a power law: Müller is common, most names in a large network occur once or twice. Names here
are ranked (the common German names first, then Faker's, then international names and a long
tail composed from German name parts) and drawn with Zipf-Mandelbrot weights 1 / (rank + q)^s.
Some last names are double names (Müller-Lüdenscheidt) or carry a particle (von Bülow, van
der Meer); some first names are double (Anna-Lena). Everything is drawn from the `random.Random`
given, so a seed gives the same names.
"""

import itertools
import random
from bisect import bisect
from collections.abc import Sequence

from faker.providers.person.de_DE import Provider as GermanNames


def _words(text: str) -> list[str]:
    return text.split()


# The most frequent German last names, most frequent first.
COMMON_LAST = _words("""Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann
Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann
Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler
Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn
Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke
Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger
Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn
Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer""")

# Networks of freelancers in Germany are international.
INTERNATIONAL_LAST = _words("""Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan
Doğan Kılıç Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański
Dąbrowski Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno
Papadopoulos Georgiou Nikolaidis Dimitriou Nguyen Tran Le Pham Kim Lee Park Chen Wang Li Zhang
Liu Ivanov Ivanova Petrov Smirnova Popescu Ionescu Horváth Nagy Kovács Novák Dvořák Svoboda
García Fernández González Rodríguez López Martínez Sánchez Pérez Silva Santos Oliveira Costa
Pereira Ferreira Jansen Visser Smit Bakker Janssens Peeters Dubois Durand Lefèvre Moreau
Laurent Bernard Petit Smith Jones Taylor Brown Wilson Murphy Kelly O'Brien Andersen Hansen
Nielsen Johansson Karlsson Lindqvist Virtanen Korhonen Haddad Khalil Hassan Mansour Cohen
Levi Okafor Mensah Diallo Traoré Sharma Patel Gupta Singh Kumar Tanaka Suzuki Sato""")

# Parts German last names are made of; stem + suffix gives the long tail (Kaltenhuber,
# Lindenstätter, Rosenkötter), some of them real names, most of them rare.
STEMS = _words("""Ahl Alt Amsel Apfel Asch Bach Bären Baum Berg Birk Blum Bock Brand Breit
Brinck Bruck
Buch Burg Dahl Diek Dorn Eber Eck Eich Eisen Elf Engel Erl Esch Falk Fels Feld Fink Flach
Forst Frei Fried Gais Gold Grab Grün Gries Haber Hag Hagen Hain Hamm Harten Haus Heck Heide
Hein Hell Hessel Hild Hirsch Hoch Hof Holl Holz Horn Hütten Jahn Kalten Kamp Kirch Klee Klingen
Kloster Knopp Kohl Kolben Korn Kreuz Kropp Kuhl Lamp Land Lauter Lehn Lieb Lind Linden Loh
Mahl Mark Mauer Mei Menk Mittel Moos Mühl Neu Nieder Ober Ochs Pfaff Plat Rab Rad Rath Reich
Rein Riedl Ring Rohr Rosen Roth Rüdes Sand Schell Schnee Schön Schwab Seel Sieg Sonnen Spitz
Stahl Stein Stock Storch Stroh Tann Thal Uhl Unter Vogl Wald Wall Wasser Weid Weiden Weiß
Wendt Wiesen Wilden Winkel Wittel Wolfs Zeh Zell Zimmer""")
SUFFIXES = _words("""mann er ner hofer huber bauer meier mayr berger brunner stätter inger ling ke
haus feld bach born dorf höfer müller schmidt rath wald kamp beck hardt kötter mann ert
lechner leitner moser reiter bichler egger gruber wieser eder sberger thaler kemper
brink horst hoff meyer wedel busch wein roth hausen stein burg""")

# The most frequent first names in a German working-age network.
COMMON_MALE = _words("""Thomas Michael Andreas Stefan Christian Markus Peter Frank Alexander Martin
Jan Daniel Tobias Sebastian Florian Matthias Jens Sven Dirk Tim Lukas Felix Jonas Max Paul
Niklas Philipp Julian Moritz Simon""")
COMMON_FEMALE = _words("""Julia Anna Laura Sarah Lisa Katharina Sandra Nicole Stefanie Christina
Sabine Claudia Susanne Andrea Melanie Jana Lena Lea Hannah Sophie Marie Nina Carolin Kathrin
Miriam Johanna Franziska Judith Eva Petra""")
INTERNATIONAL_FIRST = _words("""Mehmet Ayşe Fatma Emre Elif Can Zeynep Piotr Agnieszka Katarzyna
Marco Giulia Francesca Luca Giorgos Eleni Minh Linh Ji-woo Wei Mei Olga Dmitri Ioana Zoltán
Carlos Lucía Sofía João Inês Sanne Daan Pierre Camille Chloé James Emma Siobhan Lars Ingrid
Aino Omar Leila Yara Noa Chidi Amara Priya Arjun Yuki Haruto""")

PARTICLES = {"von": 40, "van": 12, "van der": 10, "von der": 8, "de": 10, "zu": 4, "di": 6}
PARTICLES |= {"van den": 5, "de la": 3, "vom": 2}


def _ranked(*groups: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return list(seen)


def _cumulative(count: int, offset: float, exponent: float = 1.0) -> list[float]:
    """Zipf-Mandelbrot weights of ranks 1 … count, summed up (for bisect)."""
    return list(itertools.accumulate(1 / (rank + offset) ** exponent for rank in range(count)))


class Names:
    """Draws first and last names from ranked pools; build one per seed."""

    DOUBLE_LAST = 0.04  # Müller-Lüdenscheidt
    PARTICLE = 0.03  # von Bülow
    DOUBLE_FIRST = 0.05  # Anna-Lena

    def __init__(self, seed: int):
        order = random.Random(seed)  # nosec B311 # reproducible fake data
        faker_last = sorted(set(GermanNames.last_names))
        order.shuffle(faker_last)
        composed = sorted({f"{stem}{suffix}" for stem in STEMS for suffix in SUFFIXES})
        tail = composed + INTERNATIONAL_LAST
        order.shuffle(tail)
        self.last_names = _ranked(COMMON_LAST, faker_last, tail)
        self._last_weights = _cumulative(len(self.last_names), offset=25)
        self.first_names = {}
        self._first_weights = {}
        international = list(INTERNATIONAL_FIRST)
        order.shuffle(international)
        for common, faker_first in (
            (COMMON_MALE, GermanNames.first_names_male),
            (COMMON_FEMALE, GermanNames.first_names_female),
        ):
            rest = sorted(set(faker_first))
            order.shuffle(rest)
            ranked = _ranked(common, rest[:400], international, rest[400:])
            self.first_names[common is COMMON_MALE] = ranked
            self._first_weights[common is COMMON_MALE] = _cumulative(len(ranked), offset=8)
        self._particles = list(PARTICLES)
        self._particle_weights = list(itertools.accumulate(PARTICLES.values()))

    def _pick(self, rng: random.Random, names: list[str], cumulative: list[float]) -> str:
        return names[bisect(cumulative, rng.random() * cumulative[-1])]

    def last(self, rng: random.Random) -> str:
        name = self._pick(rng, self.last_names, self._last_weights)
        roll = rng.random()
        if roll < self.DOUBLE_LAST:
            second = self._pick(rng, self.last_names, self._last_weights)
            if second != name:
                name = f"{name}-{second}"
        elif roll < self.DOUBLE_LAST + self.PARTICLE:
            particle = self._particles[
                bisect(self._particle_weights, rng.random() * self._particle_weights[-1])
            ]
            name = f"{particle} {name}"
        return name

    def first(self, rng: random.Random) -> str:
        male = rng.random() < 0.5
        names, weights = self.first_names[male], self._first_weights[male]
        name = self._pick(rng, names, weights)
        if rng.random() < self.DOUBLE_FIRST and "-" not in name:
            second = self._pick(rng, names, weights)
            if second != name:
                name = f"{name}-{second}"
        return name
