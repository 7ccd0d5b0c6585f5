"""Signing in safely: the admin's login goes through allauth's (and its rate limits); the
primary email address is always a confirmed one; staff can be made to use a second factor."""

from urllib.parse import urlencode

from allauth.account import views as allauth_views
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
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


class EmailView(allauth_views.EmailView):
    """allauth's address page, stricter about which address becomes the primary one: that
    address receives password resets, digests and reminders, so it must be confirmed."""

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not EmailAddress.objects.filter(user=user).exists():
            # An account the operator made (createsuperuser, the admin) has no address record;
            # allauth would file its address as unconfirmed, which stops its mail.
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args, **kwargs):
        user = request.user
        if (
            "action_add" in request.POST
            and not EmailAddress.objects.filter(user=user, verified=True).exists()
        ):
            # allauth would replace the unconfirmed address at once and leave the account
            # without any; first the current one is confirmed (its link can be sent again).
            messages.error(
                request,
                _("Confirm %(email)s first, with the link we sent there; then you can change it.")
                % {"email": user.email},
            )
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def _action_primary(self, request: HttpRequest, *args, **kwargs):
        address = self._get_email_address(request)
        if address is None:
            messages.error(request, _("That is not one of your email addresses."))
        elif not address.verified:
            messages.error(
                request,
                _("Confirm %(email)s with the link we sent there before it becomes your address.")
                % {"email": address.email},
            )
        else:
            return super()._action_primary(request, *args, **kwargs)
        return redirect(self.get_success_url())


email = login_required(EmailView.as_view())


class StaffTwoFactorMiddleware:
    """With MFA_REQUIRED_FOR_STAFF, a staff member without a second factor reaches nothing but
    the account pages (where it is set up) until they have one: the admin shows every user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(("/accounts/", f"/{settings.STATIC_URL}"))
            and not is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])
        ):
            messages.warning(
                request, _("Staff accounts need a second factor: set one up to continue.")
            )
            return redirect("mfa_index")
        return self.get_response(request)
