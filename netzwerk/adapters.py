from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # A single-person install closes sign-up with SIGNUP_OPEN=false.
        return settings.SIGNUP_OPEN
