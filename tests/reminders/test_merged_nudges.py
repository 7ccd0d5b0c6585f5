"""Nudges of two merged contacts (Nudge.merge_contact_rows): a birthday is not nudged twice."""

from contacts.models import Contact
from reminders.models import Nudge, NudgeKind
from reminders.scan import scan_nudges
from tests.factories import make_contact

from .helpers import at


def birthday_keys(owner) -> list[tuple[str, int]]:
    nudges = Nudge.objects.for_owner(owner).filter(kind=NudgeKind.BIRTHDAY)
    return sorted(nudges.values_list("key", "contact_id"))


def test_a_birthday_nudged_for_the_other_is_not_nudged_again_for_the_survivor(owner):
    other = make_contact(owner, birthday_day=26, birthday_month=11)
    survivor = make_contact(owner)
    scan_nudges(at(2026, 11, 23, 9))

    Contact.objects.merge(survivor, other)
    scan_nudges(at(2026, 11, 24, 9))

    assert birthday_keys(owner) == [(f"{survivor.pk}:2026-11-26:ahead", survivor.pk)]


def test_a_birthday_nudged_for_both_stays_one_nudge(owner):
    other = make_contact(owner, birthday_day=26, birthday_month=11)
    survivor = make_contact(owner, birthday_day=26, birthday_month=11)
    scan_nudges(at(2026, 11, 23, 9))
    assert len(birthday_keys(owner)) == 2

    Contact.objects.merge(survivor, other)

    assert birthday_keys(owner) == [(f"{survivor.pk}:2026-11-26:ahead", survivor.pk)]
