from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet


class HelpDirection(models.TextChoices):
    GIVEN = "given", _("I helped")
    RECEIVED = "received", _("I was helped")


class HelpKind(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Knowledge shared")
    REFERRAL = "referral", _("Work passed on")
    QUESTION = "question", _("Question answered")
    INTRODUCTION = "introduction", _("Introduction made")
    RECOMMENDATION = "recommendation", _("Recommendation written")
    OTHER = "other", _("Other")

    @property
    def emoji(self) -> str:
        return {
            "knowledge": "💡",
            "referral": "📨",
            "question": "❓",
            "introduction": "🤝",
            "recommendation": "⭐",
            "other": "🎁",
        }[self.value]


class HelpEntry(models.Model):
    """Give first: help given to or received from a contact.

    Deliberately a log, never a balance: nothing sums or compares the two directions.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_entries"
    )
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="help_entries"
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=HelpDirection.choices, default=HelpDirection.GIVEN
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=HelpKind.choices, default=HelpKind.KNOWLEDGE
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("help entry")
        verbose_name_plural = _("help entries")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["contact", "direction", "-date"], name="help_contact_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.date:%Y-%m-%d}"

    @property
    def kind_choice(self) -> HelpKind:
        return HelpKind(self.kind)
