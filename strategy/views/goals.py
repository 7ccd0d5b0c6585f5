from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contacts.views.common import get_contact

from ..forms import (
    ChannelForm,
    GoalContactEditForm,
    GoalContactForm,
    GoalForm,
    LinkGoalForm,
    ReviewForm,
)
from .common import (
    done,
    get_channel,
    get_goal,
    get_goal_contact,
    picker_results,
    render_form,
)


def goal_page_context(request, goal) -> dict:
    links = list(goal.contact_links.select_related("contact").order_by("contact__sort_name", "id"))
    query, found = picker_results(request, exclude_ids=[link.contact_id for link in links])
    return {
        "goal": goal,
        "channels": list(goal.channels.all()),
        "links": links,
        "groups": list(goal.groups.all()),
        "reviews": list(goal.reviews.all()[:5]),
        "q": query,
        "found": found,
        "link_form": GoalContactForm(owner=request.user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request):
    form = GoalForm(request.POST if request.method == "POST" else None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        goal = form.save()
        messages.success(request, _("Goal “%(title)s” created.") % {"title": goal.title})
        return done(request, goal.get_absolute_url())
    return render_form(
        request, "strategy/goal_form.html", {"form": form}, valid=request.method == "GET"
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_detail(request, pk: int):
    goal = get_goal(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    context = goal_page_context(request, goal)
    if request.htmx and request.htmx.target == "picker-results":
        return render(request, "strategy/goal_detail.html#picker-results", context)
    return render(request, "strategy/goal_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk: int):
    goal = get_goal(request, pk)
    form = GoalForm(
        request.POST if request.method == "POST" else None, instance=goal, owner=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, goal.get_absolute_url())
    return render_form(
        request,
        "strategy/goal_form.html",
        {"form": form, "goal": goal},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, pk: int):
    goal = get_goal(request, pk)
    if request.method == "POST":
        goal.delete()
        messages.success(request, _("Goal “%(title)s” deleted.") % {"title": goal.title})
        return done(request, reverse("strategy:overview"))
    return render(
        request,
        "strategy/confirm_delete.html",
        {"object": goal, "back": goal.get_absolute_url()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_review(request, pk: int):
    """ "Auf die Probe stellen": record what still fits and what changes."""
    goal = get_goal(request, pk)
    form = ReviewForm(request.POST if request.method == "POST" else None, goal=goal)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Review saved. Next review: %(date)s")
            % {"date": date_format(goal.next_review_on, "DATE_FORMAT")},
        )
        return done(request, goal.get_absolute_url())
    context = {
        "form": form,
        "goal": goal,
        "channels": list(goal.channels.all()),
        "groups": list(goal.groups.all()),
        "reviews": list(goal.reviews.all()[:3]),
    }
    return render_form(request, "strategy/goal_review.html", context, valid=request.method == "GET")


@login_required
@require_http_methods(["GET", "POST"])
def goal_contact_add(request, pk: int):
    """Link one of the owner's contacts to the goal, with a next step."""
    goal = get_goal(request, pk)
    if request.method == "GET":
        return render(request, "strategy/goal_detail.html", goal_page_context(request, goal))
    form = GoalContactForm(request.POST, owner=request.user)
    if form.is_valid():
        contact = form.cleaned_data["contact"]
        goal.link_contact(contact, form.cleaned_data["next_step"])
        messages.success(
            request,
            _("%(name)s is linked to “%(goal)s”.") % {"name": contact.name, "goal": goal.title},
        )
        return done(request, goal.get_absolute_url() + "#goal-contacts")
    messages.error(request, _("That contact could not be linked."))
    return render_form(
        request, "strategy/goal_detail.html", goal_page_context(request, goal), valid=False
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_contact_edit(request, pk: int):
    link = get_goal_contact(request, pk)
    form = GoalContactEditForm(request.POST if request.method == "POST" else None, instance=link)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Next step saved."))
        return done(request, link.goal.get_absolute_url() + "#goal-contacts")
    return render_form(
        request,
        "strategy/goal_contact_form.html",
        {"form": form, "link": link},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_contact_delete(request, pk: int):
    link = get_goal_contact(request, pk)
    if request.method == "POST":
        link.delete()
        messages.success(
            request,
            _("%(name)s is no longer linked to “%(goal)s”.")
            % {"name": link.contact.name, "goal": link.goal.title},
        )
        return done(request, link.goal.get_absolute_url() + "#goal-contacts")
    return render(
        request,
        "strategy/confirm_delete.html",
        {"object": link, "back": link.goal.get_absolute_url()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_goal(request, pk: int):
    """From a contact's page: link the contact to one of the owner's goals."""
    contact = get_contact(request, pk)
    form = LinkGoalForm(request.POST if request.method == "POST" else None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        goal = form.cleaned_data["goal"]
        goal.link_contact(contact, form.cleaned_data["next_step"])
        messages.success(
            request,
            _("%(name)s is linked to “%(goal)s”.") % {"name": contact.name, "goal": goal.title},
        )
        return done(request, contact.get_absolute_url())
    return render_form(
        request,
        "strategy/link_goal.html",
        {"form": form, "contact": contact},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def channel_create(request, pk: int):
    goal = get_goal(request, pk)
    form = ChannelForm(request.POST if request.method == "POST" else None, goal=goal)
    if request.method == "POST" and form.is_valid():
        channel = form.save()
        messages.success(
            request, _("Channel %(name)s added.") % {"name": channel.get_platform_display()}
        )
        if "add_another" in request.POST:
            return done(request, reverse("strategy:channel_create", args=[goal.pk]))
        return done(request, goal.get_absolute_url() + "#channels")
    return render_form(
        request,
        "strategy/channel_form.html",
        {"form": form, "goal": goal},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def channel_edit(request, pk: int):
    channel = get_channel(request, pk)
    form = ChannelForm(
        request.POST if request.method == "POST" else None, instance=channel, goal=channel.goal
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, channel.goal.get_absolute_url() + "#channels")
    return render_form(
        request,
        "strategy/channel_form.html",
        {"form": form, "goal": channel.goal, "channel": channel},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def channel_delete(request, pk: int):
    channel = get_channel(request, pk)
    if request.method == "POST":
        channel.delete()
        messages.success(
            request, _("Channel %(name)s removed.") % {"name": channel.get_platform_display()}
        )
        return done(request, channel.goal.get_absolute_url() + "#channels")
    return render(
        request,
        "strategy/confirm_delete.html",
        {"object": channel, "back": channel.goal.get_absolute_url()},
    )
