import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from netzwerk.owned import OwnedQuerySet


class SubmissionQuerySet(OwnedQuerySet):
    def forget_older_than(self, days: int) -> int:
        cutoff = timezone.now() - datetime.timedelta(days=days)
        return self.filter(created_at__lt=cutoff).delete()[0]


class Submission(models.Model):
    """A form sent with an idempotency key (the quick log and "new contact", also when the
    phone queued them offline): remembered, so a second send of the same entry saves
    nothing twice (contacts/offline.py)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    # Where the first send led, so a repeat answers the same way.
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint("owner", "key", name="submission_unique_key"),
        ]

    def __str__(self) -> str:
        return str(self.key)
