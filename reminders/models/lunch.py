import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact, Interaction, InteractionKind
from netzwerk.owned import OwnedQuerySet


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday and Sunday of the ISO week the day is in."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


class LunchNotYet(Exception):
    """A lunch whose day has not come cannot be marked done."""


class LunchStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class LunchQuerySet(OwnedQuerySet):
    def upcoming(self, today: datetime.date) -> "LunchQuerySet":
        return self.filter(status=LunchStatus.PLANNED, date__gte=today).order_by("date", "time")

    def past(self, today: datetime.date) -> "LunchQuerySet":
        """Lunches before today and every one that is done or cancelled, newest first."""
        return self.filter(
            models.Q(date__lt=today) | ~models.Q(status=LunchStatus.PLANNED)
        ).order_by("-date", "-time", "-id")

    def with_people(self) -> "LunchQuerySet":
        people = Contact.objects.only("id", "first_name", "last_name", "sort_name", "category")
        return self.prefetch_related(models.Prefetch("contacts", queryset=people))

    def in_week_of(self, day: datetime.date) -> "LunchQuerySet":
        """Planned and done lunches of that Monday-to-Sunday week (cancelled ones don't count)."""
        monday, sunday = week_of(day)
        return self.filter(date__range=(monday, sunday)).exclude(status=LunchStatus.CANCELLED)


class Lunch(models.Model):
    """#neverlunchalone: a lunch date with one or more people."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lunches"
    )
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LunchStatus.choices, default=LunchStatus.PLANNED
    )
    contacts = models.ManyToManyField(
        "contacts.Contact", related_name="lunches", verbose_name=_("people")
    )
    # The timeline entry logged when the lunch was marked done.
    interaction = models.OneToOneField(
        "contacts.Interaction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lunch",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = LunchQuerySet.as_manager()

    class Meta:
        ordering = ["date", "time", "id"]
        verbose_name = _("lunch")
        verbose_name_plural = _("lunches")
        indexes = [models.Index(fields=["owner", "date"], name="lunch_owner_date")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.place}"

    @transaction.atomic
    def mark_done(self, today: datetime.date | None = None):
        """Mark it done and log it as a lunch in the people's timelines; returns the interaction.

        Done twice, it logs once. A lunch planned for a later day than `today` is refused
        (LunchNotYet): the timeline never holds a future day, and moving the lunch to today
        without asking would change a date the person planned.
        """
        locked = Lunch.objects.select_for_update().get(pk=self.pk)
        if locked.status == LunchStatus.DONE and locked.interaction_id:
            return locked.interaction
        if today is not None and self.date > today:
            raise LunchNotYet(self.date)

        notes = self.place if not self.notes else f"{self.place}\n{self.notes}".strip()
        interaction = Interaction.objects.create(
            owner_id=self.owner_id, kind=InteractionKind.LUNCH, date=self.date, notes=notes
        )
        interaction.set_contacts(list(self.contacts.all()))
        self.status = LunchStatus.DONE
        self.interaction = interaction
        self.save(update_fields=["status", "interaction"])
        return interaction

    def cancel(self) -> None:
        self.status = LunchStatus.CANCELLED
        self.save(update_fields=["status"])

    @property
    def is_planned(self) -> bool:
        return self.status == LunchStatus.PLANNED

    @property
    def can_be_done(self) -> bool:
        """Planned and its day has come (in the user's time zone): it can be marked done."""
        return self.is_planned and self.date <= timezone.localdate()

    @property
    def people(self) -> list:
        """The guests in name order (from the prefetch cache when there is one)."""
        return sorted(self.contacts.all(), key=lambda c: (c.sort_name, c.pk))

    def starts_at(self, zone) -> datetime.datetime | None:
        """The aware start time in the given zone, or None for a lunch without a time."""
        if self.time is None:
            return None
        return datetime.datetime.combine(self.date, self.time, tzinfo=zone)
