"""An address allauth holds as unconfirmed gets neither reminder emails nor digests; the
nudges still show in the app."""

import datetime

import pytest
from allauth.account.models import EmailAddress

from reminders import delivery
from reminders.models import Digest, EmailState, Nudge
from reminders.scan import scan_nudges
from tests.factories import make_contact

from .helpers import at, follow_up

MONDAY = datetime.date(2026, 11, 23)
NINE = at(2026, 11, 23, 9)
SEVEN = at(2026, 11, 23, 7)


@pytest.fixture
def unconfirmed(owner) -> EmailAddress:
    return EmailAddress.objects.create(user=owner, email=owner.email, primary=True)


@pytest.fixture
def follow_ups(owner):
    for name in ("Ben", "Cem"):
        follow_up(owner, make_contact(owner, first_name=name), MONDAY, note="Angebot")


def test_an_unconfirmed_address_gets_no_reminder_email(owner, unconfirmed, follow_ups, mailoutbox):
    scan_nudges(NINE)

    assert delivery.owners_due_for_email(NINE) == []
    assert delivery.send_nudge_email(owner.pk, NINE) == 0
    assert mailoutbox == []
    nudges = Nudge.objects.for_owner(owner).filter(kind="followup")
    assert nudges.count() == 2
    assert set(nudges.values_list("email_state", flat=True)) == {EmailState.NONE}


def test_once_confirmed_the_next_reminders_are_emailed(owner, unconfirmed, follow_ups, mailoutbox):
    unconfirmed.verified = True
    unconfirmed.save()
    scan_nudges(NINE)

    assert delivery.send_nudge_email(owner.pk, NINE) == 2
    assert [m.to for m in mailoutbox] == [[owner.email]]


def test_nudges_waiting_for_email_stay_in_the_app_if_the_address_became_unconfirmed(
    owner, follow_ups, mailoutbox
):
    scan_nudges(NINE)
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True)

    assert delivery.send_nudge_email(owner.pk, NINE) == 0
    assert mailoutbox == []
    assert not Nudge.objects.for_owner(owner).email_due(NINE).exists()


def test_an_unconfirmed_address_gets_no_digest(owner, unconfirmed, follow_ups, mailoutbox):
    assert delivery.due_digests(SEVEN) == []
    assert delivery.send_digest(owner.pk, "2026-W48", SEVEN) is False
    assert mailoutbox == []
    assert not Digest.objects.filter(owner=owner, state="sent").exists()
