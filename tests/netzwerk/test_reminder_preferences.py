"""Preferences of the reminders: rhythm, lunch target, nudges, digest status, calendar feed."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from netzwerk.models import User
from reminders.clock import iso_week
from reminders.delivery import due_digests
from reminders.digest_status import next_digest_at
from reminders.models import Digest
from tests.factories import make_contact

from .test_preferences import preferences

URL = reverse("preferences")


def test_it_saves_the_reminder_preferences(client_owner, owner):
    response = client_owner.post(
        URL,
        preferences(
            lunch_target="4",
            lunch_nudge_weekday="2",
            morning_hour="9",
            birthday_lead_days="7",
            followup_nudges="off",
            keep_in_touch_nudges="email",
            digest_enabled="",
            digest_weekday="6",
            digest_hour="18",
        ),
    )

    assert response.status_code == 302
    user = User.objects.get(pk=owner.pk)
    assert (user.lunch_target, user.lunch_nudge_weekday, user.morning_hour) == (4, 2, 9)
    assert (user.birthday_lead_days, user.followup_nudges, user.keep_in_touch_nudges) == (
        7,
        "off",
        "email",
    )
    assert (user.digest_enabled, user.digest_weekday, user.digest_hour) == (False, 6, 18)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("lunch_target", "6"),
        ("lunch_target", "-1"),
        ("morning_hour", "3"),
        ("digest_hour", "23"),
        ("birthday_lead_days", "31"),
        ("rhythm_einhorn_days", "0"),
        ("followup_nudges", "sms"),
    ],
)
def test_it_refuses_values_out_of_range_with_422(client_owner, owner, field, value):
    response = client_owner.post(URL, preferences(**{field: value}))

    assert response.status_code == 422
    assert 'class="error"' in response.text
    assert getattr(User.objects.get(pk=owner.pk), field) == getattr(owner, field)


def test_changing_a_rhythm_recomputes_the_due_days(client_owner, owner):
    added = timezone.now() - datetime.timedelta(days=10)
    einhorn = make_contact(owner, category="einhorn", created_at=added)
    assert einhorn.keep_in_touch_due_on == timezone.localdate(added) + datetime.timedelta(days=30)

    client_owner.post(URL, preferences(rhythm_einhorn_days="7"))

    einhorn.refresh_from_db()
    assert einhorn.keep_in_touch_due_on == timezone.localdate(added) + datetime.timedelta(days=7)


def test_an_empty_rhythm_means_nobody_of_the_category_is_due(client_owner, owner):
    flamingo = make_contact(owner, category="flamingo")

    client_owner.post(URL, preferences(rhythm_flamingo_days=""))

    flamingo.refresh_from_db()
    assert flamingo.keep_in_touch_due_on is None


def test_it_says_when_no_digest_was_sent_yet_and_when_the_next_is_due(client_owner):
    text = client_owner.get(URL).text

    assert 'id="digest-status"' in text
    assert "Noch keine Wochenübersicht verschickt." in text
    assert "Die nächste:" in text


def test_it_shows_the_last_digest_sent(client_owner, owner):
    Digest.objects.create(owner=owner, week="2026-W47", state="sent", sent_at=timezone.now())

    assert "Letzte Wochenübersicht verschickt" in client_owner.get(URL).text


def test_it_shows_why_the_last_digest_failed(client_owner, owner):
    Digest.objects.create(
        owner=owner, week="2026-W47", state="failed", detail="SMTP 550 mailbox unavailable"
    )

    text = client_owner.get(URL).text

    assert "konnte nicht verschickt werden" in text
    assert "SMTP 550 mailbox unavailable" in text


def test_it_shows_no_other_users_digest(client_outsider, owner):
    Digest.objects.create(owner=owner, week="2026-W47", state="failed", detail="Geheimnis")

    assert "Geheimnis" not in client_outsider.get(URL).text


def test_the_next_digest_is_the_users_weekday_and_hour_in_their_zone(owner):
    owner.digest_weekday, owner.digest_hour = 0, 7  # Monday 07:00 Europe/Berlin
    berlin = owner.zone
    # Monday 23 November 2026, 06:59 and 07:00 in Berlin.
    before = datetime.datetime(2026, 11, 23, 6, 59, tzinfo=berlin)
    at = datetime.datetime(2026, 11, 23, 7, 0, tzinfo=berlin)

    assert next_digest_at(owner, before) == datetime.datetime(2026, 11, 23, 7, tzinfo=berlin)
    # Once this week's digest has its row, the next one is next week's.
    assert next_digest_at(owner, at, "2026-W48") == datetime.datetime(
        2026, 11, 30, 7, tzinfo=berlin
    )
    owner.digest_enabled = False
    assert next_digest_at(owner, before) is None


def test_a_slot_set_just_after_its_hour_on_that_day_is_announced_for_today(owner):
    owner.digest_weekday, owner.digest_hour = 2, 7  # Wednesday 07:00 Europe/Berlin
    owner.save()
    berlin = owner.zone
    # Wednesday 2 December 2026, 07:59 in Berlin: the next beat run, 08:00, sends it.
    now = datetime.datetime(2026, 12, 2, 7, 59, tzinfo=berlin)
    announced = next_digest_at(owner, now)

    assert announced == datetime.datetime(2026, 12, 2, 8, 0, tzinfo=berlin)
    assert due_digests(announced) == [(owner.pk, "2026-W49")]


def test_the_page_announces_the_next_digest_from_this_weeks_row(client_owner, owner):
    now = timezone.now()
    week = iso_week(timezone.localdate())
    Digest.objects.create(owner=owner, week=week, state="sent", claimed_at=now, sent_at=now)
    announced = next_digest_at(owner, now, week)

    response = client_owner.get(URL)

    # This week has had its digest: the next is a later week's (on a Sunday evening that
    # may be less than a day away).
    assert announced > now and iso_week(announced.date()) > week
    assert date_format(timezone.localtime(announced), "DATETIME_FORMAT") in response.text


def test_the_next_digest_keeps_the_local_hour_across_the_dst_change(owner):
    owner.digest_weekday, owner.digest_hour = 0, 7
    # Saturday before the switch to summer time on 29 March 2026.
    now = datetime.datetime(2026, 3, 28, 12, tzinfo=owner.zone)

    slot = next_digest_at(owner, now)

    assert slot == datetime.datetime(2026, 3, 30, 7, tzinfo=owner.zone)
    assert slot.utcoffset() == datetime.timedelta(hours=2)


def test_it_shows_the_private_calendar_url_with_a_webcal_link(client_owner, owner):
    text = client_owner.get(URL).text

    feed = reverse("reminders:calendar_feed", args=[owner.calendar_token])
    assert f'value="http://testserver{feed}"' in text
    assert f'href="webcal://testserver{feed}"' in text
    assert reverse("reminders:calendar_regenerate") in text


def test_the_next_digest_in_english_ends_without_a_doubled_full_stop(client_owner, owner):
    owner.language = "en"
    owner.save(update_fields=["language"])

    text = client_owner.get(URL).text

    announced = re.search(r"Next one: ([^<]*)", text).group(1).strip()
    assert not announced.endswith("..")
