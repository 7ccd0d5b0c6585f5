"""Signing in a device: HTTP Basic with the account's email and an app password.

The account password never works here: a phone that stores it could do everything the
account can. Failed attempts are counted in the shared cache per client address and per
email; past the limit every attempt gets 429 until the window has passed, so a password
cannot be guessed, and one device with a revoked password cannot lock out the others for
long.
"""

import base64
import binascii
import functools

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .models import AppPassword

REALM = "Netzwerk"


def _keys(request, email: str) -> list[str]:
    # The same client address as the web login's limits (ALLAUTH_TRUSTED_PROXY_COUNT).
    address = get_adapter(request).get_client_ip(request)
    return [f"carddav:failed:ip:{address}", f"carddav:failed:email:{email.strip().lower()}"]


def _throttled(keys: list[str]) -> bool:
    return any((cache.get(key) or 0) >= settings.CARDDAV_FAILED_LOGINS for key in keys)


def _count_failure(keys: list[str]) -> None:
    for key in keys:
        if not cache.add(key, 1, settings.CARDDAV_FAILED_LOGIN_WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, settings.CARDDAV_FAILED_LOGIN_WINDOW)


def credentials(request) -> tuple[str, str] | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _space, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    email, sep, password = decoded.partition(":")
    return (email, password) if sep else None


def challenge(status: int = 401) -> HttpResponse:
    response = HttpResponse("Sign in with your email address and an app password.", status=status)
    response["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
    response["Content-Type"] = "text/plain; charset=utf-8"
    return response


def too_many() -> HttpResponse:
    response = HttpResponse("Too many failed sign-ins; try again later.", status=429)
    response["Retry-After"] = str(settings.CARDDAV_FAILED_LOGIN_WINDOW)
    response["Content-Type"] = "text/plain; charset=utf-8"
    return response


def device_required(view):
    """The view runs for a device signed in with an app password: request.user is its
    owner, request.device the app password. CSRF does not apply: no cookie signs in here."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        given = credentials(request)
        if given is None:
            return challenge()
        email, password = given
        keys = _keys(request, email)
        if _throttled(keys):
            return too_many()
        device = AppPassword.objects.authenticate(email, password)
        if device is None:
            _count_failure(keys)
            return challenge()
        device.mark_used()
        request.user = device.owner
        request.device = device
        return view(request, *args, **kwargs)

    return wrapper
