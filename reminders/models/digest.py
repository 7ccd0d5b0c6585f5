import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet


class DigestState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped")


class DigestQuerySet(OwnedQuerySet):
    def latest_status(self) -> "Digest | None":
        """The newest digest row (state, sent_at, detail), for the preferences page."""
        return self.order_by("-week", "-id").first()

    def claimable(self, now, stale_after) -> "DigestQuerySet":
        """Rows a sender may claim: waiting and due, or left in "sending" by a crash."""
        return self.filter(
            models.Q(state=DigestState.PENDING)
            & (models.Q(next_try_at__isnull=True) | models.Q(next_try_at__lte=now))
            | models.Q(state=DigestState.SENDING, claimed_at__lt=now - stale_after)
        )

    def renew_claim(self, at: datetime.datetime) -> int:
        """The lease's heartbeat (reminders/delivery.py): the claim is still being worked on."""
        return self.update(claimed_at=at)

    # How a send went, recorded on the claimed rows (reminders/delivery.py).

    def mark_sent(self, at: datetime.datetime) -> int:
        return self.update(state=DigestState.SENT, sent_at=at, detail="", next_try_at=None)

    def retry_at(self, when: datetime.datetime, error: str) -> int:
        """Back to pending: the beat offers the row again from `when` on."""
        return self.update(state=DigestState.PENDING, next_try_at=when, detail=error)

    def mark_failed(self, error: str) -> int:
        return self.update(state=DigestState.FAILED, detail=error)


class Digest(models.Model):
    """The weekly digest of one user for one ISO week, claimed before it is sent.

    The unique (owner, week) row is the claim: a second run, a second beat or a retry finds
    it and sends nothing more. Its life: pending (created by the beat, or waiting for a retry
    after an SMTP error) → sending (claimed by one conditional UPDATE) → sent; or failed after
    too many attempts, or skipped when there was nothing to tell. `detail` says why.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    week = models.CharField(max_length=8)  # ISO week, "2026-W48"
    state = models.CharField(max_length=10, choices=DigestState.choices)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Which run claimed the row: a batch claims many rows in one UPDATE, then reads back its own.
    claim = models.UUIDField(null=True, blank=True, editable=False)
    # After a failed send: the periodic digest run offers it again from this instant on.
    next_try_at = models.DateTimeField(null=True, blank=True)
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
