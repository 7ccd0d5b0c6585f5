"""Ownership lookups for the strategy views; responses reuse the contacts helpers."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from contacts.models import Contact
from contacts.views.common import INVALID, done, render_form, requested_next

from ..models import Event, Goal, GoalChannel, GoalContact, Group

__all__ = ["INVALID", "done", "render_form", "requested_next"]

# Search results offered when adding people to a goal, group or event.
PICKER_RESULTS = 10


def get_goal(request: HttpRequest, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.for_owner(request.user), pk=pk)


def get_channel(request: HttpRequest, pk: int) -> GoalChannel:
    return get_object_or_404(
        GoalChannel.objects.for_owner(request.user).select_related("goal"), pk=pk
    )


def get_goal_contact(request: HttpRequest, pk: int) -> GoalContact:
    return get_object_or_404(
        GoalContact.objects.for_owner(request.user).select_related("goal", "contact"), pk=pk
    )


def get_group(request: HttpRequest, pk: int) -> Group:
    return get_object_or_404(Group.objects.for_owner(request.user), pk=pk)


def get_event(request: HttpRequest, pk: int) -> Event:
    return get_object_or_404(Event.objects.for_owner(request.user).select_related("group"), pk=pk)


def picker_results(request: HttpRequest, exclude_ids=()) -> tuple[str, list[Contact]]:
    """The ?q= search of the owner's contacts, for the add-a-person pickers."""
    query = request.GET.get("q", "")[:200].strip()
    if not query:
        return query, []
    found = (
        Contact.objects.for_owner(request.user)
        .visible()
        .search(query)
        .exclude(pk__in=list(exclude_ids))
        .order_by("sort_name", "id")[:PICKER_RESULTS]
    )
    return query, list(found)
