"""Helpers every contacts view shares: ownership lookups and the HTMX/plain response split."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import Contact, Interaction, Tag

# Form errors answer 422; the htmx config in base.html swaps 422 so the errors show in place.
INVALID = 422


def url_for_ids(name: str):
    """reverse() for many ids: reverse once and put each id in (a list page has 100 links,
    a calendar feed thousands)."""
    marker = "4611686018427387903"  # never a real id; the path converter takes it
    head, tail = reverse(name, args=[marker]).split(marker)
    return lambda pk: f"{head}{pk}{tail}"


def get_contact(request: HttpRequest, pk: int) -> Contact:
    return get_object_or_404(Contact.objects.for_owner(request.user), pk=pk)


def prefilled_contacts(request: HttpRequest) -> list[Contact]:
    """The person named by ?contact=<id> (a form opened from a contact or a suggestion):
    one of the user's own, or nobody."""
    contact_id = request.GET.get("contact", "")
    if not contact_id.isdigit():
        return []
    return list(Contact.objects.for_owner(request.user).filter(pk=int(contact_id)))


def get_interaction(request: HttpRequest, pk: int) -> Interaction:
    return get_object_or_404(Interaction.objects.for_owner(request.user), pk=pk)


def get_tag(request: HttpRequest, pk: int) -> Tag:
    return get_object_or_404(Tag.objects.for_owner(request.user), pk=pk)


def requested_next(request: HttpRequest) -> str:
    """Where the user came from (next field or ?next=), unchecked: only for echoing in forms."""
    return request.POST.get("next") or request.GET.get("next", "")


def safe_next(request: HttpRequest, default: str) -> str:
    """The ?next= / next field if it points into this site, else the default."""
    target = requested_next(request)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def render_form(request, template: str, context: dict, *, valid: bool) -> HttpResponse:
    return render(request, template, context, status=200 if valid else INVALID)


def done(request: HttpRequest, default: str) -> HttpResponse:
    """After a write: redirect to next or the default.

    HtmxResponseMiddleware turns the redirect into HX-Redirect for HTMX requests.
    """
    return redirect(safe_next(request, default))
