"""A claim is a lease: renewed after every message, taken over soon after it lapsed, never
while a slow but live sender still works on it; one hung message is cut off in time."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from reminders import delivery
from reminders.models import Digest, DigestState
from tests.factories import make_contact, make_user

from .helpers import at, follow_up
from .integration import SmtpServer

SEVEN = at(2026, 11, 23, 7)
WEEK = "2026-W48"


class FakeMonotonic:
    """The run's clock (delivery.ticking): each message "takes" `step` seconds."""

    elapsed = 0.0

    def __call__(self) -> float:
        return self.elapsed


@pytest.fixture
def clock(monkeypatch):
    fake = FakeMonotonic()
    monkeypatch.setattr(delivery.time, "monotonic", fake)
    return fake


def digest_users(count: int) -> list[int]:
    ids = []
    for n in range(count):
        user = make_user(f"lease{n}@example.com", language="en")
        follow_up(user, make_contact(user), SEVEN.date())
        Digest.objects.create(owner=user, week=WEEK, state=DigestState.PENDING, claimed_at=SEVEN)
        ids.append(user.pk)
    return ids


class SlowBackend(LocmemBackend):
    """Each message takes 60 % of the claim timeout; meanwhile another run tries to claim."""

    competing: list[int] = []

    def send_messages(self, messages):
        self.clock.elapsed += 0.6 * delivery.CLAIM_TIMEOUT.total_seconds()
        now = SEVEN + datetime.timedelta(seconds=self.clock.elapsed)
        SlowBackend.competing.append(delivery.send_digests(self.user_ids, WEEK, now))
        return super().send_messages(messages)


def test_a_slow_chunk_renews_its_lease_and_is_never_taken_over(db, settings, clock):
    user_ids = digest_users(5)
    settings.EMAIL_BACKEND = "tests.reminders.test_delivery_lease.SlowBackend"
    SlowBackend.clock, SlowBackend.user_ids, SlowBackend.competing = clock, user_ids, []
    # Five messages take three claim timeouts in all: without the heartbeat, the competing
    # runs would take over the rows still waiting and send them a second time.
    assert delivery.send_digests(user_ids, WEEK, SEVEN) == 5
    assert SlowBackend.competing == [0] * 5
    assert len(mail.outbox) == 5
    assert set(Digest.objects.values_list("state", flat=True)) == {DigestState.SENT}


class CrashOnSecondBackend(LocmemBackend):
    sent = 0

    def send_messages(self, messages):
        self.clock.elapsed += 10  # each message takes ten seconds
        CrashOnSecondBackend.sent += 1
        if CrashOnSecondBackend.sent == 2:
            raise SystemExit("worker killed in the middle of the chunk")
        return super().send_messages(messages)


def test_a_chunk_whose_worker_died_is_taken_over_once_its_lease_lapsed(db, settings, clock):
    user_ids = digest_users(4)
    settings.EMAIL_BACKEND = "tests.reminders.test_delivery_lease.CrashOnSecondBackend"
    CrashOnSecondBackend.clock, CrashOnSecondBackend.sent = clock, 0
    with pytest.raises(SystemExit):
        delivery.send_digests(user_ids, WEEK, SEVEN)
    assert len(mail.outbox) == 1
    last_heartbeat = SEVEN + datetime.timedelta(seconds=10)
    assert Digest.objects.filter(state=DigestState.SENDING).count() == 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Not while the lease might still be held; right after it lapsed, by the next run.
    almost = last_heartbeat + delivery.CLAIM_TIMEOUT - datetime.timedelta(seconds=1)
    assert delivery.send_digests(user_ids, WEEK, almost) == 0
    lapsed = last_heartbeat + delivery.CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
    assert sorted(pk for pk, _ in delivery.due_digests(lapsed)) == user_ids[1:]
    assert delivery.send_digests(user_ids, WEEK, lapsed) == 3
    assert len(mail.outbox) == 4
    assert set(Digest.objects.values_list("state", flat=True)) == {DigestState.SENT}


def test_a_hung_smtp_server_is_cut_off_at_the_message_deadline(db, settings, monkeypatch):
    server = SmtpServer()
    server.inbox.delay = 30  # takes the message, answers "250" only after 30 s
    server.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 60
        monkeypatch.setattr(delivery, "MESSAGE_DEADLINE", datetime.timedelta(seconds=0.5))
        message = mail.EmailMessage("Hallo", "Text", to=["ben@example.com"])
        error = delivery.send_message(message, mail.get_connection())
    finally:
        server.stop()
    # Failed (and so retried later) instead of holding the claim past its lease.
    assert error.startswith(("SMTPServerDisconnected", "OSError", "ConnectionResetError"))
