from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contacts.models import Contact
from netzwerk.http import confirm_delete, done, posted, render_form, save_form
from netzwerk.owned import owned

from ..forms import (
    ChannelForm,
    GoalContactEditForm,
    GoalContactForm,
    GoalForm,
    LinkGoalForm,
    ReviewForm,
)
from ..models import Goal, GoalChannel, GoalContact
from .common import CONFIRM_DELETE, page_with_picker, picker_results

GOAL_PAGE = "strategy/goal_detail.html"
CHANNEL_FORM = "strategy/channel_form.html"
# A channel or a linked contact is shown with its goal, and goes back to it.
CHANNELS = GoalChannel.objects.select_related("goal")
LINKS = GoalContact.objects.select_related("goal", "contact")


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
    form = GoalForm(posted(request), owner=request.user)
    return save_form(
        request,
        form,
        "strategy/goal_form.html",
        then=lambda goal: goal.get_absolute_url(),
        saved=lambda goal: _("Goal “%(title)s” created.") % {"title": goal.title},
    )


@login_required
@owned(Goal)
@require_GET
def goal_detail(request, goal):
    return page_with_picker(request, GOAL_PAGE, goal_page_context(request, goal))


@login_required
@owned(Goal)
@require_http_methods(["GET", "POST"])
def goal_edit(request, goal):
    form = GoalForm(posted(request), instance=goal, owner=request.user)
    return save_form(
        request, form, "strategy/goal_form.html", {"goal": goal}, then=goal.get_absolute_url()
    )


@login_required
@owned(Goal)
@require_http_methods(["GET", "POST"])
def goal_delete(request, goal):
    return confirm_delete(
        request,
        goal,
        CONFIRM_DELETE,
        {"object": goal, "back": goal.get_absolute_url()},
        then=reverse("strategy:overview"),
        deleted=_("Goal “%(title)s” deleted.") % {"title": goal.title},
    )


@login_required
@owned(Goal)
@require_http_methods(["GET", "POST"])
def goal_review(request, goal):
    """ "Auf die Probe stellen": record what still fits and what changes."""
    form = ReviewForm(posted(request), goal=goal)
    context = {
        "goal": goal,
        "channels": list(goal.channels.all()),
        "groups": list(goal.groups.all()),
        "reviews": list(goal.reviews.all()[:3]),
    }
    return save_form(
        request,
        form,
        "strategy/goal_review.html",
        context,
        then=goal.get_absolute_url(),
        saved=lambda _review: (
            _("Review saved. Next review: %(date)s")
            % {"date": date_format(goal.next_review_on, "DATE_FORMAT")}
        ),
    )


@login_required
@owned(Goal)
@require_http_methods(["GET", "POST"])
def goal_contact_add(request, goal):
    """Link one of the owner's contacts to the goal, with a next step."""
    if request.method == "GET":
        return render(request, GOAL_PAGE, goal_page_context(request, goal))
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
    return render_form(request, GOAL_PAGE, goal_page_context(request, goal), valid=False)


@login_required
@owned(LINKS, "link")
@require_http_methods(["GET", "POST"])
def goal_contact_edit(request, link):
    form = GoalContactEditForm(posted(request), instance=link)
    return save_form(
        request,
        form,
        "strategy/goal_contact_form.html",
        {"link": link},
        then=link.goal.get_absolute_url() + "#goal-contacts",
        saved=_("Next step saved."),
    )


@login_required
@owned(LINKS, "link")
@require_http_methods(["GET", "POST"])
def goal_contact_delete(request, link):
    return confirm_delete(
        request,
        link,
        CONFIRM_DELETE,
        {"object": link, "back": link.goal.get_absolute_url()},
        then=link.goal.get_absolute_url() + "#goal-contacts",
        deleted=_("%(name)s is no longer linked to “%(goal)s”.")
        % {"name": link.contact.name, "goal": link.goal.title},
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def link_goal(request, contact):
    """From a contact's page: link the contact to one of the owner's goals."""
    form = LinkGoalForm(posted(request), owner=request.user)
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
@owned(Goal)
@require_http_methods(["GET", "POST"])
def channel_create(request, goal):
    form = ChannelForm(posted(request), goal=goal)
    if request.method == "POST" and form.is_valid():
        channel = form.save()
        messages.success(
            request, _("Channel %(name)s added.") % {"name": channel.get_platform_display()}
        )
        if "add_another" in request.POST:
            return done(request, reverse("strategy:channel_create", args=[goal.pk]))
        return done(request, goal.get_absolute_url() + "#channels")
    return render_form(
        request, CHANNEL_FORM, {"form": form, "goal": goal}, valid=request.method == "GET"
    )


@login_required
@owned(CHANNELS, "channel")
@require_http_methods(["GET", "POST"])
def channel_edit(request, channel):
    form = ChannelForm(posted(request), instance=channel, goal=channel.goal)
    return save_form(
        request,
        form,
        CHANNEL_FORM,
        {"goal": channel.goal, "channel": channel},
        then=channel.goal.get_absolute_url() + "#channels",
    )


@login_required
@owned(CHANNELS, "channel")
@require_http_methods(["GET", "POST"])
def channel_delete(request, channel):
    return confirm_delete(
        request,
        channel,
        CONFIRM_DELETE,
        {"object": channel, "back": channel.goal.get_absolute_url()},
        then=channel.goal.get_absolute_url() + "#channels",
        deleted=_("Channel %(name)s removed.") % {"name": channel.get_platform_display()},
    )
