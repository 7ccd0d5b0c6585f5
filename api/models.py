"""Personal access tokens and the stored answers to idempotent POSTs."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

# Every token starts with this, so a secret scanner (and a person) recognises one.
TOKEN_PREFIX = "nzw_"
# How many characters of a token the list shows, so the owner can tell tokens apart.
VISIBLE_CHARS = len(TOKEN_PREFIX) + 6
# last_used_at is written at most this often, not on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
# How long an Idempotency-Key is remembered.
IDEMPOTENCY_TTL = datetime.timedelta(hours=24)


def token_digest(token: str) -> str:
    """Tokens are random and long (256 bits), so one SHA-256 is enough to store them: no
    slow hash is needed against guessing, and every request checks one."""
    return hashlib.sha256(token.strip().encode()).hexdigest()


class Scope(models.TextChoices):
    READ = "read", _("read only")
    WRITE = "write", _("read and write")


class Expiry(models.IntegerChoices):
    DAYS_30 = 30, _("30 days")
    DAYS_90 = 90, _("90 days")
    DAYS_365 = 365, _("one year")
    NEVER = 0, _("never")


class ApiTokenQuerySet(OwnedQuerySet):
    def authenticate(self, token: str, now: datetime.datetime | None = None) -> "ApiToken | None":
        """The live token with this secret, its owner joined; None for anything else.

        A token made before the owner's last "sign out everywhere" (a newer session epoch)
        is dead, like every session of that time.
        """
        now = now or timezone.now()
        found = (
            self.select_related("owner")
            .filter(digest=token_digest(token), owner__is_active=True)
            .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))
            .first()
        )
        if found is None or found.session_epoch != found.owner.session_epoch:
            return None
        return found

    def revoke(self, now: datetime.datetime | None = None) -> int:
        """End the tokens now (those still working); their rows stay, listed as ended."""
        now = now or timezone.now()
        alive = models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        return self.filter(alive).update(expires_at=now)

    def live(self, user) -> "ApiTokenQuerySet":
        now = timezone.now()
        return self.for_owner(user).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
            session_epoch=user.session_epoch,
        )


class ApiToken(models.Model):
    """A personal access token for the REST API; the plain token is shown once."""

    # (netzwerk/account) A restored account gets new tokens, never a copy of old secrets.
    kept_out_of_backup = "an API token's secret"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=50, help_text=_("What uses it, e.g. “iPhone Shortcut”.")
    )
    scope = models.CharField(_("access"), max_length=5, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=VISIBLE_CHARS, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The owner's session epoch when the token was made: "sign out everywhere" raises the
    # epoch and so ends the token too (netzwerk cannot import this app).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def create_for(
        cls, owner, name: str, scope: str = Scope.READ, days: int = 0
    ) -> tuple["ApiToken", str]:
        """A new token; the plain token is returned once and never stored."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = timezone.now()
        row = cls.objects.create(
            owner=owner,
            name=name,
            scope=scope,
            prefix=token[:VISIBLE_CHARS],
            digest=token_digest(token),
            session_epoch=owner.session_epoch,
            created_at=now,
            expires_at=now + datetime.timedelta(days=days) if days else None,
        )
        return row, token

    def works(self, now: datetime.datetime | None = None) -> bool:
        """Not expired, not ended by "sign out everywhere", its owner active (reads the owner)."""
        now = now or timezone.now()
        unexpired = self.expires_at is None or self.expires_at > now
        return unexpired and self.owner.is_active and self.session_epoch == self.owner.session_epoch

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.WRITE

    def mark_used(self, now: datetime.datetime | None = None) -> None:
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


class IdempotentRequestQuerySet(OwnedQuerySet):
    def expired(self, now: datetime.datetime | None = None) -> "IdempotentRequestQuerySet":
        return self.filter(created_at__lt=(now or timezone.now()) - IDEMPOTENCY_TTL)


class IdempotentRequest(models.Model):
    """The first answer to a POST with an Idempotency-Key, replayed for a retry.

    The unique (owner, key) decides between two requests that arrive at once: the one
    that inserts the row first runs, the other waits for its answer.
    """

    kept_out_of_backup = "answers to retried requests, kept for a day"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    # What was asked: the method, path and a hash of the body; the same key with another
    # request is refused.
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.BinaryField(default=bytes)
    headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    objects = IdempotentRequestQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint("owner", "key", name="idempotency_key_once_per_owner"),
        ]

    def __str__(self) -> str:
        return self.key
