from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from netzwerk import secret_box


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # A single-person install closes sign-up with SIGNUP_OPEN=false.
        return settings.SIGNUP_OPEN

    def save_user(self, request, user, form, commit: bool = True):
        # A new account keeps the language its sign-up page was shown in, so an English
        # visitor does not land in German after signing up.
        user = super().save_user(request, user, form, commit=False)
        user.language = translation.get_language_from_request(request)
        if user.language not in dict(settings.LANGUAGES):
            user.language = settings.LANGUAGE_CODE
        if commit:
            user.save()
        return user

    def get_client_ip(self, request) -> str:
        """The client address the rate limits count, behind ALLAUTH_TRUSTED_PROXY_COUNT
        proxies. A request with fewer forwarded addresses than proxies did not come through
        them all; it counts under the address that reached us (allauth would raise)."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META["REMOTE_ADDR"]


class SignupForm(allauth_forms.SignupForm):
    def try_save(self, request):
        # Two sign-ups with one email at the same moment both pass the form's check; the
        # unique email decides, and the later one is sent to sign in.
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            messages.error(
                request, _("An account with this email address exists already. Please sign in.")
            )
            return None, redirect("account_login")


class MFAAdapter(DefaultMFAAdapter):
    # The authenticator app's seed and the recovery codes' seed are stored encrypted.
    def encrypt(self, text: str) -> str:
        return secret_box.seal(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_box.unseal(encrypted_text)
