import datetime

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

from .choices import GoalKind, GoalStatus

DEFAULT_REVIEW_DAYS = 90


class GoalQuerySet(OwnedQuerySet):
    def active(self) -> "GoalQuerySet":
        return self.filter(status=GoalStatus.ACTIVE)

    def review_due(self, on: datetime.date) -> "GoalQuerySet":
        """Active goals whose next review falls on or before `on`, the most overdue first.

        The reminders app turns these into nudges and weekly digest items.
        """
        return self.active().filter(next_review_on__lte=on).order_by("next_review_on", "id")


class Goal(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=GoalKind.choices, default=GoalKind.CLIENTS
    )
    description = models.TextField(_("description"), max_length=5000, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    review_every_days = models.PositiveSmallIntegerField(
        _("review every (days)"),
        default=DEFAULT_REVIEW_DAYS,
        help_text=_("How often you check whether this goal still fits. 90 days is a quarter."),
    )
    # Derived by save() from the last review (or the start) and the rhythm; never edited.
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True, editable=False)
    next_review_on = models.DateField(_("next review"), editable=False)
    created_on = models.DateField(default=timezone.localdate, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["status", "target_date", "id"]
        indexes = [
            models.Index(fields=["owner", "status", "next_review_on"], name="goal_owner_review"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_every_days__gte=1), name="goal_review_rhythm_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        """Save; the next review date always follows the last review and the rhythm."""
        self.next_review_on = self.compute_next_review_on()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "next_review_on", "updated_at"}
        return super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("strategy:goal_detail", args=[self.pk])

    def compute_next_review_on(self) -> datetime.date:
        start = self.last_reviewed_on or self.created_on
        return start + datetime.timedelta(days=self.review_every_days)

    def review_is_due(self, on: datetime.date) -> bool:
        return self.status == GoalStatus.ACTIVE and self.next_review_on <= on

    @transaction.atomic
    def record_review(
        self,
        *,
        reviewed_on: datetime.date,
        still_fits: str = "",
        changes: str = "",
        **goal_changes,
    ) -> "GoalReview":
        """Record a review; it may also change the goal (status, target date, rhythm …).

        The next review moves to `reviewed_on` plus the (possibly new) rhythm.
        """
        review = GoalReview.objects.create(
            owner=self.owner,
            goal=self,
            reviewed_on=reviewed_on,
            still_fits=still_fits,
            changes=changes,
        )
        for field, value in goal_changes.items():
            setattr(self, field, value)
        # A review dated before an earlier one (filled in late) does not move the plan back.
        if self.last_reviewed_on is None or reviewed_on > self.last_reviewed_on:
            self.last_reviewed_on = reviewed_on
        self.save()
        return review

    def link_contact(self, contact, next_step: str = "") -> "GoalContact":
        link, created = GoalContact.objects.get_or_create(
            goal=self, contact=contact, defaults={"owner": self.owner, "next_step": next_step}
        )
        if not created and next_step:
            link.next_step = next_step
            link.save(update_fields=["next_step"])
        return link


class GoalContactQuerySet(OwnedQuerySet):
    def by_goal_title(self) -> "GoalContactQuerySet":
        """With their goals, for a contact's page."""
        return self.select_related("goal").order_by("goal__title")


class GoalContact(models.Model):
    """A contact who matters for a goal, with the next step planned with them."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="contact_links")
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="goal_links"
    )
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = GoalContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact of a goal")
        verbose_name_plural = _("contacts of goals")
        ordering = ["goal_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint("goal", "contact", name="goal_contact_once"),
        ]

    def __str__(self) -> str:
        return f"{self.goal} · {self.contact}"

    def save(self, *args, **kwargs):
        # The owner is the goal's, so for_owner() can never disagree with the goal.
        self.owner_id = self.goal.owner_id
        return super().save(*args, **kwargs)


class GoalReview(models.Model):
    """ "Auf die Probe stellen": what still fits and what changes, at a point in time."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    still_fits = models.TextField(_("what still fits"), max_length=5000, blank=True)
    changes = models.TextField(_("what changes"), max_length=5000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal review")
        verbose_name_plural = _("goal reviews")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.goal} · {self.reviewed_on:%Y-%m-%d}"
