"""The people picker: one query and one partial (contacts/partials/people_picker.html) for
every form that takes several people (interactions, lunches), and the same query for the
pages that add one person at a time (goals, groups, events, introductions)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from netzwerk.http import parse_id, parse_ids

from ..models import Contact

PEOPLE_RESULTS = 20
QUERY_LENGTH = 200


def people_found(request: HttpRequest, query: str, exclude_ids=(), limit=PEOPLE_RESULTS):
    # The people chosen already only make the matches fewer: one remembered part per user.
    scope = f"people:{request.user.pk}"
    return Contact.objects.for_owner(request.user).matching(query, exclude_ids, limit, scope)


def searched(request: HttpRequest, name: str = "q") -> str:
    """The typed query of a person search (?q= or the given parameter), trimmed."""
    return request.GET.get(name, "")[:QUERY_LENGTH].strip()


def picker_context(request: HttpRequest, form) -> dict:
    """What the people picker shows: the people chosen, the query and what it found (the
    "find" button of the no-JS form posts the query as people_q)."""
    chosen = form.chosen_contacts()
    query = request.POST.get("people_q", "")[:QUERY_LENGTH] if request.method == "POST" else ""
    found = people_found(request, query, [c.pk for c in chosen])
    return {"chosen": chosen, "people_q": query, "found": found}


def prefilled_contacts(request: HttpRequest, name: str = "contact") -> list[Contact]:
    """The person named by ?contact=<id> (a form opened from a contact or a suggestion):
    one of the user's own, or nobody."""
    pk = parse_id(request.GET.get(name))
    if pk is None:
        return []
    return list(Contact.objects.for_owner(request.user).filter(pk=pk))


@login_required
@require_GET
def people_search(request):
    """HTMX: checkboxes for people matching ?people_q=, to add to the form's people."""
    query = request.GET.get("people_q", "")[:QUERY_LENGTH]
    found = people_found(request, query, parse_ids(request.GET.getlist("contacts")))
    return render(
        request,
        "contacts/partials/people_picker.html#people-results",
        {"found": found, "people_q": query},
    )
