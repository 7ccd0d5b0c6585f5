"""A contact the user is already meeting for lunch is not "due" for keep-in-touch: no nudge,
not in the digest's "time to get in touch", and nobody twice on the home page."""

import datetime

from django.urls import reverse
from django.utils import timezone

from reminders.digest import build_digest
from reminders.models import Nudge, NudgeKind
from reminders.scan import scan_nudges
from tests.factories import make_contact, make_nudge

from .helpers import UTC, at, lunch

MONDAY = datetime.date(2026, 11, 23)
FRIDAY = MONDAY + datetime.timedelta(days=4)
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=UTC)


def due_einhorn(owner, name: str):
    return make_contact(owner, first_name=name, category="einhorn", created_at=LONG_AGO)


def nudged_contacts(owner) -> set[int]:
    nudges = Nudge.objects.for_owner(owner).filter(kind=NudgeKind.KEEP_IN_TOUCH)
    return set(nudges.values_list("contact", flat=True))


def test_a_contact_with_a_lunch_planned_this_week_gets_no_keep_in_touch_nudge(owner):
    eva = due_einhorn(owner, "Eva")
    ben = due_einhorn(owner, "Ben")
    lunch(owner, FRIDAY, eva)

    scan_nudges(at(2026, 11, 23, 9))

    assert nudged_contacts(owner) == {ben.pk}


def test_a_past_or_cancelled_lunch_does_not_stop_the_nudge(owner):
    eva = due_einhorn(owner, "Eva")
    ben = due_einhorn(owner, "Ben")
    lunch(owner, MONDAY - datetime.timedelta(days=3), eva)
    lunch(owner, FRIDAY, ben, status="cancelled")

    scan_nudges(at(2026, 11, 23, 9))

    assert nudged_contacts(owner) == {eva.pk, ben.pk}


def test_the_digest_does_not_ask_to_get_in_touch_with_a_lunch_guest(owner):
    eva = due_einhorn(owner, "Eva")
    ben = due_einhorn(owner, "Ben")
    lunch(owner, FRIDAY, eva)

    data = build_digest(owner, MONDAY)

    assert data.overdue == [ben]
    assert data.overdue_count == 1


def test_the_home_page_does_not_list_a_lunch_guest_as_due(client_owner, owner):
    eva = due_einhorn(owner, "Eva")
    ben = due_einhorn(owner, "Ben")
    lunch(owner, timezone.localdate() + datetime.timedelta(days=2), eva)

    response = client_owner.get(reverse("reminders:dashboard"))

    due = response.text.split('id="dashboard-due"')[1]
    assert ben.get_absolute_url() in due
    assert eva.get_absolute_url() not in due


def test_a_contact_named_by_a_nudge_is_not_listed_again_as_due(client_owner, owner):
    eva = due_einhorn(owner, "Eva")
    ben = due_einhorn(owner, "Ben")
    make_nudge(owner, NudgeKind.KEEP_IN_TOUCH, contact=eva)

    response = client_owner.get(reverse("reminders:dashboard"))

    nudges, due = response.text.split('id="dashboard-due"')
    assert eva.get_absolute_url() in nudges.split('id="dashboard-nudges"')[1]
    assert eva.get_absolute_url() not in due
    assert ben.get_absolute_url() in due
