import calendar
import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts.extensions import Consequence
from netzwerk.dates import LATEST
from netzwerk.owned import OwnedQuerySet

# Three weeks give two people introduced to each other time to meet before the owner asks
# how it went.
ASK_HOW_IT_WENT_AFTER = datetime.timedelta(days=21)
# As long as a contact's name may be: first and last name with a space between.
TOPIC_NAME_LENGTH = 201


class Repeat(models.TextChoices):
    NONE = "", _("once")
    WEEKLY = "weekly", _("every week")
    MONTHLY = "monthly", _("every month")
    QUARTERLY = "quarterly", _("every quarter")
    YEARLY = "yearly", _("every year")


class Topic(models.TextChoices):
    """What a follow-up the app plans itself is about. Its text is written when shown, in the
    reader's language, so it is stored as a code and the name it mentions."""

    INTRODUCTION = "introduction", _("Ask how an introduction went")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def next_due(due_on: datetime.date, repeat: str) -> datetime.date:
    if repeat == Repeat.WEEKLY:
        return due_on + datetime.timedelta(weeks=1)
    months = {Repeat.MONTHLY: 1, Repeat.QUARTERLY: 3, Repeat.YEARLY: 12}[Repeat(repeat)]
    return add_months(due_on, months)


class FollowUpQuerySet(OwnedQuerySet):
    def open(self) -> "FollowUpQuerySet":
        return self.filter(done_at__isnull=True)

    def due(self, on: datetime.date) -> "FollowUpQuerySet":
        """Open follow-ups due on or before this day, oldest first."""
        return self.open().filter(due_on__lte=on).order_by("due_on", "id")

    def between(self, start: datetime.date, end: datetime.date) -> "FollowUpQuerySet":
        return self.open().filter(due_on__range=(start, end)).order_by("due_on", "id")

    def in_section(self, section: str, today: datetime.date) -> "FollowUpQuerySet":
        """One group of the follow-ups page: overdue, today, week (the next six days), later."""
        week_end = today + datetime.timedelta(days=6)
        days = {
            "overdue": {"due_on__lt": today},
            "today": {"due_on": today},
            "week": {"due_on__gt": today, "due_on__lte": week_end},
            "later": {"due_on__gt": week_end},
        }[section]
        return self.open().filter(**days)

    def done(self) -> "FollowUpQuerySet":
        return self.filter(done_at__isnull=False).order_by("-done_at", "-id")

    def create_for_interaction(self, interaction, due_on: datetime.date) -> list["FollowUp"]:
        """One follow-up per person of the interaction ("follow up in 2 weeks")."""
        return self.bulk_create(
            [
                FollowUp(
                    owner_id=interaction.owner_id,
                    contact_id=contact_id,
                    due_on=due_on,
                    interaction=interaction,
                    note=interaction.notes[:500].split("\n", 1)[0],
                )
                for contact_id in interaction.contacts.values_list("pk", flat=True)
            ]
        )

    def deleted_with(self, interaction) -> Consequence | None:
        """The open follow-ups planned while logging this interaction go when it goes: they
        were about the entry being deleted. Done ones stay as they are, with their history."""
        planned = list(
            self.filter(interaction=interaction).open().select_related("contact").order_by("pk")
        )
        if not planned:
            return None
        sentences = [
            (
                gettext("The follow-up “%(note)s” with %(name)s, due %(date)s, is deleted too.")
                if follow_up.note
                else gettext("The follow-up with %(name)s, due %(date)s, is deleted too.")
            )
            % {
                "note": follow_up.note,
                "name": follow_up.contact.name,
                "date": date_format(follow_up.due_on, "DATE_FORMAT"),
            }
            for follow_up in planned
        ]
        return Consequence(sentences, lambda: self.filter(pk__in=[f.pk for f in planned]).delete())

    def ask_how_introduction_went(self, introduction) -> "FollowUp":
        """The follow-up for an introduction just made: due three weeks later, on person A,
        to ask how it went. Marking the same introduction made twice on one day creates no
        second one."""
        made_on = introduction.made_on or timezone.localdate()
        follow_up, _created = self.get_or_create(
            owner=introduction.owner,
            contact=introduction.contact_a,
            due_on=made_on + ASK_HOW_IT_WENT_AFTER,
            topic=Topic.INTRODUCTION,
            topic_name=introduction.contact_b.name[:TOPIC_NAME_LENGTH],
            done_at__isnull=True,
        )
        return follow_up


class FollowUp(models.Model):
    """A promise to get back to someone by a day, optionally repeating."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_ups"
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("contact"),
    )
    due_on = models.DateField(_("due on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    topic = models.CharField(max_length=20, choices=Topic.choices, blank=True, editable=False)
    topic_name = models.CharField(max_length=TOPIC_NAME_LENGTH, blank=True, editable=False)
    repeat = models.CharField(
        _("repeat"), max_length=10, choices=Repeat.choices, default=Repeat.NONE, blank=True
    )
    done_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The interaction it was created from, if any ("follow up in 2 weeks").
    interaction = models.ForeignKey(
        "contacts.Interaction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            models.Index(
                fields=["owner", "due_on"],
                condition=models.Q(done_at__isnull=True),
                name="followup_open_due",
            ),
            # The done list pages newest first; done ones pile up for years.
            models.Index(
                models.F("owner"),
                models.F("done_at").desc(),
                models.F("id").desc(),
                condition=models.Q(done_at__isnull=False),
                name="followup_done_recent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.due_on:%Y-%m-%d} {self.text[:40]}"

    @property
    def topic_text(self) -> str:
        if self.topic == Topic.INTRODUCTION:
            return gettext("Ask how the introduction to %(other)s went") % {
                "other": self.topic_name
            }
        return ""

    @property
    def text(self) -> str:
        """What the follow-up is about: the user's note, or else what the app planned."""
        return self.note or self.topic_text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def days_overdue(self, today: datetime.date) -> int:
        """Days past due (0 on the day, negative before it)."""
        return (today - self.due_on).days

    @transaction.atomic
    def mark_done(self, today: datetime.date) -> "FollowUp | None":
        """Close it; a repeating one comes back at its next date after today. Idempotent."""
        updated = FollowUp.objects.filter(pk=self.pk, done_at__isnull=True).update(
            done_at=timezone.now()
        )
        self.refresh_from_db(fields=["done_at"])
        if not updated or not self.repeat:
            return None
        due = next_due(self.due_on, self.repeat)
        while due <= today:
            due = next_due(due, self.repeat)
        return FollowUp.objects.create(
            owner_id=self.owner_id,
            contact_id=self.contact_id,
            due_on=due,
            note=self.note,
            topic=self.topic,
            topic_name=self.topic_name,
            repeat=self.repeat,
        )

    def snooze(self, today: datetime.date, days: int = 7) -> None:
        """Push it `days` past today (or past its due day if that is later).

        A due day stored before forms bounded the year (9999-12-31) moves from LATEST, so
        the sum cannot overflow."""
        self.due_on = min(max(self.due_on, today), LATEST) + datetime.timedelta(days=days)
        self.save(update_fields=["due_on"])
