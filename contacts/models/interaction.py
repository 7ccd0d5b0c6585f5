from django.conf import settings
from django.db import models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

from .choices import InteractionKind


class Occasion(models.TextChoices):
    """What an interaction the app logged itself was about. Its text is written when shown,
    in the reader's language and date format, so it is stored as a code and a date."""

    CONGRATULATED = "congratulated", _("Congratulated")


class InteractionQuerySet(OwnedQuerySet):
    def timeline(self) -> "InteractionQuerySet":
        return self.order_by("-date", "-id").prefetch_related("contacts")


class Interaction(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interactions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=InteractionKind.choices)
    date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices, blank=True)
    occasion_on = models.DateField(_("day of the occasion"), null=True, blank=True)
    contacts = models.ManyToManyField(
        "contacts.Contact",
        related_name="interactions",
        verbose_name=_("people"),
        through="contacts.InteractionContact",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [models.Index(fields=["owner", "-date"], name="interaction_owner_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        """Save; the people's links carry the date along (InteractionContact)."""
        super().save(*args, **kwargs)
        if getattr(self, "_saved_date", self.date) != self.date:
            InteractionContact.objects.filter(interaction=self).update(date=self.date)
        self._saved_date = self.date

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_date = instance.__dict__.get("date")
        return instance

    @property
    def kind_choice(self) -> InteractionKind:
        return InteractionKind(self.kind)

    @property
    def occasion_text(self) -> str:
        if not self.occasion:
            return ""
        if self.occasion == Occasion.CONGRATULATED and self.occasion_on:
            return gettext("Congratulated (%(date)s)") % {
                "date": date_format(self.occasion_on, "DATE_FORMAT")
            }
        return str(Occasion(self.occasion).label)

    @property
    def text(self) -> str:
        """What the timeline shows: the app's own note, then what the user wrote."""
        return "\n".join(part for part in (self.occasion_text, self.notes) if part)

    def refresh_contacts(self, contact_ids) -> None:
        """The derived fields of these people: last contact and search text."""
        from .contact import Contact

        affected = Contact.objects.filter(pk__in=contact_ids)
        affected.refresh_last_contacted()
        affected.rebuild_search_text()

    @transaction.atomic
    def set_contacts(self, contacts) -> None:
        """Link exactly these contacts, keeping their "last contacted" and search text right."""
        before = set(self.contacts.values_list("pk", flat=True))
        self.contacts.set(contacts, through_defaults={"date": self.date})
        self.refresh_contacts(before | {c.pk for c in contacts})

    @transaction.atomic
    def save_and_refresh(self) -> None:
        """Save a change of date or notes and refresh the derived fields of its contacts."""
        self.save()
        self.refresh_contacts(list(self.contacts.values_list("pk", flat=True)))

    @transaction.atomic
    def delete(self, *args, **kwargs):
        contact_ids = list(self.contacts.values_list("pk", flat=True))
        result = super().delete(*args, **kwargs)
        self.refresh_contacts(contact_ids)
        return result


class InteractionContact(models.Model):
    """One person of an interaction, with the interaction's date copied beside the link, so
    that counting a person's interactions of some months reads the links alone (the
    strategy overview counts its goals' contacts' interactions per month). Interaction.save()
    keeps the date; a restore sets it again from the interactions."""

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="+", verbose_name=_("interaction")
    )
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="+", verbose_name=_("contact")
    )
    date = models.DateField(_("date"))

    class Meta:
        # The table Django made for the many-to-many field before the date came beside it.
        db_table = "contacts_interaction_contacts"
        unique_together = [("interaction", "contact")]
        indexes = [
            models.Index(fields=["contact", "date", "interaction"], name="interaction_link_date")
        ]
        verbose_name = _("person of an interaction")
        verbose_name_plural = _("people of interactions")

    def __str__(self) -> str:
        return f"{self.interaction_id} · {self.contact_id}"

    def save(self, *args, **kwargs):
        """Save one link by itself (the admin's inline rows), dated as its interaction; the
        app's own links come from Interaction.set_contacts()."""
        self.date = self.interaction.date
        super().save(*args, **kwargs)

    @classmethod
    def rebuilt_after_restore(cls, user) -> None:
        """Each link's date from its interaction, whatever the backup said."""
        dates = Interaction.objects.filter(pk=models.OuterRef("interaction_id")).values("date")
        cls.objects.filter(interaction__owner=user).update(date=models.Subquery(dates[:1]))
