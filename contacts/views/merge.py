"""Merging two contacts: both side by side, a choice per field where they differ, and the
merge itself (contacts/merging.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netzwerk.http import parse_id, posted, render_form, requested_next, safe_next

from ..forms.merge import MergeForm
from ..merging import MergeError, united_emails, united_phones
from ..models import Contact

# The session remembers the last few merges (other, survivor), so the same form sent again
# is told apart from a contact that is simply not there.
MERGED_KEY = "contacts_merged"
REMEMBERED = 10


def _merged(request) -> list[tuple[int, int]]:
    return [tuple(pair) for pair in request.session.get(MERGED_KEY, [])]


def requested_pair(request) -> tuple[int, int]:
    """The two contact ids a and b of the query or form: two different ids, or a 404."""
    data = request.POST if request.method == "POST" else request.GET
    a, b = parse_id(data.get("a")), parse_id(data.get("b"))
    if a is None or b is None or a == b:
        raise Http404
    return a, b


def _already_merged(request, survivor: Contact):
    messages.info(
        request,
        _("These two are already one contact: %(name)s.") % {"name": survivor.name},
    )
    return redirect(survivor)


@login_required
@require_http_methods(["GET", "POST"])
def merge(request):
    """?a= and ?b= side by side; a POST merges b into a and shows the merged contact."""
    a, b = requested_pair(request)
    found = {
        contact.pk: contact
        for contact in Contact.objects.for_owner(request.user)
        .filter(pk__in=[a, b])
        .prefetch_related("links", "tags")
    }
    if request.method == "POST" and set(found) == {a} and (b, a) in _merged(request):
        # The same form sent twice: the first merge removed b.
        return _already_merged(request, found[a])
    if len(found) != 2:
        raise Http404
    survivor, other = found[a], found[b]
    links = {pk: contact.links_by_channel() for pk, contact in found.items()}
    form = MergeForm(posted(request), survivor=survivor, other=other, links=links)
    if request.method == "POST" and form.is_valid():
        try:
            merged = Contact.objects.merge(survivor, other, form.choices())
        except MergeError:
            return _already_merged(request, survivor)
        request.session[MERGED_KEY] = [[other.pk, survivor.pk], *_merged(request)][:REMEMBERED]
        messages.success(
            request,
            _("Merged: %(other)s and %(name)s are one contact now.")
            % {"other": other.name, "name": merged.name},
        )
        return redirect(merged)
    context = {
        "form": form,
        "survivor": survivor,
        "other": other,
        "united": united_lists(survivor, other, links),
        "next": requested_next(request),
        "back": safe_next(request, reverse("contacts:desk")),
    }
    return render_form(request, "contacts/merge.html", context, valid=request.method == "GET")


def united_lists(survivor: Contact, other: Contact, links: dict) -> list[tuple[str, list[str]]]:
    """What the merged contact keeps of both: (label, values), for the lines that hold any."""
    mine, theirs = links[survivor.pk], links[other.pk]
    tags = {tag.name.lower(): tag.name for tag in [*survivor.tags.all(), *other.tags.all()]}
    lines = [
        (_("Email addresses"), united_emails(survivor, other)),
        (_("Phone numbers"), united_phones(survivor, other)),
        (_("Tags"), sorted(tags.values(), key=str.lower)),
        (
            _("Profile links"),
            [url for channel, url in {**theirs, **mine}.items() if theirs.get(channel, url) == url],
        ),
    ]
    return [(label, values) for label, values in lines if values]
