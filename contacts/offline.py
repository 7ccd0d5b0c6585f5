"""Exactly once: forms a phone may send twice carry an idempotency key.

static/js/offline.js gives each quick log and each new contact a fresh key when it is
submitted, and queues the form in the browser when there is no connection; it sends the
queue once the phone is online again, and again after a failure it could not see the end
of. The server remembers every key it saw (Submission), so whatever arrives twice — a
queued entry sent from two tabs, a retry after a lost answer, a double tap — is saved once.
"""

import functools
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import Submission

FIELD = "idempotency_key"
# Keys are kept this long; a phone offline for longer sends its queue as new entries.
KEEP_DAYS = 30


class _Failed(Exception):
    """The view answered with an error: nothing it did (nor the key) is kept."""

    def __init__(self, response: HttpResponse):
        self.response = response


def _key(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _already_saved(request, submission: Submission) -> HttpResponse:
    messages.info(request, _("This entry was already saved."))
    if request.htmx:
        return HttpResponse(status=204)
    return redirect(submission.result_url or request.path)


def idempotent(view):
    """Run a POST with a key at most once per user and key; others run as they are.

    The key is claimed in the same transaction as the view's writes: a second request with
    the same key waits on the unique index until the first commits, then finds it taken.
    A view answering an error (422) keeps nothing, so the corrected form can be sent again.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _key(request) if request.method == "POST" else None
        if key is None:
            return view(request, *args, **kwargs)
        mine = Submission.objects.for_owner(request.user)
        seen = mine.filter(key=key).first()
        if seen is not None:
            return _already_saved(request, seen)
        try:
            with transaction.atomic():
                mine.forget_older_than(KEEP_DAYS)
                submission = Submission.objects.create(owner=request.user, key=key)
                response = view(request, *args, **kwargs)
                if response.status_code >= 400:
                    raise _Failed(response)
                location = response.headers.get("Location") or response.headers.get(
                    "HX-Redirect", ""
                )
                submission.result_url = location[:500]
                submission.save(update_fields=["result_url"])
        except _Failed as failed:
            return failed.response
        except IntegrityError:
            return _already_saved(request, mine.get(key=key))
        return response

    return wrapper
