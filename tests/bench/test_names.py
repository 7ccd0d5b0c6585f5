"""The benchmark's names have the spread of a real network: a few common, most rare."""

import random
from collections import Counter

from bench.names import Names

SEED = 20250101


def draw(kind: str, count: int, seed: int = 1) -> list[str]:
    names, rng = Names(SEED), random.Random(seed)
    pick = names.last if kind == "last" else names.first
    return [pick(rng) for _ in range(count)]


def test_the_same_seed_gives_the_same_names():
    assert draw("last", 500) == draw("last", 500)
    assert draw("first", 500) == draw("first", 500)
    assert draw("last", 500) != draw("last", 500, seed=2)


def test_last_names_have_a_long_tail_and_a_few_common_ones():
    counts = Counter(draw("last", 20_000))
    (top, most), *_ = counts.most_common(1)
    once = sum(1 for n in counts.values() if n == 1)

    # Faker's German locale has 404 last names, each drawn alike.
    assert len(counts) > 4_000
    assert once > len(counts) / 3
    assert top in {"Müller", "Schmidt", "Schneider", "Fischer"}
    # The most common name is a few hundred times as frequent as a rare one, not a crowd.
    assert 0.002 < most / 20_000 < 0.02


def test_first_names_have_a_long_tail_too():
    counts = Counter(draw("first", 20_000))

    assert len(counts) > 1_500
    assert counts.most_common(1)[0][1] / 20_000 < 0.03
    assert sum(1 for n in counts.values() if n == 1) > len(counts) / 4


def test_names_include_umlauts_double_names_and_particles():
    last = draw("last", 5_000)
    first = draw("first", 5_000)

    assert sum(any(c in name for c in "äöüß") for name in last) > 250
    assert sum("-" in name for name in last) > 100
    assert any(name.startswith("von ") for name in last)
    assert any(name.startswith(("van der ", "van den ")) for name in last)
    assert sum("-" in name for name in first) > 100
