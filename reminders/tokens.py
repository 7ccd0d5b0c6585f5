"""Signed links in emails: one-tap actions and unsubscribe, usable without logging in.

A token binds the user, the object and the action (the salt is per purpose, so a token for
"done" is not one for "snooze"); it is signed with SECRET_KEY and cannot be altered. The view
still fetches the object through `for_owner(user)`, so a token never reaches another user's
data.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

ACTION_MAX_AGE = datetime.timedelta(days=30)
ACTIONS = ("done", "snooze", "congratulate")
LISTS = ("digest", "nudges")


def _action_salt(action: str) -> str:
    return f"reminders.email-action.{action}"


def action_token(user_id: int, action: str, object_id: int, occurrence: str = "") -> str:
    """`occurrence` pins the state the link was made for (the due day a snooze moves)."""
    # A programming error, not input: reading refuses a token of an unknown action anyway.
    assert action in ACTIONS  # nosec B101
    return signing.dumps([user_id, object_id, occurrence], salt=_action_salt(action))


def read_action_token(action: str, token: str) -> tuple[int, int, str]:
    """(user id, object id, occurrence); raises signing.BadSignature (or SignatureExpired)."""
    if action not in ACTIONS:
        raise signing.BadSignature(action)
    user_id, object_id, occurrence = signing.loads(
        token, salt=_action_salt(action), max_age=ACTION_MAX_AGE
    )
    return int(user_id), int(object_id), str(occurrence)


def unsubscribe_token(user_id: int, list_name: str) -> str:
    # A programming error, not input: reading refuses a token of an unknown list anyway.
    assert list_name in LISTS  # nosec B101
    return signing.dumps(user_id, salt=f"reminders.unsubscribe.{list_name}")


def read_unsubscribe_token(list_name: str, token: str) -> int:
    """Unsubscribe links do not expire: an old email must still be able to stop the mail."""
    if list_name not in LISTS:
        raise signing.BadSignature(list_name)
    return int(signing.loads(token, salt=f"reminders.unsubscribe.{list_name}"))


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def action_url(user_id: int, action: str, object_id: int, occurrence: str = "") -> str:
    token = action_token(user_id, action, object_id, occurrence)
    return absolute(reverse("reminders:email_action", args=[action, token]))


def unsubscribe_url(user_id: int, list_name: str) -> str:
    token = unsubscribe_token(user_id, list_name)
    return absolute(reverse("reminders:unsubscribe", args=[list_name, token]))
