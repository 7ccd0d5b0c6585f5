from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import EventForm, MetForm
from ..models import Event
from .common import done, get_event, picker_results, render_form


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
    group_id = request.GET.get("group", "")
    if group_id.isdigit():
        initial["group"] = int(group_id)
    form = EventForm(
        request.POST if request.method == "POST" else None, owner=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        event = form.save()
        messages.success(request, _("Event “%(title)s” added.") % {"title": event.title})
        return done(request, event.get_absolute_url())
    return render_form(
        request, "strategy/event_form.html", {"form": form}, valid=request.method == "GET"
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_detail(request, pk: int):
    event = get_event(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    context = event_page_context(request, event)
    if request.htmx and request.htmx.target == "picker-results":
        return render(request, "strategy/event_detail.html#picker-results", context)
    return render(request, "strategy/event_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    event = get_event(request, pk)
    form = EventForm(
        request.POST if request.method == "POST" else None, instance=event, owner=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, event.get_absolute_url())
    return render_form(
        request,
        "strategy/event_form.html",
        {"form": form, "event": event},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_delete(request, pk: int):
    event = get_event(request, pk)
    if request.method == "POST":
        event.delete()
        messages.success(request, _("Event “%(title)s” deleted.") % {"title": event.title})
        return done(request, reverse("strategy:events"))
    return render(
        request, "strategy/confirm_delete.html", {"object": event, "back": event.get_absolute_url()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_met(request, pk: int):
    """Who I met: logs the event with everyone ticked and creates the new names as Pinguine."""
    event = get_event(request, pk)
    if request.method == "GET":
        return render(request, "strategy/event_detail.html", event_page_context(request, event))
    form = MetForm(request.POST, owner=request.user)
    if form.is_valid():
        created = form.save(event)
        count = len(form.cleaned_data["contacts"]) + len(created)
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
        "strategy/event_detail.html",
        event_page_context(request, event, form),
        valid=False,
    )
