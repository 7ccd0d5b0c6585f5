"""Outgoing webhooks: the endpoints a user registered, and one delivery row per endpoint and
event (the outbox), claimed and recorded like the nudge emails (webhooks/delivery.py sends)."""

import datetime
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet
from reminders.models.push import PushDeliveryQuerySet, PushState


class Event(models.TextChoices):
    CONTACT_CREATED = "contact.created", _("Contact created")
    CONTACT_UPDATED = "contact.updated", _("Contact updated")
    INTERACTION_LOGGED = "interaction.logged", _("Interaction logged")
    NUDGE_DUE = "nudge.due", _("Nudge due")
    FOLLOW_UP_DONE = "followup.done", _("Follow-up done")


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class EndpointQuerySet(OwnedQuerySet):
    def wanting(self, event: str) -> list["Endpoint"]:
        """The enabled endpoints that subscribed to `event` (filtered in Python: a user has a
        handful, and JSON containment is not portable to SQLite)."""
        return [endpoint for endpoint in self.filter(enabled=True) if event in endpoint.events]


class Endpoint(models.Model):
    """A URL of the user's that receives signed POSTs for the events it chose."""

    # Counted, shown and deleted with the account (netzwerk/account/registry.py), but a
    # backup carries no signing secret: the user registers the URL again after a restore.
    kept_out_of_backup = "a webhook's signing secret"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("URL"), max_length=1000)
    events = models.JSONField(_("events"), default=list)
    enabled = models.BooleanField(_("enabled"), default=True)
    # The HMAC key, needed in plain text to sign; shown to the user once (and on rotation).
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The first failure since the last success; None while it works.
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    # Why Netzwerk switched it off, shown on the page until it is enabled again.
    disabled_reason = models.CharField(max_length=300, blank=True, editable=False)

    objects = EndpointQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        # The admin names it so: the operator needs the host, not the path, which for a
        # Zapier or n8n hook is the receiver's secret.
        return f"{self.host} (#{self.pk})"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        if not self.enabled:
            # Whoever switched it off (the owner's form, the operator's admin), nothing waits
            # to be sent while it is off.
            self.deliveries.give_up_pending()

    @property
    def host(self) -> str:
        try:
            return urlsplit(self.url).hostname or "?"
        except ValueError:
            return "?"

    def get_event_display(self) -> list[str]:
        return [str(label) for value, label in Event.choices if value in self.events]

    def rotate_secret(self) -> str:
        self.secret = new_secret()
        self.save(update_fields=["secret"])
        return self.secret

    def enable(self) -> None:
        self.enabled, self.failing_since, self.disabled_reason = True, None, ""
        self.save(update_fields=["enabled", "failing_since", "disabled_reason"])

    def switch_off(self, reason: str) -> bool:
        """Switch it off if it is still on, with Netzwerk's reason shown on its page; returns
        whether this call did (of two runs at once, one does)."""
        switched = Endpoint.objects.filter(pk=self.pk, enabled=True).update(
            enabled=False, disabled_reason=reason
        )
        if switched:
            self.enabled, self.disabled_reason = False, reason
            self.deliveries.give_up_pending()
        return bool(switched)


# Stored untranslated and translated when the log is shown, in the language the owner has
# then (the other errors are the receiver's or the network's own words).
SWITCHED_OFF = gettext_noop("Not sent: the endpoint was switched off.")

# A delivery is claimed, leased and retried with the columns and states of a push
# notification's delivery (reminders/models/push.py), which reminders/delivery.py's Lease
# and record_failure work with.
DeliveryState = PushState


class DeliveryQuerySet(PushDeliveryQuerySet, OwnedQuerySet):
    def mark_sent(self, at: datetime.datetime, status: int) -> int:
        return self.update(
            state=DeliveryState.SENT,
            sent_at=at,
            status_code=status,
            error="",
            next_try_at=None,
        )

    def mark_failed(self, error: str) -> int:
        return self.update(state=DeliveryState.FAILED, error=error[:1000])

    def give_up_pending(self) -> int:
        """When an endpoint is switched off, its waiting rows fail (and show so in its log):
        kept, they would be sent days late when it is switched on again, or never pruned
        (prune() removes only sent and failed rows)."""
        return self.filter(state=DeliveryState.PENDING).mark_failed(SWITCHED_OFF)


class Watermark(models.Model):
    """How far the derived events (nudges, follow-ups done) have been read: each delivery
    run reads from here on, less a margin for late commits (webhooks/events.py)."""

    # (netzwerk/account) The instance's bookkeeping, no user's data.
    belongs_to_no_user = True

    name = models.CharField(max_length=40, unique=True)
    up_to = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.up_to}"


class Delivery(models.Model):
    """One event on its way to one endpoint: the outbox row, written in the transaction of the
    change (or derived from the nudge or follow-up row), claimed before it is sent."""

    kept_out_of_backup = "the outbox of webhook deliveries, kept for 30 days"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    # The same for every endpoint that receives the event; receivers deduplicate by it.
    event_id = models.CharField(max_length=64)
    event = models.CharField(max_length=20, choices=Event.choices)
    # The contact, interaction, nudge or follow-up the event is about.
    object_id = models.BigIntegerField()
    occurred_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(
        max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=1000, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # No body is kept: each attempt builds it from the rows as they are then
    # (webhooks/payloads.py), so nothing about a person waits here for a retry.

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint("endpoint", "event_id", name="webhook_once_per_endpoint"),
        ]
        indexes = [
            models.Index(
                fields=["endpoint", "next_try_at"],
                condition=models.Q(state="pending"),
                name="webhook_pending",
            ),
            models.Index(fields=["endpoint", "-id"], name="webhook_log"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id} → {self.endpoint_id}"

    @property
    def error_shown(self) -> str:
        return gettext(SWITCHED_OFF) if self.error == SWITCHED_OFF else self.error
