from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from netzwerk.http import confirm_delete, done, parse_id, posted, render_form, save_form
from netzwerk.owned import owned

from ..forms import EventForm, MetForm
from ..models import Event
from .common import CONFIRM_DELETE, page_with_picker, picker_results

EVENT_PAGE = "strategy/event_detail.html"
EVENT_FORM = "strategy/event_form.html"
WITH_GROUP = Event.objects.select_related("group")


@login_required
@require_GET
def event_list(request):
    events = Event.objects.for_owner(request.user).select_related("group").order_by("-date", "-id")
    today = timezone.localdate()
    events = list(events[:200])
    return render(
        request,
        "strategy/event_list.html",
        {
            "upcoming": [e for e in events if e.date > today][::-1],
            "past": [e for e in events if e.date <= today],
        },
    )


def event_page_context(request, event, form=None) -> dict:
    people = event.people_met()
    query, found = picker_results(request, exclude_ids=[person.pk for person in people])
    return {
        "event": event,
        "people": people,
        "q": query,
        "found": found,
        "met_form": form or MetForm(owner=request.user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    initial = {}
    group_id = parse_id(request.GET.get("group"))
    if group_id is not None:
        initial["group"] = group_id
    form = EventForm(posted(request), owner=request.user, initial=initial)
    return save_form(
        request,
        form,
        EVENT_FORM,
        then=lambda event: event.get_absolute_url(),
        saved=lambda event: _("Event “%(title)s” added.") % {"title": event.title},
    )


@login_required
@owned(WITH_GROUP)
@require_GET
def event_detail(request, event):
    return page_with_picker(request, EVENT_PAGE, event_page_context(request, event))


@login_required
@owned(WITH_GROUP)
@require_http_methods(["GET", "POST"])
def event_edit(request, event):
    form = EventForm(posted(request), instance=event, owner=request.user)
    return save_form(request, form, EVENT_FORM, {"event": event}, then=event.get_absolute_url())


@login_required
@owned(WITH_GROUP)
@require_http_methods(["GET", "POST"])
def event_delete(request, event):
    return confirm_delete(
        request,
        event,
        CONFIRM_DELETE,
        {"object": event, "back": event.get_absolute_url()},
        then=reverse("strategy:events"),
        deleted=_("Event “%(title)s” deleted.") % {"title": event.title},
    )


@login_required
@owned(WITH_GROUP)
@require_http_methods(["GET", "POST"])
def event_met(request, event):
    """Who I met: logs the event with everyone ticked and creates the new names as Pinguine."""
    if request.method == "GET":
        return render(request, EVENT_PAGE, event_page_context(request, event))
    form = MetForm(request.POST, owner=request.user)
    if form.is_valid():
        form.save(event)
        # A typed name already met here is that person again, so count what was typed.
        count = len(form.cleaned_data["contacts"]) + len(form.cleaned_data["new_names"])
        messages.success(
            request,
            ngettext(
                "%(count)d person logged for this event.",
                "%(count)d people logged for this event.",
                count,
            )
            % {"count": count},
        )
        return done(request, event.get_absolute_url() + "#met")
    return render_form(
        request,
        EVENT_PAGE,
        event_page_context(request, event, form),
        valid=False,
    )
