"""Odd input in reminders: far dates, Unicode digits for ids, line breaks in email subjects."""

import datetime

from django.core.mail import BadHeaderError
from django.test import Client
from django.urls import reverse

from reminders import delivery, emails
from reminders.models import EmailState, FollowUp, Lunch, Nudge
from reminders.scan import scan_nudges
from tests.factories import make_contact, make_follow_up, make_lunch

from .helpers import at, follow_up

FAR = datetime.date(9999, 12, 31)
NINE = at(2026, 11, 23, 9)


def test_the_lunch_form_refuses_a_far_date_and_saves_nothing(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    data = {"date": "9999-12-31", "time": "23:30", "place": "Kantine", "contacts": [anna.pk]}
    response = client_owner.post(reverse("reminders:lunch_create"), data)
    assert response.status_code == 422
    assert "1900" in response.content.decode()
    assert not Lunch.objects.for_owner(owner).exists()


def test_the_follow_up_form_refuses_the_year_one(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    url = reverse("reminders:followup_create", args=[anna.pk])
    response = client_owner.post(url, {"due_on": "0001-01-01", "note": "Angebot"})
    assert response.status_code == 422
    assert not FollowUp.objects.for_owner(owner).exists()


def test_a_lunch_and_follow_up_stored_in_year_9999_leave_the_calendar_feed_working(owner):
    anna = make_contact(owner, first_name="Anna")
    make_lunch(owner, anna, days_from_today=0, place="Kantine")
    far = make_lunch(owner, anna, place="Mond")
    Lunch.objects.filter(pk=far.pk).update(date=FAR, time=datetime.time(23, 30))
    FollowUp.objects.create(owner=owner, contact=anna, due_on=FAR, note="Irgendwann")
    response = Client().get(reverse("reminders:calendar_feed", args=[owner.calendar_token]))
    assert response.status_code == 200
    assert "Kantine" in response.content.decode()
    assert "Mond" not in response.content.decode()


def test_snoozing_a_follow_up_due_in_year_9999_works(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    due = make_follow_up(anna)
    FollowUp.objects.filter(pk=due.pk).update(due_on=FAR)
    response = client_owner.post(reverse("reminders:followup_snooze", args=[due.pk]))
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.due_on.year < 9999


def test_unicode_digits_as_people_in_a_lunch_are_a_form_error(client_owner, owner):
    data = {"date": "2026-12-01", "place": "Kantine", "contacts": ["²", str(10**30)]}
    response = client_owner.post(reverse("reminders:lunch_create"), data)
    assert response.status_code == 422
    assert not Lunch.objects.for_owner(owner).exists()


def test_a_line_break_in_a_follow_up_note_leaves_the_subject_one_line(owner, mailoutbox):
    anna = make_contact(owner, first_name="Anna\r\nBcc: mallory@example.com")
    follow_up(owner, anna, NINE.date(), note="Angebot\r\nBcc: mallory@example.com")
    scan_nudges(NINE)
    assert delivery.send_nudge_email(owner.pk, NINE) == 1
    subject = mailoutbox[0].subject
    assert "\n" not in subject and "\r" not in subject
    assert "Angebot" in subject and "Bcc" not in mailoutbox[0].message().get("Bcc", "")
    assert Nudge.objects.for_owner(owner).get(kind="followup").email_state == EmailState.SENT


def test_a_message_that_cannot_be_built_fails_at_once_with_a_reason(owner, mailoutbox, monkeypatch):
    follow_up(owner, make_contact(owner, first_name="Anna"), NINE.date())
    scan_nudges(NINE)

    def broken(*args):
        raise BadHeaderError("Header values can't contain newlines")

    monkeypatch.setattr(emails, "nudge_message", broken)
    assert delivery.send_nudge_email(owner.pk, NINE) == 0
    nudge = Nudge.objects.for_owner(owner).get(kind="followup")
    assert nudge.email_state == EmailState.FAILED
    assert "newlines" in nudge.email_error
    # Not claimed again on the next run: it is not retried forever.
    assert delivery.send_nudge_email(owner.pk, NINE + datetime.timedelta(hours=1)) == 0
    assert not mailoutbox
