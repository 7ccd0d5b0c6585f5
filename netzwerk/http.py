"""Response helpers every app's views share; this module imports no app.

The HTMX/plain split after a write lives here too: a view redirects, and
HtmxResponseMiddleware turns the redirect into HX-Redirect for HTMX requests.
"""

import re
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults

# An id in a URL or form: ASCII digits only ("²".isdigit() is true, and int() refuses it),
# and no longer than a bigint.
ID_RE = re.compile(r"[0-9]{1,18}")

# Form errors answer 422; the htmx config in base.html swaps 422 so the errors show in place.
INVALID = 422


def posted(request: HttpRequest):
    """The form data of a POST, or None for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def parse_id(value) -> int | None:
    """An id from a query parameter or form field, or None for anything else."""
    value = str(value or "")
    return int(value) if ID_RE.fullmatch(value) else None


def parse_ids(values) -> list[int]:
    """The ids among these values (e.g. request.POST.getlist("contacts")), others dropped."""
    return [pk for pk in map(parse_id, values) if pk is not None]


def url_for_ids(name: str):
    """reverse() for many ids: reverse once and put each id in (a list page has 100 links,
    a calendar feed thousands)."""
    marker = "4611686018427387903"  # never a real id; the path converter takes it
    head, tail = reverse(name, args=[marker]).split(marker)
    return lambda pk: f"{head}{pk}{tail}"


def _requested_next(request: HttpRequest) -> str:
    """Where the user came from (next field or ?next=), unchecked."""
    return request.POST.get("next") or request.GET.get("next", "")


def is_safe_next(target: str, request: HttpRequest) -> bool:
    """A path on this site ("/contacts/7/"): no other host, no scheme such as javascript:,
    no control characters, nothing redirect() would take for a view name."""
    return (
        target.startswith("/")
        and not any(ord(ch) < 32 or ord(ch) == 127 for ch in target)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The ?next= / next field if it points into this site, else the default: for redirects,
    and for the Back and Cancel links and hidden next fields pages render."""
    target = _requested_next(request)
    return target if is_safe_next(target, request) else default


def render_form(request, template: str, context: dict, *, valid: bool) -> HttpResponse:
    return render(request, template, context, status=200 if valid else INVALID)


def done(request: HttpRequest, default: str) -> HttpResponse:
    """After a write: redirect to next or the default."""
    return HttpResponseRedirect(safe_next(request, default))


def _for(value, obj):
    return value(obj) if callable(value) else value


def save_form(
    request: HttpRequest, form, template: str, context: dict | None = None, *, then, saved=None
) -> HttpResponse:
    """The shape of every add and edit page.

    A valid POST saves the form, says `saved` and goes to ?next= or `then`; otherwise the
    page shows the form (with its errors, answering 422). `then` and `saved` may be
    callables of the saved object, for pages that go to what they created.
    """
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        messages.success(request, _for(saved, obj) or _("Changes saved."))
        return done(request, _for(then, obj))
    context = {"form": form, **(context or {})}
    return render_form(request, template, context, valid=request.method == "GET")


def confirm_delete(
    request: HttpRequest,
    obj,
    template: str,
    context,
    *,
    then: str,
    deleted: str,
    delete: Callable[[], object] | None = None,
) -> HttpResponse:
    """The shape of every delete page: GET asks, POST deletes, says `deleted` and goes to
    ?next= or `then`. `context` may be a callable, for what only the question needs;
    `delete`, for a deletion that takes more than `obj.delete()`."""
    if request.method == "POST":
        (delete or obj.delete)()
        messages.success(request, deleted)
        return done(request, then)
    return render(request, template, context() if callable(context) else context)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 page, but JSON under /api/: a path that no API route matches (a negative
    or non-numeric id) never reaches the API's own handler, and a client expects JSON."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return defaults.page_not_found(request, exception)
