from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation


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
