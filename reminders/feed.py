"""The private calendar feed (ICS): what it holds and how it is built cheaply.

What it holds
-------------
- Birthdays of Einhörner and Flamingos (not archived; Contact.objects.feed_birthdays()) as
  yearly all-day events. Pinguine are left out on purpose: new and imported contacts start
  as Pinguine, and a calendar with a recurring event for every acquaintance (60,000 in an
  imported address book) buries the birthdays that matter and is more than calendar apps
  accept. Pinguine's birthdays still reach the user through the weekly digest and the
  nudges; making a contact a Flamingo puts the birthday in the calendar.
- Important dates as yearly all-day events. A 29 February date recurs with
  BYMONTH=2;BYMONTHDAY=-1, the last day of February, so it falls on 28 February in common
  years, as everywhere else in the app (a plain yearly rule would skip three years in four).
- Planned and done lunches of the last 90 days and all later ones, at their instant in UTC
  (the lunch's time in the user's time zone) or all-day when they have no time. UTC and not
  a TZID with a VTIMEZONE: the one icalendar writes lists each year's change to summer time
  as an RDATE, which Outlook and vobject misread (summer lunches came out an hour off), and
  every calendar app shows a UTC time in its own zone.
- Open follow-ups as all-day events on their due day.

UIDs name the object ("birthday-<contact id>@netzwerk"), so a calendar app updates an event
in place when the date changes.

How it stays cheap
------------------
Events are written as content lines: icalendar's Component.add() and to_ical() are slow per
event for a feed of hundreds of events. The library still escapes every text value (vText)
and folds long lines (Contentline), so nothing here knows the escaping rules.

Only the birthdays grow with the number of contacts, so only they are cached: one block
per user, language and birth month, with a version beside it: the count and the latest
`updated_at` of the contacts it is built from (one GROUP BY over a partial index). Any edit
of such a contact moves the latest `updated_at` (auto_now), a contact that joins a month
was just saved, and one that leaves it (deleted, archived, made a Pinguin, birthday moved
or removed) lowers its count, so a stale block is never served; an edit rebuilds one month,
not all twelve. Dates, lunches and follow-ups are few and have no `updated_at`; they are read
and written on every request. The ETag hashes the birthday version and everything else, so
a poll whose answer did not change gets a 304 without the block being read at all.
"""

import datetime
import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import vRecur, vText
from icalendar.parser import Contentline

from contacts.models import Contact
from netzwerk.dates import LATEST
from netzwerk.http import url_for_ids
from netzwerk.models import User

from .models import FollowUp, ImportantDate, Lunch, LunchStatus

UID_DOMAIN = "netzwerk"
PAST_LUNCH_DAYS = 90
LUNCH_LENGTH = datetime.timedelta(hours=1)
ONE_DAY = datetime.timedelta(days=1)
LEAP_YEAR = 2000
# Part of the cache key: bump it when the birthday events are written differently.
FORMAT = 1
# Calendar apps poll hourly or daily. A month's block is rebuilt when its version moves, so
# the timeout only bounds the memory of users who stopped polling; a short one would make
# every block expire and be rebuilt at once.
CACHE_SECONDS = 30 * 24 * 3600
YEARLY = "RRULE:" + vRecur({"freq": "yearly"}).to_ical().decode()
LAST_OF_FEBRUARY = (
    "RRULE:" + vRecur({"freq": "yearly", "bymonth": 2, "bymonthday": -1}).to_ical().decode()
)
MAX_LINE = 75
# What an event shows of its contact: the name and the stamp, not the whole row (notes,
# search text and the JSON fields are large and unused here).
CONTACT_FIELDS = ("contact__id", "contact__first_name", "contact__last_name")


def _text(value: str) -> str:
    return vText(value).to_ical().decode()


def _line(name: str, value: str) -> str:
    line = f"{name}:{value}"
    # RFC 5545 folds lines longer than 75 octets; most lines are shorter (the length in
    # characters is a lower bound of the octets, so the encode runs only for long ones).
    if len(line) > MAX_LINE // 4 and len(line.encode()) > MAX_LINE:
        return Contentline(line).to_ical().decode()
    return line


def _day(value: datetime.date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _stamp(moment: datetime.datetime) -> str:
    return f"DTSTAMP:{moment.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"


def _all_day(uid: str, summary: str, day: datetime.date, stamp, rule: str = "") -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        _line("SUMMARY", _text(summary)),
        f"DTSTART;VALUE=DATE:{_day(day)}",
        f"DTEND;VALUE=DATE:{_day(day + ONE_DAY)}",
        _stamp(stamp),
        f"UID:{uid}@{UID_DOMAIN}",
    ]
    if rule:
        lines.append(rule)
    lines.append("TRANSP:TRANSPARENT")
    return lines


def _yearly(uid: str, summary: str, month: int, day: int, year: int | None, stamp) -> list[str]:
    # Without a year the series starts in a leap year, so 29 February is a real first day.
    start = datetime.date(year or LEAP_YEAR, month, day)
    rule = LAST_OF_FEBRUARY if (month, day) == (2, 29) else YEARLY
    return _all_day(uid, summary, start, stamp, rule)


@dataclass
class Feed:
    """The feed of one user, in the active language; `etag` before `body` saves work."""

    user: User
    today: datetime.date
    base_url: str

    @cached_property
    def birthday_versions(self) -> dict[int, str]:
        """Per birth month: the format, the base URL, the count and the latest edit."""
        months = (
            Contact.objects.for_owner(self.user)
            .feed_birthdays()
            .values("birthday_month")
            .annotate(count=Count("*"), last=Max("updated_at"))
            .order_by("birthday_month")
        )
        return {
            row["birthday_month"]: f"{FORMAT}:{self.base_url}:{row['count']}:{row['last']}"
            for row in months
        }

    @cached_property
    def _head(self) -> str:
        name = self.user.first_name or self.user.email
        lines = [
            "BEGIN:VCALENDAR",
            "PRODID:-//Netzwerk//Reminders//DE",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            _line("X-WR-CALNAME", _text(_("Netzwerk: %(name)s") % {"name": name})),
            _line("X-WR-TIMEZONE", _text(self.user.time_zone)),
        ]
        events = self._dates() + self._lunches() + self._follow_ups()
        return "\r\n".join(lines + events) + "\r\n"

    @property
    def etag(self) -> str:
        digest = hashlib.sha256(get_language().encode())
        digest.update(repr(sorted(self.birthday_versions.items())).encode())
        digest.update(self._head.encode())
        return f'"{digest.hexdigest()[:40]}"'

    def body(self) -> bytes:
        return b"".join([self._head.encode(), self._birthdays(), b"END:VCALENDAR\r\n"])

    def _birthdays(self) -> bytes:
        """The birthday events, month by month from the cache; stale months are rebuilt."""
        language = get_language()
        keys = {
            month: f"reminders:ics-birthdays:{self.user.pk}:{language}:{month}"
            for month in self.birthday_versions
        }
        cached = cache.get_many(keys.values())
        blocks, stale = {}, []
        for month, version in self.birthday_versions.items():
            entry = cached.get(keys[month])
            if entry and entry[0] == version:
                blocks[month] = entry[1]
            else:
                stale.append(month)
        if stale:
            fresh = self._render_birthdays(stale)
            cache.set_many(
                {keys[m]: (self.birthday_versions[m], fresh[m]) for m in stale}, CACHE_SECONDS
            )
            blocks.update(fresh)
        return b"".join(blocks[month] for month in sorted(blocks))

    def _render_birthdays(self, months: list[int]) -> dict[int, bytes]:
        contacts = (
            Contact.objects.for_owner(self.user)
            .feed_birthdays()
            .filter(birthday_month__in=months)
            .only(
                "id",
                "first_name",
                "last_name",
                "birthday_day",
                "birthday_month",
                "birthday_year",
                "created_at",
            )
            .order_by("birthday_month", "id")
        )
        url = url_for_ids("contacts:detail")
        template = _("🎂 Birthday: %(name)s")
        lines: dict[int, list[str]] = {month: [] for month in months}
        for contact in contacts.iterator(chunk_size=2000):
            summary = template % {"name": contact.name}
            if contact.birthday_year:
                summary += f" (*{contact.birthday_year})"
            month = lines[contact.birthday_month]
            month += _yearly(
                f"birthday-{contact.pk}",
                summary,
                contact.birthday_month,
                contact.birthday_day,
                contact.birthday_year,
                contact.created_at,
            )
            month += [_line("URL", self.base_url + url(contact.pk)), "END:VEVENT"]
        # A month can come back empty if its last contact went between the two queries.
        return {m: "".join(f"{line}\r\n" for line in month).encode() for m, month in lines.items()}

    def _dates(self) -> list[str]:
        dates = (
            ImportantDate.objects.for_owner(self.user)
            .exclude(contact__status="archived")
            .select_related("contact")
            .only(
                "id",
                "kind",
                "label",
                "day",
                "month",
                "year",
                "contact__created_at",
                *CONTACT_FIELDS,
            )
            .order_by("id")
        )
        url = url_for_ids("contacts:detail")
        template = _("📅 %(title)s: %(name)s")
        lines = []
        for date in dates:
            summary = template % {"title": date.title, "name": date.contact.name}
            if date.year:
                summary += f" ({date.year})"
            lines += _yearly(
                f"date-{date.pk}", summary, date.month, date.day, date.year, date.contact.created_at
            )
            lines += [_line("URL", self.base_url + url(date.contact_id)), "END:VEVENT"]
        return lines

    def _lunches(self) -> list[str]:
        since = self.today - datetime.timedelta(days=PAST_LUNCH_DAYS)
        lunches = (
            Lunch.objects.for_owner(self.user)
            .filter(date__gte=since, date__lte=LATEST)
            .exclude(status=LunchStatus.CANCELLED)
            .with_people()
            .order_by("date", "id")
        )
        template = _("🍽️ Lunch: %(names)s")
        url = _line("URL", self.base_url + reverse("reminders:lunch_list"))
        lines = []
        for lunch in lunches:
            names = ", ".join(person.name for person in lunch.people)
            summary = template % {"names": names or "…"}
            start = lunch.starts_at(self.user.zone)
            if start is None:
                lines += _all_day(f"lunch-{lunch.pk}", summary, lunch.date, lunch.created_at)
            else:
                start = start.astimezone(datetime.UTC)
                lines += [
                    "BEGIN:VEVENT",
                    _line("SUMMARY", _text(summary)),
                    f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
                    f"DTEND:{start + LUNCH_LENGTH:%Y%m%dT%H%M%SZ}",
                    _stamp(lunch.created_at),
                    f"UID:lunch-{lunch.pk}@{UID_DOMAIN}",
                ]
            if lunch.place:
                lines.append(_line("LOCATION", _text(lunch.place)))
            if lunch.notes:
                lines.append(_line("DESCRIPTION", _text(lunch.notes)))
            status = "CONFIRMED" if lunch.status == LunchStatus.DONE else "TENTATIVE"
            lines += [f"STATUS:{status}", url, "END:VEVENT"]
        return lines

    def _follow_ups(self) -> list[str]:
        follow_ups = (
            FollowUp.objects.for_owner(self.user)
            .open()
            .filter(due_on__lte=LATEST)
            .select_related("contact")
            .only("id", "due_on", "note", "topic", "topic_name", "created_at", *CONTACT_FIELDS)
            .order_by("due_on", "id")
        )
        url = _line("URL", self.base_url + reverse("reminders:followup_list"))
        template = _("↩️ Follow up: %(name)s")
        lines = []
        for follow_up in follow_ups:
            summary = template % {"name": follow_up.contact.name}
            lines += _all_day(
                f"followup-{follow_up.pk}", summary, follow_up.due_on, follow_up.created_at
            )
            if follow_up.text:
                lines.append(_line("DESCRIPTION", _text(follow_up.text)))
            lines += [url, "END:VEVENT"]
        return lines
