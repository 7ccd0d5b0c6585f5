"""Signing in safely: the admin's login goes through allauth's (and its rate limits)."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .http import safe_next


@require_http_methods(["GET", "POST"])
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin has no password form of its own: guesses there would bypass allauth's
    limits on failed logins, so every sign-in happens on the app's login page."""
    target = safe_next(request, reverse("admin:index"))
    if request.user.is_authenticated:
        if request.user.is_staff:
            return redirect(target)
        # The login page would send a signed-in user straight back here: a loop.
        raise PermissionDenied
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
