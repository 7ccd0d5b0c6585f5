"""Shared builders and clocks for the reminder tests."""

import datetime
import zoneinfo

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from reminders.models import FollowUp, ImportantDate, Lunch

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
UTC = datetime.UTC


def at(year, month, day, hour=9, minute=0, tz=BERLIN) -> datetime.datetime:
    """An aware instant given in local wall time (Berlin unless said otherwise)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)


def follow_up(owner, contact, due_on, note="Angebot schicken", **fields) -> FollowUp:
    return FollowUp.objects.create(owner=owner, contact=contact, due_on=due_on, note=note, **fields)


def important_date(owner, contact, month, day, kind="work", year=None) -> ImportantDate:
    return ImportantDate.objects.create(
        owner=owner, contact=contact, kind=kind, month=month, day=day, year=year
    )


def lunch(owner, day, *people, status="planned", place="Kantine") -> Lunch:
    planned = Lunch.objects.create(owner=owner, date=day, place=place, status=status)
    planned.contacts.set(people)
    return planned


class FlakyBackend(LocmemBackend):
    """Refuses the first `failures` messages like a busy SMTP server (451), then delivers."""

    failures = 0
    attempts = 0

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            import smtplib

            raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")
        return super().send_messages(messages)


class CrashAfterSendBackend(LocmemBackend):
    """The SMTP server accepts the message, then the process "dies" before marking it sent."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise SystemExit("worker killed after the SMTP server accepted the message")
