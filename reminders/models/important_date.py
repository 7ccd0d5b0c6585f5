import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contacts.yearly import day_runs_between, next_occurrence
from netzwerk.owned import OwnedQuerySet


class DateKind(models.TextChoices):
    WORK_ANNIVERSARY = "work", _("Company anniversary")
    FOUNDING = "founding", _("Founding day")
    WEDDING = "wedding", _("Wedding anniversary")
    NAME_DAY = "nameday", _("Name day")
    OTHER = "other", _("Other")


class ImportantDateQuerySet(OwnedQuerySet):
    def between(self, start: datetime.date, end: datetime.date) -> "ImportantDateQuerySet":
        """Dates celebrated between the two days, both included (29 Feb on 28 Feb)."""
        runs = day_runs_between(start, end)
        if not runs:
            return self.none()
        match = Q()
        for month, first, last in runs:
            match |= Q(month=month, day__gte=first, day__lte=last)
        return self.filter(match)


class ImportantDate(models.Model):
    """A yearly date of a contact other than the birthday (which lives on the contact)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="important_dates"
    )
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="important_dates"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DateKind.choices)
    label = models.CharField(_("label"), max_length=100, blank=True)
    day = models.PositiveSmallIntegerField(_("day"))
    month = models.PositiveSmallIntegerField(_("month"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    objects = ImportantDateQuerySet.as_manager()

    class Meta:
        ordering = ["month", "day", "id"]
        verbose_name = _("important date")
        verbose_name_plural = _("important dates")
        indexes = [models.Index(fields=["owner", "month", "day"], name="important_date_owner_md")]
        constraints = [
            models.CheckConstraint(condition=Q(month__range=(1, 12)), name="important_date_month"),
            models.CheckConstraint(condition=Q(day__range=(1, 31)), name="important_date_day"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.label or str(self.get_kind_display())

    def clean(self) -> None:
        try:
            # Leap year 2000 when no year is given, so 29 February is allowed.
            datetime.date(self.year or 2000, self.month, self.day)
        except (TypeError, ValueError):
            raise ValidationError({"day": _("This day does not exist in that month.")}) from None

    @property
    def as_date(self) -> datetime.date:
        """The date for display; without a year it falls in leap year 2000 (29 Feb works)."""
        return datetime.date(self.year or 2000, self.month, self.day)

    def next_on(self, on_or_after: datetime.date) -> datetime.date:
        return next_occurrence(self.month, self.day, on_or_after)

    def years_on(self, day: datetime.date) -> int | None:
        """How many years it will be on that day (the 10th company anniversary), if known."""
        return day.year - self.year if self.year else None
