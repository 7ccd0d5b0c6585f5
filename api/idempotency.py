"""Idempotency-Key on POST: a retry from a flaky phone gets the first answer, not a second row.

The key is claimed with an INSERT that the unique (owner, key) constraint decides: of two
requests with the same key at once, one inserts and runs, the other sees the claim and gets
409 (retry later), and after the first has finished, its stored answer. A key names one
request: the same key with another path or body is refused with 422.
"""

import functools
import hashlib

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from .models import IDEMPOTENCY_TTL, IdempotentRequest

REPLAYED_HEADERS = ("ETag", "Location", "Content-Type")
MAX_KEY = 255


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    for part in (request.method, request.path, request.body):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _claim(request: HttpRequest, key: str, fingerprint: str) -> IdempotentRequest | None:
    """The stored request with this key, or None when this request now owns the key."""
    owner = request.user
    # Keys older than a day are forgotten here, so the table holds a day of each user's keys.
    IdempotentRequest.objects.for_owner(owner).expired().delete()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                IdempotentRequest.objects.create(owner=owner, key=key, fingerprint=fingerprint)
            return None
        except IntegrityError:
            found = IdempotentRequest.objects.for_owner(owner).filter(key=key).first()
            if found is None:
                continue
            if timezone.now() - found.created_at >= IDEMPOTENCY_TTL:
                IdempotentRequest.objects.filter(pk=found.pk).delete()
                continue
            return found
    raise HttpError(409, _("This request is being answered; try again in a moment."))


def idempotent(view):
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(request, *args, **kwargs)
        if not key.strip() or len(key) > MAX_KEY:
            raise HttpError(422, _("The Idempotency-Key must have 1 to 255 characters."))
        fingerprint = _fingerprint(request)
        found = _claim(request, key, fingerprint)
        if found is not None:
            if found.fingerprint != fingerprint:
                raise HttpError(422, _("This Idempotency-Key was used for another request."))
            if found.status is None:
                raise HttpError(409, _("This request is being answered; try again in a moment."))
            response = HttpResponse(bytes(found.body), status=found.status)
            for name, value in found.headers.items():
                response[name] = value
            response["Idempotent-Replayed"] = "true"
            return response
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            IdempotentRequest.objects.for_owner(request.user).filter(key=key).delete()
            raise
        if 200 <= response.status_code < 300:
            IdempotentRequest.objects.for_owner(request.user).filter(key=key).update(
                status=response.status_code,
                body=response.content,
                headers={h: response[h] for h in REPLAYED_HEADERS if response.has_header(h)},
            )
        else:
            # A refused request changed nothing; the client may correct it and send it again.
            IdempotentRequest.objects.for_owner(request.user).filter(key=key).delete()
        return response

    return wrapper
