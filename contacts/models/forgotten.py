"""People the user asked the CRM to forget, remembered only as keyed one-way hashes of their
email addresses, phone numbers and profile URLs, so that a later import can skip them.

The hash is an HMAC keyed with the server's SECRET_KEY: without the key, a stored digest
cannot be tested against guessed phone numbers. Each value is normalised first (an email
in any case, a phone in any notation, a URL with or without "https://www.") so the import of
the same person from another source still matches. Rotating SECRET_KEY keeps the hashes
working as long as the old key stays in SECRET_KEY_FALLBACKS.
"""

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

import phonenumbers
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

# The HMAC's salt: a digest made for this purpose matches no other use of the key.
HASH_SALT = "netzwerk.contacts.ForgottenPerson"
# Phone numbers without a country code are read as German ones.
DEFAULT_PHONE_REGION = "DE"


class IdentifierKind(models.TextChoices):
    EMAIL = "email", _("email address")
    PHONE = "phone", _("phone number")
    URL = "url", _("profile URL")


def normalise_email(value: str) -> str:
    return value.strip().casefold()


def normalise_phone(value: str) -> str:
    """The number in E.164 (+491711234567): "0171 / 123 45-67", "+49 171 1234567" and
    "0049 (171) 1234567" are one number. Numbers without a country code are read as German
    (DEFAULT_PHONE_REGION); what the library cannot parse keeps its digits."""
    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_url(value: str) -> str:
    """Host and path, lower case, without scheme, "www.", query, fragment or trailing slash:
    "https://www.LinkedIn.com/in/jane-doe/?trk=x" is "linkedin.com/in/jane-doe"."""
    value = value.strip()
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}"
    parts = urlsplit(value)
    host = (parts.hostname or "").casefold().removeprefix("www.").removeprefix("m.")
    path = unquote(parts.path).rstrip("/").casefold()
    return f"{host}{path}" if host else ""


NORMALISE = {
    IdentifierKind.EMAIL: normalise_email,
    IdentifierKind.PHONE: normalise_phone,
    IdentifierKind.URL: normalise_url,
}


def _keys() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def digest(kind: str, value: str, secret: str | None = None) -> str:
    """The keyed hash of a normalised identifier ("" for a value that normalises to nothing)."""
    normal = NORMALISE[IdentifierKind(kind)](value)
    if not normal:
        return ""
    message = f"{kind}:{normal}"
    return salted_hmac(HASH_SALT, message, secret=secret, algorithm="sha256").hexdigest()


def identifiers(
    emails: Iterable[str] = (), phones: Iterable[str] = (), urls: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(kind, value) pairs of the given identifiers, empty ones dropped."""
    pairs = [
        *((IdentifierKind.EMAIL, v) for v in emails),
        *((IdentifierKind.PHONE, v) for v in phones),
        *((IdentifierKind.URL, v) for v in urls),
    ]
    return [(str(kind), value) for kind, value in pairs if value and value.strip()]


class ForgottenPersonQuerySet(OwnedQuerySet):
    def matches(
        self, *, emails: Iterable[str] = (), phones: Iterable[str] = (), urls: Iterable[str] = ()
    ) -> "ForgottenPersonQuerySet":
        """The remembered hashes that any of these identifiers produces (one query).

        For an import: `ForgottenPerson.objects.for_owner(user).matches(emails=[…]).exists()`
        says the person was forgotten and is skipped. Every key in SECRET_KEY_FALLBACKS is
        tried too, so hashes stored before a key rotation still match.
        """
        wanted = {
            (kind, digest(kind, value, secret))
            for kind, value in identifiers(emails, phones, urls)
            for secret in _keys()
        }
        match = models.Q(pk__in=[])
        for kind, hashed in wanted:
            if hashed:
                match |= models.Q(kind=kind, digest=hashed)
        return self.filter(match)

    def screen(self) -> "ForgottenScreen":
        """All of these hashes in memory (one query), to check thousands of import rows
        without a query each."""
        return ForgottenScreen(set(self.values_list("kind", "digest")))

    def remember(self, owner, pairs: Iterable[tuple[str, str]]) -> int:
        """Store the hashes of these (kind, value) identifiers; known ones are skipped."""
        today = timezone.localdate()
        rows = {
            (kind, hashed): ForgottenPerson(
                owner=owner, kind=kind, digest=hashed, forgotten_on=today
            )
            for kind, value in pairs
            if (hashed := digest(kind, value))
        }
        created = self.model.objects.bulk_create(rows.values(), ignore_conflicts=True)
        return len(created)


class ForgottenScreen:
    """The forgotten hashes of one user, loaded once."""

    def __init__(self, known: set[tuple[str, str]]):
        self.known = known

    def __bool__(self) -> bool:
        return bool(self.known)

    def skips(
        self, *, emails: Iterable[str] = (), phones: Iterable[str] = (), urls: Iterable[str] = ()
    ) -> bool:
        """Whether any of these identifiers belongs to a forgotten person."""
        if not self.known:
            return False
        return any(
            (kind, digest(kind, value, secret)) in self.known
            for kind, value in identifiers(emails, phones, urls)
            for secret in _keys()
        )


class ForgottenPerson(models.Model):
    """One identifier (email, phone or profile URL) of a person who was forgotten, as a keyed
    hash: it says "skip this person on import" and cannot be turned back into the value."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forgotten_people"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IdentifierKind.choices)
    digest = models.CharField(max_length=64)
    forgotten_on = models.DateField(_("forgotten on"), default=timezone.localdate)

    objects = ForgottenPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("forgotten person's identifier")
        verbose_name_plural = _("forgotten people's identifiers")
        ordering = ["-forgotten_on", "id"]
        constraints = [
            models.UniqueConstraint("owner", "kind", "digest", name="forgotten_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.digest[:12]}…"
