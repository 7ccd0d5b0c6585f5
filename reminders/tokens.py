"""Signed links in emails: one-tap actions and unsubscribe, usable without logging in.

A token binds the user, the object and the action (the salt is per purpose, so a token for
"done" is not one for "snooze"); it is signed with SECRET_KEY (or a key still listed in
SECRET_KEY_FALLBACKS) and cannot be altered. It also carries the user's link fingerprint, so
a new password or "sign out everywhere" ends every link sent before. The view still fetches
the object through `for_owner(user)`, so a token never reaches another user's data.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from netzwerk.models import User

ACTION_MAX_AGE = datetime.timedelta(days=30)
ACTIONS = ("done", "snooze", "congratulate")
LISTS = ("digest", "nudges")


def _action_salt(action: str) -> str:
    return f"reminders.email-action.{action}"


def _token_user(user_id, fingerprint) -> User:
    """The active user a token names, if the token is still theirs; else BadSignature."""
    user = User.objects.filter(pk=int(user_id), is_active=True).first()
    if user is None or not user.has_link_fingerprint(str(fingerprint)):
        raise signing.BadSignature("the user's password or sessions changed")
    return user


def action_token(user: User, action: str, object_id: int, occurrence: str = "") -> str:
    """`occurrence` pins the state the link was made for (the due day a snooze moves)."""
    # A programming error, not input: reading refuses a token of an unknown action anyway.
    assert action in ACTIONS  # nosec B101
    payload = [user.pk, object_id, occurrence, user.link_fingerprint()]
    return signing.dumps(payload, salt=_action_salt(action))


def read_action_token(action: str, token: str) -> tuple[User, int, str]:
    """(user, object id, occurrence); raises signing.BadSignature (or SignatureExpired)."""
    if action not in ACTIONS:
        raise signing.BadSignature(action)
    user_id, object_id, occurrence, fingerprint = signing.loads(
        token, salt=_action_salt(action), max_age=ACTION_MAX_AGE
    )
    return _token_user(user_id, fingerprint), int(object_id), str(occurrence)


def unsubscribe_token(user: User, list_name: str) -> str:
    # A programming error, not input: reading refuses a token of an unknown list anyway.
    assert list_name in LISTS  # nosec B101
    payload = [user.pk, user.link_fingerprint()]
    return signing.dumps(payload, salt=f"reminders.unsubscribe.{list_name}")


def read_unsubscribe_token(list_name: str, token: str) -> User:
    """Unsubscribe links do not expire (an old email must still be able to stop the mail)
    until the password changes or the user signs out everywhere."""
    if list_name not in LISTS:
        raise signing.BadSignature(list_name)
    user_id, fingerprint = signing.loads(token, salt=f"reminders.unsubscribe.{list_name}")
    return _token_user(user_id, fingerprint)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def action_url(user: User, action: str, object_id: int, occurrence: str = "") -> str:
    token = action_token(user, action, object_id, occurrence)
    return absolute(reverse("reminders:email_action", args=[action, token]))


def unsubscribe_url(user: User, list_name: str) -> str:
    token = unsubscribe_token(user, list_name)
    return absolute(reverse("reminders:unsubscribe", args=[list_name, token]))
