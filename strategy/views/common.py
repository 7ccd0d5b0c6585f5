"""What the strategy pages share: the person picker of the goal, group and event pages."""

from django.http import HttpRequest
from django.shortcuts import render

from contacts.models import Contact
from contacts.views.people import people_found, searched

# Search results offered when adding people to a goal, group or event.
PICKER_RESULTS = 10
CONFIRM_DELETE = "strategy/confirm_delete.html"


def picker_results(request: HttpRequest, exclude_ids=()) -> tuple[str, list[Contact]]:
    """The ?q= search of the owner's contacts, for the add-a-person pickers."""
    query = searched(request)
    return query, people_found(request, query, exclude_ids, PICKER_RESULTS)


def page_with_picker(request: HttpRequest, template: str, context: dict):
    """A page with a person picker; the picker's search as you type gets its results only."""
    if request.htmx and request.htmx.target == "picker-results":
        template += "#picker-results"
    return render(request, template, context)
