import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NudgeKind(models.TextChoices):
    BIRTHDAY = "birthday", _("Birthday")
    IMPORTANT_DATE = "date", _("Important date")
    FOLLOW_UP = "followup", _("Follow-up")
    KEEP_IN_TOUCH = "touch", _("Keep in touch")
    LUNCH_WEEK = "lunchweek", _("Plan your lunches")
    LUNCH_TODAY = "lunchday", _("Lunch today")
    GOAL_REVIEW = "review", _("Goal review")


class EmailState(models.TextChoices):
    NONE = "", _("no email")
    PENDING = "pending", _("to send")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class NudgeQuerySet(models.QuerySet):
    def for_owner(self, user) -> "NudgeQuerySet":
        return self.filter(owner=user)

    def unread(self) -> "NudgeQuerySet":
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        return self.filter(read_at__isnull=True).update(read_at=timezone.now())


class Nudge(models.Model):
    """One reminder shown in the app (and maybe emailed), recorded once under a unique key.

    The key names the object and its occurrence (a contact's birthday in 2026, a follow-up
    due on a day, an ISO week): deriving nudges again finds the row and creates nothing.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges"
    )
    kind = models.CharField(max_length=10, choices=NudgeKind.choices)
    key = models.CharField(max_length=120)
    # The day the nudge is about: the birthday, the due day, the lunch day, the week's Monday.
    occurs_on = models.DateField()
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    follow_up = models.ForeignKey(
        "reminders.FollowUp", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    lunch = models.ForeignKey(
        "reminders.Lunch", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    important_date = models.ForeignKey(
        "reminders.ImportantDate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.NONE, blank=True
    )
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.TextField(blank=True)

    objects = NudgeQuerySet.as_manager()

    class Meta:
        ordering = ["-occurs_on", "-id"]
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")
        constraints = [
            models.UniqueConstraint("owner", "kind", "key", name="nudge_once_per_key"),
        ]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="nudge_owner_recent"),
            models.Index(
                fields=["email_state", "email_claimed_at"],
                condition=models.Q(email_state__in=["pending", "sending"]),
                name="nudge_email_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def age(self) -> datetime.timedelta:
        return timezone.now() - self.created_at
