"""System checks that keep an instance from running on a secret anyone can read.

They are errors of the deployment checks, so `check --deploy` fails, and
`netzwerk/wsgi.py` runs them before serving, so the web server refuses to start. Development
commands (makemigrations, makemessages, tests) and DEBUG=true keep working on the default.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# Keys that were ever written into this repository (settings default, compose file): anyone
# can sign one-tap links, sessions and password resets with them.
PUBLISHED_SECRET_KEYS = frozenset(
    {
        "dev-only-insecure-key-change-me-in-production-0123456789",
        "change-me-compose-only-not-for-production-0123456789abcdef",
    }
)
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_CHARACTERS = 5
HOW_TO_MAKE_ONE = (
    "Make one with: python -c 'import secrets; print(secrets.token_urlsafe(50))' "
    "and set it as SECRET_KEY in the environment or .env (see .env.example)."
)


def _weakness(key: str) -> str | None:
    if not key:
        return "is not set"
    if key in PUBLISHED_SECRET_KEYS:
        return "is the development default published in the repository"
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_CHARACTERS:
        return (
            f"is too short or too simple (at least {MIN_SECRET_KEY_LENGTH} characters, "
            f"{MIN_SECRET_KEY_CHARACTERS} different ones)"
        )
    return None


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """With DEBUG off, every key that signs (SECRET_KEY and each fallback) must be secret."""
    if settings.DEBUG:
        return []
    errors = []
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:
        # Django refuses to read an empty key at all.
        key = ""
    weakness = _weakness(key)
    if weakness:
        errors.append(
            checks.Error(
                f"SECRET_KEY {weakness}; Netzwerk does not start with DEBUG off without a "
                "secret key of its own.",
                hint=HOW_TO_MAKE_ONE,
                id="netzwerk.E001",
            )
        )
    for position, key in enumerate(settings.SECRET_KEY_FALLBACKS, start=1):
        weakness = _weakness(key)
        if weakness:
            errors.append(
                checks.Error(
                    f"SECRET_KEY_FALLBACKS entry {position} {weakness}; a fallback still "
                    "verifies signatures, so it must be as secret as the key.",
                    hint="Remove it from SECRET_KEY_FALLBACKS.",
                    id="netzwerk.E002",
                )
            )
    return errors


def refuse_to_serve_with_a_known_key() -> None:
    """The WSGI server runs no system checks of its own; this one it must not skip."""
    errors = check_secret_key(None)
    if errors:
        raise ImproperlyConfigured("\n".join(f"{e.msg} {e.hint}" for e in errors))
