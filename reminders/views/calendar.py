"""The private calendar feed (ICS) and regenerating its secret URL.

Birthdays and important dates are yearly all-day events. A 29 February date recurs with
BYMONTH=2;BYMONTHDAY=-1, the last day of February, so it falls on 28 February in common
years, as everywhere else in the app (a plain yearly rule would skip three years in four).
Planned and done lunches of the last 90 days and all later ones are timed events in the
user's time zone (with a VTIMEZONE) or all-day when they have no time; open follow-ups are
all-day events on their due day. UIDs name the object ("birthday-<contact id>@netzwerk"), so
a calendar app updates an event in place when the date changes.
"""

import datetime

import icalendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contacts.models import Contact
from netzwerk.models import User

from ..models import FollowUp, ImportantDate, Lunch, LunchStatus

UID_DOMAIN = "netzwerk"
PAST_LUNCH_DAYS = 90
LUNCH_LENGTH = datetime.timedelta(hours=1)
ONE_DAY = datetime.timedelta(days=1)
LEAP_YEAR = 2000


def feed_url(request, user: User) -> str:
    return request.build_absolute_uri(
        reverse("reminders:calendar_feed", args=[user.calendar_token])
    )


def _yearly_event(uid: str, summary: str, month: int, day: int, year: int | None, stamp):
    event = icalendar.Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("summary", summary)
    # Without a year the series starts in a leap year, so 29 February is a real first day.
    start = datetime.date(year or LEAP_YEAR, month, day)
    event.add("dtstart", start)
    event.add("dtend", start + ONE_DAY)
    rule = {"freq": "yearly"}
    if (month, day) == (2, 29):
        rule.update({"bymonth": 2, "bymonthday": -1})
    event.add("rrule", rule)
    event.add("dtstamp", stamp)
    event.add("transp", "TRANSPARENT")
    return event


def _all_day_event(uid: str, summary: str, day: datetime.date, stamp):
    event = icalendar.Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + ONE_DAY)
    event.add("dtstamp", stamp)
    event.add("transp", "TRANSPARENT")
    return event


def build_calendar(user: User, today: datetime.date, base_url: str) -> icalendar.Calendar:
    """The user's feed (five queries), with texts in the active language."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Netzwerk//Reminders//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Netzwerk: %(name)s") % {"name": user.first_name or user.email})
    cal.add("x-wr-timezone", user.time_zone)

    contacts = (
        Contact.objects.for_owner(user)
        .visible()
        .filter(birthday_day__isnull=False, birthday_month__isnull=False)
        .only(
            "id",
            "first_name",
            "last_name",
            "birthday_day",
            "birthday_month",
            "birthday_year",
            "created_at",
        )
        .order_by("id")
    )
    for contact in contacts:
        summary = _("🎂 Birthday: %(name)s") % {"name": contact.name}
        if contact.birthday_year:
            summary += f" (*{contact.birthday_year})"
        event = _yearly_event(
            f"birthday-{contact.pk}",
            summary,
            contact.birthday_month,
            contact.birthday_day,
            contact.birthday_year,
            contact.created_at,
        )
        event.add("url", base_url + contact.get_absolute_url())
        cal.add_component(event)

    dates = (
        ImportantDate.objects.for_owner(user)
        .exclude(contact__status="archived")
        .select_related("contact")
        .order_by("id")
    )
    for date in dates:
        summary = _("📅 %(title)s: %(name)s") % {"title": date.title, "name": date.contact.name}
        if date.year:
            summary += f" ({date.year})"
        event = _yearly_event(
            f"date-{date.pk}", summary, date.month, date.day, date.year, date.contact.created_at
        )
        event.add("url", base_url + date.contact.get_absolute_url())
        cal.add_component(event)

    since = today - datetime.timedelta(days=PAST_LUNCH_DAYS)
    lunches = (
        Lunch.objects.for_owner(user)
        .filter(date__gte=since)
        .exclude(status=LunchStatus.CANCELLED)
        .with_people()
        .order_by("date", "id")
    )
    for lunch in lunches:
        names = ", ".join(person.name for person in lunch.people)
        summary = _("🍽️ Lunch: %(names)s") % {"names": names or "…"}
        start = lunch.starts_at(user.zone)
        if start is None:
            event = _all_day_event(f"lunch-{lunch.pk}", summary, lunch.date, lunch.created_at)
        else:
            event = icalendar.Event()
            event.add("uid", f"lunch-{lunch.pk}@{UID_DOMAIN}")
            event.add("summary", summary)
            event.add("dtstart", start)
            event.add("dtend", start + LUNCH_LENGTH)
            event.add("dtstamp", lunch.created_at)
        if lunch.place:
            event.add("location", lunch.place)
        if lunch.notes:
            event.add("description", lunch.notes)
        event.add("status", "CONFIRMED" if lunch.status == LunchStatus.DONE else "TENTATIVE")
        event.add("url", base_url + reverse("reminders:lunch_list"))
        cal.add_component(event)

    follow_ups = FollowUp.objects.for_owner(user).open().select_related("contact")
    for follow_up in follow_ups.order_by("due_on", "id"):
        summary = _("↩️ Follow up: %(name)s") % {"name": follow_up.contact.name}
        event = _all_day_event(
            f"followup-{follow_up.pk}", summary, follow_up.due_on, follow_up.created_at
        )
        if follow_up.note:
            event.add("description", follow_up.note)
        event.add("url", base_url + reverse("reminders:followup_list"))
        cal.add_component(event)

    cal.add_missing_timezones()
    return cal


@require_GET
def calendar_feed(request, token: str):
    """The feed for calendar apps: no login, the secret token in the URL is the key."""
    user = get_object_or_404(User.objects.filter(is_active=True), calendar_token=token)
    with translation.override(user.language), timezone.override(user.zone):
        today = timezone.localdate()
        base_url = request.build_absolute_uri("/").rstrip("/")
        body = build_calendar(user, today, base_url).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="netzwerk.ics"'
    # The feed holds private data: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_regenerate(request):
    """A new secret URL; calendars subscribed to the old one get a 404 from now on."""
    if request.method == "POST":
        request.user.regenerate_calendar_token()
        messages.success(
            request, _("New calendar address created. Subscribe to it again in your calendar.")
        )
        return redirect(reverse("preferences") + "#calendar")
    return render(request, "reminders/calendar_regenerate.html")
