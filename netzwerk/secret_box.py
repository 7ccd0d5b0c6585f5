"""Secrets the app must read back (two-factor seeds), encrypted at rest with the SECRET_KEY.

A database dump or backup alone then gives nobody a working second factor. The key is derived
from SECRET_KEY; SECRET_KEY_FALLBACKS still decrypt, so a rotated key keeps every
authenticator working (the next save encrypts with the new key). Text stored before this
existed has no prefix and is read as it is.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

PREFIX = "fernet:"


class UndecryptableSecret(Exception):
    """Encrypted with a SECRET_KEY that is neither the current one nor a fallback."""


def _fernet(secret_key: str) -> Fernet:
    digest = salted_hmac("netzwerk.secret_box", "fernet", secret=secret_key, algorithm="sha256")
    return Fernet(base64.urlsafe_b64encode(digest.digest()))


def _box() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([_fernet(key) for key in keys])


def seal(text: str) -> str:
    return PREFIX + _box().encrypt(text.encode()).decode()


def unseal(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _box().decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as error:
        raise UndecryptableSecret(
            "A two-factor secret was encrypted with another SECRET_KEY: put the old key in "
            "SECRET_KEY_FALLBACKS."
        ) from error


def reseal(stored: str) -> str:
    """Encrypted with the current SECRET_KEY, whether it was plain or under a fallback key."""
    if not stored.startswith(PREFIX):
        return seal(stored)
    try:
        return PREFIX + _box().rotate(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as error:
        raise UndecryptableSecret("Encrypted with a key that is not configured.") from error


def convert_authenticators(authenticators, change) -> int:
    """Applies `change` to the stored seeds of allauth's authenticator rows; returns rows saved."""
    saved = 0
    for authenticator in authenticators.filter(type__in=["totp", "recovery_codes"]):
        data = dict(authenticator.data)
        for key in ("secret", "seed"):
            if isinstance(data.get(key), str):
                data[key] = change(data[key])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            saved += 1
    return saved
