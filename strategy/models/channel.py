from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

from .choices import GoalStatus, Platform


class GoalChannelQuerySet(OwnedQuerySet):
    def of_active_goals(self) -> "GoalChannelQuerySet":
        return self.filter(goal__status=GoalStatus.ACTIVE)

    def minutes_by_platform(self) -> list[dict]:
        """[{"platform": …, "minutes": …}], the biggest share of the week first (one query)."""
        rows = (
            self.order_by()
            .values("platform")
            .annotate(minutes=Sum("weekly_minutes"))
            .order_by("-minutes", "platform")
        )
        return list(rows)


class GoalChannel(models.Model):
    """A platform chosen for a goal: why there, how much time a week, where the profile is."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey("strategy.Goal", on_delete=models.CASCADE, related_name="channels")
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    reason = models.CharField(_("why this channel"), max_length=500, blank=True)
    weekly_minutes = models.PositiveSmallIntegerField(
        _("minutes per week"),
        default=30,
        help_text=_("The time you want to spend here each week."),
    )
    profile_url = models.URLField(_("profile URL"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = GoalChannelQuerySet.as_manager()

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["goal_id", "-weekly_minutes", "id"]
        constraints = [
            models.UniqueConstraint("goal", "platform", name="goal_channel_once_per_platform"),
            models.CheckConstraint(
                condition=models.Q(weekly_minutes__lte=10080), name="goal_channel_minutes_in_week"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} · {self.goal}"

    def save(self, *args, **kwargs):
        self.owner_id = self.goal.owner_id
        return super().save(*args, **kwargs)
