"""A follow-up's row (templates/reminders/partials/followup_row.html), written out here.

The home page lists ten follow-ups, the follow-ups page twenty at a time, and each row holds
three forms, seven icons and a dozen labels: as a template, each row cost about a millisecond,
the largest part of the home page's rendering. Every value is escaped as the template would;
labels are the template's msgids, so the translations stay as they were.
"""

from django import template
from django.template.defaultfilters import urlencode
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from netzwerk.templatetags.icons import icon

register = template.Library()


@register.simple_tag(takes_context=True)
def followup_row(context, follow_up) -> SafeString:
    """The row; the context may name `today`, `following` (the next of a repeating one,
    just done), `snoozed`, `back` (where its buttons return to) and `request`."""
    done = follow_up.is_done
    title = format_html(
        '<a class="row-title" href="{}">{}</a>',
        follow_up.contact.get_absolute_url(),
        follow_up.contact.name,
    )
    sub = format_html('<span class="row-sub">{}</span>', follow_up.text) if follow_up.text else ""
    return format_html(
        '<li class="row fu{}" id="followup-{}"><div class="row-main">'
        '<span class="row-icon" aria-hidden="true">{}</span>'
        '<div class="row-text">{}{}<span class="row-meta">{}{}</span></div></div>{}</li>',
        " is-done" if done else "",
        follow_up.pk,
        icon("check" if done else "reply"),
        title,
        sub,
        _state(context, follow_up),
        format_html(" · {} {}", icon("repeat"), follow_up.get_repeat_display())
        if follow_up.repeat
        else "",
        "" if done else _buttons(context, follow_up),
    )


def _state(context, follow_up) -> SafeString:
    """Done, snoozed, overdue, due today or due on a day."""
    today = context.get("today")
    day = date_format(follow_up.due_on, "DATE_FORMAT")
    if follow_up.is_done:
        following = context.get("following")
        if not following:
            return format_html("{}", _("Done"))
        next_day = date_format(following.due_on, "DATE_FORMAT")
        return format_html("{} · {}", _("Done"), _("next on %(day)s") % {"day": next_day})
    if context.get("snoozed"):
        return format_html("{}", _("snoozed until %(day)s") % {"day": day})
    if today is not None and follow_up.due_on < today:
        text = _("overdue since %(day)s") % {"day": day}
        return format_html('<span class="late">{}</span>', text)
    if follow_up.due_on == today:
        return format_html('<span class="late">{}</span>', _("due today"))
    return format_html("{}", _("due %(day)s") % {"day": day})


def _buttons(context, follow_up) -> SafeString:
    """Done, snooze a week, and the menu: snooze a day, a month, to a date; edit; delete.
    Each posts back to `next` (the page it is shown on)."""
    pk = follow_up.pk
    done_url = reverse("reminders:followup_done", args=[pk])
    snooze_url = reverse("reminders:followup_snooze", args=[pk])
    edit_url = reverse("reminders:followup_edit", args=[pk])
    delete_url = reverse("reminders:followup_delete", args=[pk])
    request = context.get("request")
    following_page = context.get("back") or (request.get_full_path() if request else "")
    next_query = urlencode(following_page)
    hidden = format_html(
        '{}<input type="hidden" name="next" value="{}">', _csrf_input(context), following_page
    )
    clock = icon("clock")

    def form(url: str, buttons: SafeString) -> SafeString:
        return format_html(
            '<form method="post" action="{}" hx-post="{}" hx-target="closest li" '
            'hx-swap="outerHTML">{}{}</form>',
            url,
            url,
            hidden,
            buttons,
        )

    tap = '<button type="submit" class="{}" name="{}" value="{}" title="{}"><span aria-hidden="true">{}</span><span class="tap-label">{}</span></button>'  # noqa: E501
    done = format_html(tap, "tap ok", "done", 1, _("Done"), icon("check"), _("Done"))
    week = format_html(tap, "tap", "days", 7, _("Snooze a week"), clock, _("1 week"))
    snoozes = format_html_join(
        "",
        '<button type="submit" name="days" value="{}">{} {}</button>',
        ((1, clock, _("Snooze 1 day")), (30, clock, _("Snooze 1 month"))),
    )
    links = format_html(
        '<a class="button" id="snooze-date-{}" href="{}?next={}#id_due_on">{} {}</a>'
        '<a class="button" href="{}?next={}">{} {}</a>'
        '<a class="button danger-link" href="{}?next={}">{}</a>',
        pk,
        edit_url,
        next_query,
        icon("calendar"),
        _("Snooze to a date…"),
        edit_url,
        next_query,
        icon("edit"),
        _("Edit"),
        delete_url,
        next_query,
        _("Delete"),
    )
    return format_html(
        '<div class="row-buttons">{}{}<details class="more-menu">'
        '<summary aria-label="{}">⋯</summary><div class="menu">{}{}</div></details></div>',
        form(done_url, done),
        form(snooze_url, week),
        _("More"),
        form(snooze_url, snoozes),
        links,
    )


def _csrf_input(context) -> SafeString:
    """What {% csrf_token %} writes: the page's token, or nothing where there is none."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return format_html("")
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
