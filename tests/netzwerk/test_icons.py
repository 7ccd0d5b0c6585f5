"""Functional icons are inline SVG or ASCII: emoji and CJK characters (such as "＋") need
fonts a stock Linux phone or desktop lacks, and show there as empty boxes."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_contact, make_follow_up, make_interaction, make_lunch

ROOT = Path(settings.BASE_DIR)
# Emails and calendar entries are read in mail and calendar apps, which bring emoji fonts.
READ_ELSEWHERE = {"email"}
# What the fonts of every system have: Latin, punctuation, currency, arrows, maths, shapes.
ALLOWED = [
    (0x0000, 0x024F),
    (0x2000, 0x206F),
    (0x2070, 0x209F),
    (0x20A0, 0x20CF),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x25A0, 0x25FF),
]


def outside_fonts(text: str) -> set[str]:
    return {c for c in text if not any(low <= ord(c) <= high for low, high in ALLOWED)}


def shipped_sources() -> list[Path]:
    templates = [
        path
        for path in (ROOT / "templates").rglob("*")
        if path.suffix in {".html", ".js"} and not READ_ELSEWHERE & set(path.parts)
    ]
    return templates + list((ROOT / "static" / "js").glob("*.js"))


@pytest.mark.parametrize("path", shipped_sources(), ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_and_scripts_use_no_emoji_or_cjk_characters(path):
    assert outside_fonts(path.read_text()) == set()


@pytest.mark.parametrize(
    "name",
    [
        "reminders:dashboard",
        "contacts:list",
        "contacts:triage",
        "reminders:followup_list",
        "reminders:lunch_list",
        "strategy:overview",
        "preferences",
        "contacts:tags",
    ],
)
def test_the_main_pages_render_no_emoji(client_owner, owner, name):
    anna = make_contact(owner, first_name="Anna", category="pinguin", city="Köln")
    make_contact(owner, first_name="Ben", category="einhorn")
    make_interaction(anna, kind="coffee", notes="Espresso")
    make_follow_up(anna, 0, note="Angebot")
    make_lunch(owner, anna, days_from_today=1)

    response = client_owner.get(reverse(name))

    assert response.status_code == 200
    assert outside_fonts(response.text) == set()


def test_the_contact_page_renders_no_emoji(client_owner, owner):
    anna = make_contact(owner, first_name="Anna", category="einhorn", city="Köln")
    for kind in ("coffee", "lunch", "call", "message", "meeting", "event", "other"):
        make_interaction(anna, kind=kind)
    make_follow_up(anna, 3, note="Angebot", repeat="monthly")

    response = client_owner.get(anna.get_absolute_url())

    assert outside_fonts(response.text) == set()
