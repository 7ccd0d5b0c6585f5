from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import ContactChoiceForm, GroupForm
from ..models import Group
from .common import done, get_group, picker_results, render_form


@login_required
@require_GET
def group_list(request):
    groups = (
        Group.objects.for_owner(request.user)
        .annotate(people=Count("contacts", distinct=True))
        .order_by("name", "id")
    )
    return render(request, "strategy/group_list.html", {"groups": groups})


def group_page_context(request, group) -> dict:
    people = list(group.contacts.order_by("sort_name", "id"))
    query, found = picker_results(request, exclude_ids=[person.pk for person in people])
    return {
        "group": group,
        "people": people,
        "goals": list(group.goals.all()),
        "events": list(group.events.all()[:10]),
        "q": query,
        "found": found,
    }


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    form = GroupForm(request.POST if request.method == "POST" else None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, _("“%(name)s” added.") % {"name": group.name})
        return done(request, group.get_absolute_url())
    return render_form(
        request, "strategy/group_form.html", {"form": form}, valid=request.method == "GET"
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_detail(request, pk: int):
    group = get_group(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    context = group_page_context(request, group)
    if request.htmx and request.htmx.target == "picker-results":
        return render(request, "strategy/group_detail.html#picker-results", context)
    return render(request, "strategy/group_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk: int):
    group = get_group(request, pk)
    form = GroupForm(
        request.POST if request.method == "POST" else None, instance=group, owner=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, group.get_absolute_url())
    return render_form(
        request,
        "strategy/group_form.html",
        {"form": form, "group": group},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_delete(request, pk: int):
    group = get_group(request, pk)
    if request.method == "POST":
        group.delete()
        messages.success(request, _("“%(name)s” deleted.") % {"name": group.name})
        return done(request, reverse("strategy:groups"))
    return render(
        request, "strategy/confirm_delete.html", {"object": group, "back": group.get_absolute_url()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_people(request, pk: int):
    """Add a contact to the group (button "add"), or take one out (button "remove")."""
    group = get_group(request, pk)
    if request.method == "GET":
        return render(request, "strategy/group_detail.html", group_page_context(request, group))
    form = ContactChoiceForm(request.POST, owner=request.user)
    if not form.is_valid():
        messages.error(request, _("That contact could not be found."))
        return render_form(
            request, "strategy/group_detail.html", group_page_context(request, group), valid=False
        )
    contact = form.cleaned_data["contact"]
    if request.POST.get("remove"):
        group.contacts.remove(contact)
        text = _("%(name)s was taken out of “%(group)s”.")
    else:
        group.contacts.add(contact)
        text = _("%(name)s was added to “%(group)s”.")
    messages.success(request, text % {"name": contact.name, "group": group.name})
    return done(request, group.get_absolute_url() + "#group-people")
