from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

from .choices import Engagement, GroupKind


class Group(models.Model):
    """An association, club, chamber, working group, Stammtisch or online group."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strategy_groups"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=GroupKind.choices, default=GroupKind.ASSOCIATION
    )
    engagement = models.CharField(
        _("engagement"), max_length=10, choices=Engagement.choices, default=Engagement.ATTENDING
    )
    outside_bubble = models.BooleanField(
        _("outside my bubble"),
        default=False,
        help_text=_("People here think, work or live differently from your usual circle."),
    )
    url = models.URLField(_("website"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    contacts = models.ManyToManyField(
        "contacts.Contact", blank=True, related_name="strategy_groups", verbose_name=_("people")
    )
    goals = models.ManyToManyField(
        "strategy.Goal", blank=True, related_name="groups", verbose_name=_("goals")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:group_detail", args=[self.pk])

    @property
    def engagement_choice(self) -> Engagement:
        return Engagement(self.engagement)
