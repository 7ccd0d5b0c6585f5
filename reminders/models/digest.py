from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestState(models.TextChoices):
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped")


class DigestQuerySet(models.QuerySet):
    def for_owner(self, user) -> "DigestQuerySet":
        return self.filter(owner=user)


class Digest(models.Model):
    """The weekly digest of one user for one ISO week, claimed before it is sent.

    The unique (owner, week) row is the claim: a second run, a second beat or a retry finds
    it and sends nothing more.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    week = models.CharField(max_length=8)  # ISO week, "2026-W48"
    state = models.CharField(max_length=10, choices=DigestState.choices)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Why it failed or was skipped, shown on the preferences page.
    detail = models.TextField(blank=True)

    objects = DigestQuerySet.as_manager()

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        constraints = [models.UniqueConstraint("owner", "week", name="digest_once_per_week")]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.week} {self.state}"
