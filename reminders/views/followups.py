"""Follow-ups: list, create from a contact, edit, done, snooze, delete."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contacts.models import Contact
from contacts.paging import Sort, keyset_page
from netzwerk.http import confirm_delete, done, posted, safe_next, save_form
from netzwerk.owned import owned

from ..forms import FollowUpForm, SnoozeForm
from ..models import FollowUp

ROW = "reminders/partials/followup_row.html"
FORM = "reminders/followup_form.html"
# A follow-up is shown with its contact's name.
WITH_CONTACT = FollowUp.objects.select_related("contact")
PAGE_SIZE = 20
OPEN_SECTIONS = ("overdue", "today", "week", "later")
# Each group pages on its own sort keys, so "load more" needs no OFFSET and no COUNT.
SORTS = {
    "open": Sort("due_on", descending=False, parse=datetime.date),
    "done": Sort("done_at", descending=True, parse=datetime.datetime),
}


@dataclass
class Section:
    name: str
    title: str
    rows: list
    next_url: str | None


def _titles() -> dict[str, str]:
    return {
        "overdue": _("Overdue"),
        "today": _("Today"),
        "week": _("This week"),
        "later": _("Later"),
        "done": _("Done"),
    }


def _section(request, name: str, today, cursor: list | None) -> Section:
    mine = FollowUp.objects.for_owner(request.user).select_related("contact")
    if name == "done":
        qs, sort = mine.done(), SORTS["done"]
    else:
        qs, sort = mine.in_section(name, today), SORTS["open"]
    page = keyset_page(qs, sort, cursor, size=PAGE_SIZE)
    next_url = None
    if page.next_cursor:
        params = QueryDict(mutable=True)
        if name == "done":
            params["show"] = "done"
        params.update({"section": name, "after": page.next_cursor})
        next_url = f"{reverse('reminders:followup_list')}?{params.urlencode()}"
    return Section(name, _titles()[name], page.rows, next_url)


@login_required
@require_GET
def followup_list(request):
    """Open follow-ups grouped overdue / today / this week / later, each a page at a time;
    ?show=done lists the done ones, newest first. ?section=…&after=… is "load more": the
    next rows of one group (a fragment for HTMX, a page of that group without JS)."""
    today = timezone.localdate()
    show_done = request.GET.get("show") == "done"
    names = ("done",) if show_done else OPEN_SECTIONS
    only, cursor = request.GET.get("section"), None
    if only in names:
        names = (only,)
    if only in names and request.GET.get("after"):
        cursor = SORTS["done" if only == "done" else "open"].decode(request.GET["after"])
        if cursor is None:
            messages.warning(request, _("That page link was broken; showing the start instead."))
    sections = [_section(request, name, today, cursor) for name in names]
    context = {"show_done": show_done, "sections": sections, "today": today}
    context["is_empty"] = not any(section.rows for section in sections)
    if request.htmx and cursor is not None:
        # Rows appended to the page: their actions come back to the whole list.
        back = reverse("reminders:followup_list") + ("?show=done" if show_done else "")
        context.update(section=sections[0], back=back)
        response = render(request, "reminders/followups.html#rows", context)
    else:
        response = render(request, "reminders/followups.html", context)
    # The same URL answers with a fragment or a page; caches and history must tell them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


def _form_context(request, contact, follow_up=None) -> dict:
    return {"contact": contact, "follow_up": follow_up, "next": safe_next(request)}


@login_required
@owned(Contact, "contact", url_kwarg="contact_pk")
@require_http_methods(["GET", "POST"])
def followup_create(request, contact):
    form = FollowUpForm(posted(request), owner=request.user, contact=contact)
    return save_form(
        request,
        form,
        FORM,
        _form_context(request, contact),
        then=contact.get_absolute_url(),
        saved=lambda follow_up: (
            _("Follow-up with %(name)s on %(day)s saved.")
            % {"name": contact.name, "day": formats.date_format(follow_up.due_on)}
        ),
    )


@login_required
@owned(WITH_CONTACT, "follow_up")
@require_http_methods(["GET", "POST"])
def followup_edit(request, follow_up):
    form = FollowUpForm(posted(request), instance=follow_up, owner=request.user)
    context = _form_context(request, follow_up.contact, follow_up)
    return save_form(request, form, FORM, context, then=reverse("reminders:followup_list"))


def _row_or_back(request, follow_up, **extra):
    """HTMX: the row in its new state; plain: back where the user came from."""
    if request.htmx:
        context = {"follow_up": follow_up, "today": timezone.localdate(), **extra}
        context["back"] = safe_next(request)
        return render(request, ROW, context)
    return done(request, reverse("reminders:followup_list"))


@login_required
@owned(WITH_CONTACT, "follow_up")
@require_POST
def followup_done(request, follow_up):
    following = follow_up.mark_done(timezone.localdate())
    if following:
        messages.success(
            request,
            _("Done. Next follow-up with %(name)s on %(day)s.")
            % {"name": follow_up.contact.name, "day": formats.date_format(following.due_on)},
        )
    else:
        messages.success(request, _("Done: %(name)s.") % {"name": follow_up.contact.name})
    return _row_or_back(request, follow_up, following=following)


@login_required
@owned(WITH_CONTACT, "follow_up")
@require_POST
def followup_snooze(request, follow_up):
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose how long to snooze."))
        return _row_or_back(request, follow_up)
    follow_up.snooze(timezone.localdate(), days=form.cleaned_data["days"])
    messages.success(
        request,
        _("Snoozed until %(day)s.") % {"day": formats.date_format(follow_up.due_on)},
    )
    return _row_or_back(request, follow_up, snoozed=True)


@login_required
@owned(WITH_CONTACT, "follow_up")
@require_http_methods(["GET", "POST"])
def followup_delete(request, follow_up):
    what = f"{follow_up.contact.name} · {formats.date_format(follow_up.due_on)}"
    return confirm_delete(
        request,
        follow_up,
        "reminders/confirm_delete.html",
        {
            "title": _("Delete this follow-up?"),
            "what": what + (f" · {follow_up.text}" if follow_up.text else ""),
            "cancel_url": reverse("reminders:followup_list"),
            "next": safe_next(request),
        },
        then=reverse("reminders:followup_list"),
        deleted=_("The follow-up was deleted."),
    )
