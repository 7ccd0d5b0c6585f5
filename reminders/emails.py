"""The nudge email and the weekly digest email: wording, links and rendering.

Both are built from "items" (a line, a detail, a link into the app and signed one-tap
actions) so the HTML and the plain-text part say the same. Rendering happens in the user's
language and time zone; the HTML gets its CSS inlined (phone mail apps drop <style>).
A digest is rendered from the DigestData reminders/digest.py gathered; sending either
message is reminders/delivery.py, which imports this module (never the other way round).
"""

import datetime
import hashlib
from dataclasses import dataclass, field

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contacts.models import Contact
from netzwerk.fields import controls_to_spaces
from netzwerk.models import User

from .clock import local
from .digest import DigestData, YearlyDate
from .models import Nudge, NudgeKind
from .tokens import absolute, action_url, unsubscribe_url
from .upcoming import most_important

# Birthdays and dates a digest lists; the rest are behind a link to the dates page.
DATES_SHOWN = 12


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Item:
    text: str
    detail: str = ""
    url: str = ""
    actions: list[Link] = field(default_factory=list)


@dataclass
class Section:
    title: str
    items: list[Item]
    more: str = ""  # "and 12 more", linking to the app
    more_url: str = ""  # where "more" links to; the app's home page when empty


def _day(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return _("today")
    if day == today + datetime.timedelta(days=1):
        return _("tomorrow")
    return date_format(day, "l, ") + date_format(day, "MONTH_DAY_FORMAT")


def _contact_url(contact: Contact) -> str:
    return absolute(contact.get_absolute_url())


def _congratulate(user: User, contact: Contact, on: datetime.date) -> Link:
    return Link(_("Congratulated ✓"), action_url(user, "congratulate", contact.pk, str(on)))


def _follow_up_actions(user: User, follow_up) -> list[Link]:
    return [
        Link(_("Done ✓"), action_url(user, "done", follow_up.pk)),
        Link(
            _("Snooze a week"),
            action_url(user, "snooze", follow_up.pk, follow_up.due_on.isoformat()),
        ),
    ]


def _last_contact(contact: Contact) -> str:
    if contact.last_contacted_on:
        return _("last contact %(date)s") % {
            "date": date_format(contact.last_contacted_on, "SHORT_DATE_FORMAT")
        }
    return _("no contact logged yet")


def yearly_item(user: User, date: YearlyDate, today: datetime.date) -> Item:
    when = _day(date.on, today)
    name = date.contact.name
    if date.is_birthday:
        text = _("%(name)s’s birthday") % {"name": name}
        detail = (
            _("%(when)s · turns %(years)s") % {"when": when, "years": date.years}
            if date.years
            else when
        )
    else:
        text = f"{date.title}: {name}"
        detail = (
            _("%(when)s · %(years)s years") % {"when": when, "years": date.years}
            if date.years
            else when
        )
    return Item(
        text, detail, _contact_url(date.contact), [_congratulate(user, date.contact, date.on)]
    )


def nudge_item(user: User, nudge: Nudge, today: datetime.date) -> Item:
    """A nudge in the email: its headline (the wording the app shows too), a detail the
    headline leaves out, a link and the one-tap actions."""
    text = nudge.headline(today)
    contact = nudge.contact
    kind = nudge.kind
    if kind in (NudgeKind.BIRTHDAY, NudgeKind.IMPORTANT_DATE) and contact:
        congratulate = _congratulate(user, contact, nudge.occurs_on)
        return Item(text, "", _contact_url(contact), [congratulate])
    if kind == NudgeKind.FOLLOW_UP and nudge.follow_up and contact:
        follow_up = nudge.follow_up
        detail = (
            _("due today")
            if follow_up.due_on >= today
            else _("overdue since %(date)s")
            % {"date": date_format(follow_up.due_on, "MONTH_DAY_FORMAT")}
        )
        actions = [] if follow_up.is_done else _follow_up_actions(user, follow_up)
        return Item(text, detail, _contact_url(contact), actions)
    if kind == NudgeKind.KEEP_IN_TOUCH and contact:
        return Item(text, _last_contact(contact), _contact_url(contact))
    if kind in (NudgeKind.LUNCH_WEEK, NudgeKind.LUNCH_TODAY):
        return Item(text, "", absolute(reverse("reminders:lunch_list")))
    return Item(text, "", absolute(nudge.target_url()))


def lunch_item(lunch, today: datetime.date) -> Item:
    people = ", ".join(contact.name for contact in lunch.contacts.all())
    when = _day(lunch.date, today)
    if lunch.time:
        when = f"{when}, {time_format(lunch.time, 'TIME_FORMAT')}"
    parts = [p for p in (when, lunch.place, str(lunch.get_status_display())) if p]
    return Item(people or _("Lunch"), " · ".join(parts), absolute(reverse("reminders:lunch_list")))


def digest_sections(data: DigestData) -> list[Section]:
    user, today = data.user, data.today
    sections = []
    if data.dates:
        shown = most_important(data.dates, DATES_SHOWN, entered=lambda d: not d.is_birthday)
        items = [yearly_item(user, date, today) for date in shown]
        more, more_url = "", ""
        if len(data.dates) > len(shown):
            more = _("and %(count)s more") % {"count": len(data.dates) - len(shown)}
            more_url = absolute(reverse("reminders:upcoming_dates"))
        sections.append(Section(_("Birthdays and important dates"), items, more, more_url))
    if data.follow_ups:
        items = []
        for follow_up in data.follow_ups:
            overdue = follow_up.due_on < today
            detail = (_("overdue since %(date)s") if overdue else _("due %(date)s")) % {
                "date": _day(follow_up.due_on, today)
            }
            text = follow_up.contact.name + (f": {follow_up.text}" if follow_up.text else "")
            items.append(
                Item(
                    text,
                    detail,
                    _contact_url(follow_up.contact),
                    _follow_up_actions(user, follow_up),
                )
            )
        sections.append(Section(_("Follow-ups"), items))
    if data.overdue:
        items = [
            Item(
                f"{c.category_choice.emoji} {c.name}",
                _last_contact(c),
                _contact_url(c),
            )
            for c in data.overdue
        ]
        more = ""
        if data.overdue_count > len(data.overdue):
            more = _("and %(count)s more") % {"count": data.overdue_count - len(data.overdue)}
        sections.append(Section(_("Time to get in touch"), items, more))
    if user.lunch_target or data.lunches:
        items = [lunch_item(lunch, today) for lunch in data.lunches]
        items += [
            Item(
                _("Invite %(name)s?") % {"name": c.name},
                " · ".join(p for p in (c.company, c.city, _last_contact(c)) if p),
                _contact_url(c),
            )
            for c in data.suggestions
        ]
        title = _("#neverlunchalone: %(count)s of %(target)s lunches this week") % {
            "count": len(data.lunches),
            "target": user.lunch_target,
        }
        sections.append(Section(title, items))
    if data.goal_reviews:
        items = [
            Item(str(goal), "", absolute(goal.get_absolute_url())) for goal in data.goal_reviews
        ]
        sections.append(Section(_("Goal reviews due"), items))
    if data.help_candidates:
        items = [Item(c.name, "", _contact_url(c)) for c in data.help_candidates]
        sections.append(Section(_("People you could help"), items))
    return sections


def one_line(text: str) -> str:
    """Text for a header such as the subject: one line, no control characters (a note or a
    name may hold a line break, which a header must not)."""
    return " ".join(controls_to_spaces(text).split())


def _message(
    user: User,
    subject: str,
    template: str,
    context: dict,
    list_name: str,
    message_id: str,
) -> EmailMultiAlternatives:
    """Both parts rendered; List-Unsubscribe with one-click POST (RFC 8058)."""
    unsubscribe = unsubscribe_url(user, list_name)
    context = {
        **context,
        "user": user,
        "subject": subject,
        "site_url": absolute("/"),
        "preferences_url": absolute(reverse("preferences")),
        "unsubscribe_url": unsubscribe,
    }
    text = render_to_string(f"reminders/email/{template}.txt", context)
    html = css_inline.inline(render_to_string(f"reminders/email/{template}.html", context))
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": message_id,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _msgid(idstring: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "netzwerk.local"
    return f"<netzwerk.{idstring}@{domain}>"


def nudge_message(
    user: User, nudges: list[Nudge], now: datetime.datetime
) -> EmailMultiAlternatives:
    # The same nudges give the same Message-ID, so a repeat after a crash can be deduplicated.
    digest = hashlib.sha256(",".join(str(n.pk) for n in nudges).encode()).hexdigest()[:16]
    with translation.override(user.language), timezone.override(user.time_zone):
        today = local(now, user.time_zone).date()
        items = [nudge_item(user, nudge, today) for nudge in nudges]
        if len(items) == 1:
            subject = items[0].text
        else:
            subject = ngettext(
                "%(count)s reminder for today", "%(count)s reminders for today", len(items)
            ) % {"count": len(items)}
        return _message(
            user,
            subject,
            "nudges",
            {"items": items, "today": today},
            "nudges",
            _msgid(f"nudges.{user.pk}.{digest}"),
        )


def digest_message(data: DigestData, week: str) -> EmailMultiAlternatives:
    user = data.user
    with translation.override(user.language), timezone.override(user.time_zone):
        subject = _("Your week in Netzwerk: %(date)s") % {
            "date": date_format(data.today, "MONTH_DAY_FORMAT")
        }
        return _message(
            user,
            subject,
            "digest",
            {"sections": digest_sections(data), "today": data.today, "week": week},
            "digest",
            _msgid(f"digest.{user.pk}.{week}"),
        )


def test_message(user: User, now: datetime.datetime) -> EmailMultiAlternatives:
    """What "send me a test email" sends: proof that mail from Netzwerk reaches the inbox."""
    with translation.override(user.language), timezone.override(user.time_zone):
        text = _("This is the test email you asked for: Netzwerk's emails reach you.")
        item = Item(text, _("Your reminders and the weekly digest come the same way."))
        return _message(
            user,
            _("Netzwerk: test email"),
            "nudges",
            {"items": [item], "today": local(now, user.time_zone).date()},
            "nudges",
            _msgid(f"test.{user.pk}.{int(now.timestamp())}"),
        )
