"""Follow-ups: list, create from a contact, edit, done, snooze, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contacts.views.common import done, get_contact, render_form, requested_next

from ..forms import FollowUpForm, SnoozeForm
from ..models import FollowUp
from .common import get_follow_up

SHOWN_DONE = 50
ROW = "reminders/partials/followup_row.html"


@login_required
@require_GET
def followup_list(request):
    """Open follow-ups grouped overdue / today / upcoming; ?show=done lists the done ones."""
    today = timezone.localdate()
    mine = FollowUp.objects.for_owner(request.user).select_related("contact")
    if request.GET.get("show") == "done":
        context = {"show_done": True, "done_items": list(mine.done()[:SHOWN_DONE])}
    else:
        items = list(mine.open().order_by("due_on", "id"))
        context = {
            "show_done": False,
            "overdue": [f for f in items if f.due_on < today],
            "due_today": [f for f in items if f.due_on == today],
            "upcoming": [f for f in items if f.due_on > today],
        }
    context["today"] = today
    return render(request, "reminders/followups.html", context)


def _form_page(request, form, contact, follow_up=None, *, valid: bool):
    context = {"form": form, "contact": contact, "follow_up": follow_up}
    context["next"] = requested_next(request)
    return render_form(request, "reminders/followup_form.html", context, valid=valid)


@login_required
@require_http_methods(["GET", "POST"])
def followup_create(request, contact_pk: int):
    contact = get_contact(request, contact_pk)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None, owner=request.user, contact=contact
    )
    if request.method == "POST" and form.is_valid():
        follow_up = form.save()
        messages.success(
            request,
            _("Follow-up with %(name)s on %(day)s saved.")
            % {"name": contact.name, "day": formats.date_format(follow_up.due_on)},
        )
        return done(request, contact.get_absolute_url())
    return _form_page(request, form, contact, valid=request.method == "GET")


@login_required
@require_http_methods(["GET", "POST"])
def followup_edit(request, pk: int):
    follow_up = get_follow_up(request, pk)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        instance=follow_up,
        owner=request.user,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, reverse("reminders:followup_list"))
    return _form_page(request, form, follow_up.contact, follow_up, valid=request.method == "GET")


def _row_or_back(request, follow_up, **extra):
    """HTMX: the row in its new state; plain: back where the user came from."""
    if request.htmx:
        context = {"follow_up": follow_up, "today": timezone.localdate(), **extra}
        context["back"] = requested_next(request)
        return render(request, ROW, context)
    return done(request, reverse("reminders:followup_list"))


@login_required
@require_http_methods(["GET", "POST"])
def followup_done(request, pk: int):
    follow_up = get_follow_up(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
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
@require_http_methods(["GET", "POST"])
def followup_snooze(request, pk: int):
    follow_up = get_follow_up(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
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
@require_http_methods(["GET", "POST"])
def followup_delete(request, pk: int):
    follow_up = get_follow_up(request, pk)
    if request.method == "POST":
        follow_up.delete()
        messages.success(request, _("The follow-up was deleted."))
        return done(request, reverse("reminders:followup_list"))
    return render(
        request,
        "reminders/confirm_delete.html",
        {
            "title": _("Delete this follow-up?"),
            "what": f"{follow_up.contact.name} · {formats.date_format(follow_up.due_on)}"
            + (f" · {follow_up.note}" if follow_up.note else ""),
            "cancel_url": reverse("reminders:followup_list"),
            "next": requested_next(request),
        },
    )
