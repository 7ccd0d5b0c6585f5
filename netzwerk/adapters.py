from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
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
