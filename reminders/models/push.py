"""Web Push: the devices a user turned notifications on for, and one delivery row per nudge
and device, claimed and recorded like the nudge emails (reminders/push.py sends)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

from .nudge import Nudge, NudgeKind


class PushTopic(models.TextChoices):
    """The switches a device has: the nudge kinds grouped as the preferences group them."""

    BIRTHDAY = "birthday", _("Birthdays and important dates")
    FOLLOW_UP = "followup", _("Follow-ups")
    KEEP_IN_TOUCH = "touch", _("Keep in touch")
    LUNCH = "lunch", _("#neverlunchalone")
    REVIEW = "review", _("Goal reviews")


TOPIC_KINDS = {
    PushTopic.BIRTHDAY: [NudgeKind.BIRTHDAY, NudgeKind.IMPORTANT_DATE],
    PushTopic.FOLLOW_UP: [NudgeKind.FOLLOW_UP],
    PushTopic.KEEP_IN_TOUCH: [NudgeKind.KEEP_IN_TOUCH],
    PushTopic.LUNCH: [NudgeKind.LUNCH_WEEK, NudgeKind.LUNCH_TODAY],
    PushTopic.REVIEW: [NudgeKind.GOAL_REVIEW],
}
# A new device gets what arrives by email by default; keep-in-touch stays in the app.
DEFAULT_TOPICS = [PushTopic.BIRTHDAY, PushTopic.FOLLOW_UP, PushTopic.LUNCH, PushTopic.REVIEW]


def default_topics() -> list[str]:
    return [topic.value for topic in DEFAULT_TOPICS]


class PushSubscription(models.Model):
    """One browser on one device that accepts notifications (the Push API's subscription)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    name = models.CharField(_("device"), max_length=100)
    endpoint = models.URLField(max_length=1000)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    topics = models.JSONField(_("notify about"), default=default_topics)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")
        # Unique per user, not across users: a backup restored into a second account on
        # the same server keeps its devices (subscribing moves a browser to one account).
        constraints = [
            models.UniqueConstraint("owner", "endpoint", name="push_subscription_once_per_user")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kinds(self) -> set[str]:
        return {kind.value for topic in self.topics for kind in TOPIC_KINDS.get(topic, [])}

    def as_webpush(self) -> dict:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class PushState(models.TextChoices):
    PENDING = "pending", _("to send")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class PushDeliveryQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime) -> "PushDeliveryQuerySet":
        return self.filter(state=PushState.PENDING).filter(
            models.Q(next_try_at__isnull=True) | models.Q(next_try_at__lte=now)
        )

    def stale_claims(self, now: datetime.datetime, timeout: datetime.timedelta):
        return self.filter(state=PushState.SENDING, claimed_at__lt=now - timeout)

    def renew_claim(self, at: datetime.datetime) -> int:
        """The lease's heartbeat (reminders/delivery.py): the claim is still being worked on."""
        return self.update(claimed_at=at)

    def mark_sent(self, at: datetime.datetime) -> int:
        return self.update(state=PushState.SENT, sent_at=at, error="", next_try_at=None)

    def retry_at(self, when: datetime.datetime, error: str) -> int:
        return self.update(state=PushState.PENDING, claim=None, next_try_at=when, error=error)

    def mark_failed(self, error: str) -> int:
        return self.update(state=PushState.FAILED, error=error)


class PushDelivery(models.Model):
    """A nudge on its way to one device: created once (unique per nudge and device), claimed
    before it is sent, recorded after."""

    # The owner again, so a claim's UPDATE filters this table alone (see reminders/push.py).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    nudge = models.ForeignKey(Nudge, on_delete=models.CASCADE, related_name="+")
    subscription = models.ForeignKey(
        PushSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(max_length=8, choices=PushState.choices, default=PushState.PENDING)
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=1000, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = PushDeliveryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint("nudge", "subscription", name="push_once_per_nudge_device"),
        ]
        indexes = [
            models.Index(
                fields=["owner", "next_try_at"],
                condition=models.Q(state="pending"),
                name="push_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nudge_id} → {self.subscription_id}"
