"""Delivery you can see: a test email and this week's digest on request (a double tap sends
one), and the state of the last digest and reminder email on the preferences page."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from netzwerk import celery_app
from reminders.models import Digest, DigestState, EmailState, Nudge, NudgeKind
from tests.factories import make_contact

from .helpers import follow_up

TEST_EMAIL = reverse("reminders:send_test_email")
DIGEST_NOW = reverse("reminders:send_digest_now")


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def test_a_double_tap_on_send_me_a_test_email_sends_one(client_owner, owner, eager, mailoutbox):
    request_id = str(uuid.uuid4())
    for _ in range(2):
        response = client_owner.post(TEST_EMAIL, {"request_id": request_id})
        assert response.status_code == 302
        assert response.url == reverse("preferences") + "#delivery"
    assert [m.to for m in mailoutbox] == [[owner.email]]
    assert mailoutbox[0].subject == "Netzwerk: Test-E-Mail"
    page = client_owner.get(reverse("preferences")).content.decode()
    assert f"Eine Test-E-Mail ist unterwegs an {owner.email}." in page
    # A new visit of the page is a new request: it sends again.
    client_owner.post(TEST_EMAIL, {"request_id": str(uuid.uuid4())})
    assert len(mailoutbox) == 2


def test_a_test_email_request_from_an_outdated_page_sends_nothing(client_owner, eager, mailoutbox):
    response = client_owner.post(TEST_EMAIL, {"request_id": "not-a-uuid"}, follow=True)
    assert response.status_code == 200
    assert "Die Seite war nicht mehr aktuell" in response.content.decode()
    assert mailoutbox == []


def test_a_double_tap_on_send_this_weeks_digest_sends_one(client_owner, owner, eager, mailoutbox):
    follow_up(owner, make_contact(owner), timezone.localdate())
    for _ in range(2):
        assert client_owner.post(DIGEST_NOW).status_code == 302
    assert len(mailoutbox) == 1
    assert Digest.objects.get(owner=owner).state == DigestState.SENT


def test_a_failed_digest_is_tried_again_on_request(client_owner, owner, eager, mailoutbox):
    follow_up(owner, make_contact(owner), timezone.localdate())
    week = "{}-W{:02d}".format(*timezone.localdate().isocalendar()[:2])
    Digest.objects.create(owner=owner, week=week, state=DigestState.FAILED, attempts=8)
    client_owner.post(DIGEST_NOW)
    assert len(mailoutbox) == 1
    assert Digest.objects.get(owner=owner).state == DigestState.SENT


def test_a_switched_off_digest_is_not_sent_on_request(client_owner, owner, eager, mailoutbox):
    owner.digest_enabled = False
    owner.save()
    client_owner.post(DIGEST_NOW)
    assert mailoutbox == []
    assert not Digest.objects.exists()


@pytest.mark.parametrize("url", [TEST_EMAIL, DIGEST_NOW])
def test_the_requests_are_post_only_and_need_a_login(client, client_owner, url):
    assert client_owner.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert "/accounts/login/" in client.post(url).url


def emailed_nudge(owner, **email) -> Nudge:
    return Nudge.objects.create(
        owner=owner, kind=NudgeKind.GOAL_REVIEW, key="x", occurs_on=timezone.localdate(), **email
    )


def test_the_page_says_a_reminder_email_waits_for_its_retry_and_why(client_owner, owner):
    emailed_nudge(
        owner,
        email_state=EmailState.PENDING,
        email_next_try_at=timezone.now() + datetime.timedelta(minutes=4),
        email_error="SMTPDataError: (451, b'4.3.0 Mailbox busy')",
    )
    Digest.objects.create(
        owner=owner,
        week="2026-W48",
        state=DigestState.PENDING,
        next_try_at=timezone.now() + datetime.timedelta(minutes=2),
        detail="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    page = client_owner.get(reverse("preferences")).content.decode()
    assert "Die letzte Erinnerungs-E-Mail konnte noch nicht verschickt werden" in page
    assert "Mailbox busy" in page
    assert "Die letzte Wochenübersicht konnte noch nicht verschickt werden" in page
    assert "Connection unexpectedly closed" in page


def test_the_page_says_when_the_last_reminder_email_was_sent(client_owner, owner, client_outsider):
    emailed_nudge(owner, email_state=EmailState.SENT, email_sent_at=timezone.now())
    page = client_owner.get(reverse("preferences")).content.decode()
    assert "Letzte Erinnerungs-E-Mail verschickt am" in page
    other = client_outsider.get(reverse("preferences")).content.decode()
    assert "Noch keine Erinnerungs-E-Mail." in other
