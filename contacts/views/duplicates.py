"""The duplicates page: likely pairs across the whole network with their reason
(contacts/duplicates.py), each to merge or to dismiss as two people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netzwerk.http import done

from ..duplicates import likely_duplicates
from ..models import Contact, NotDuplicate
from .merge import requested_pair

# Pairs shown at once: merging or dismissing them brings up the next ones.
SHOWN = 100
SHOWN_FIELDS = ("id", "owner_id", "first_name", "last_name", "company", "city", "created_at")


@login_required
@require_GET
def duplicates(request):
    pairs = likely_duplicates(request.user)
    shown = pairs[:SHOWN]
    people = (
        Contact.objects.for_owner(request.user)
        .only(*SHOWN_FIELDS)
        .in_bulk({pair.a for pair in shown} | {pair.b for pair in shown})
    )
    rows = [
        {
            "a": people[pair.a],
            "b": people[pair.b],
            "people": [people[pair.a], people[pair.b]],
            "reasons": pair.describe(),
        }
        for pair in shown
    ]
    context = {"rows": rows, "total": len(pairs), "more": len(pairs) - len(shown)}
    return render(request, "contacts/duplicates.html", context)


@login_required
@require_POST
def not_duplicate(request):
    """Remember that the two are different people; the page stops offering the pair."""
    a, b = requested_pair(request)
    found = list(Contact.objects.for_owner(request.user).filter(pk__in=[a, b]))
    if len(found) != 2:
        raise Http404
    NotDuplicate.objects.dismiss(request.user, *found)
    first, second = sorted(found, key=lambda contact: contact.pk)
    messages.success(
        request,
        _("Noted: %(a)s and %(b)s are two people.") % {"a": first.name, "b": second.name},
    )
    if request.htmx:
        # The pair's row is replaced by nothing.
        return HttpResponse("")
    return done(request, reverse("contacts:duplicates"))
