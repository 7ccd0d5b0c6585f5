import datetime

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Category, Contact, Interaction, InteractionKind
from netzwerk.owned import OwnedQuerySet


class EventQuerySet(OwnedQuerySet):
    def attended(self, since: datetime.date, until: datetime.date) -> "EventQuerySet":
        """Events in the past window; an event that has happened counts as attended."""
        return self.filter(date__gte=since, date__lte=until)


class Event(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strategy_events"
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    group = models.ForeignKey(
        "strategy.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("group"),
    )
    outside_bubble = models.BooleanField(_("outside my bubble"), default=False)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    # The one interaction (kind "event") that holds everybody met there.
    interaction = models.OneToOneField(
        "contacts.Interaction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="strategy_event",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["owner", "-date"], name="event_owner_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:event_detail", args=[self.pk])

    def people_met(self) -> list[Contact]:
        if self.interaction_id is None:
            return []
        return list(self.interaction.contacts.order_by("sort_name", "id"))

    @transaction.atomic
    def record_met(self, contacts=(), new_names=()) -> list[Contact]:
        """Log that these people were met here; new names become Pinguin contacts first.

        All of them share the event's one interaction, so "last contacted" and the timeline
        follow. A new name that is already among the people met here is that person, not a
        second contact. Returns the contacts created.
        """
        # The event's row is locked first: the same form sent twice at the same moment (a
        # double tap, a resend) waits here and then finds the names of the first one as
        # people met, instead of creating them again. No unique rule could decide this: two
        # people may share a name.
        locked = Event.objects.select_for_update().only("interaction").get(pk=self.pk)
        self.interaction_id = locked.interaction_id
        met_before = self.people_met()
        known = {(c.first_name.casefold(), c.last_name.casefold()): c for c in met_before}
        created, named = [], []
        for full_name in new_names:
            first, _space, last = " ".join(full_name.split()).rpartition(" ")
            first, last = (first, last) if first else (last, "")
            if (first.casefold(), last.casefold()) in known:
                named.append(known[first.casefold(), last.casefold()])
                continue
            contact = Contact(
                owner=self.owner,
                first_name=first,
                last_name=last,
                category=Category.PINGUIN,
                how_we_met=self.how_we_met_text(),
            )
            contact.save()
            created.append(contact)
        people = [*contacts, *named, *created]
        if not people:
            return created
        if self.interaction is None:
            self.interaction = Interaction.objects.create(
                owner=self.owner, kind=InteractionKind.EVENT, date=self.date, notes=self.title
            )
            self.save(update_fields=["interaction"])
        self.interaction.set_contacts(list({c.pk: c for c in [*met_before, *people]}.values()))
        return created

    @transaction.atomic
    def save_and_sync(self) -> None:
        """Save a change of title or date; the interaction of the people met follows."""
        self.save()
        if self.interaction is not None:
            self.interaction.date = self.date
            self.interaction.notes = self.title
            self.interaction.save_and_refresh()

    def how_we_met_text(self) -> str:
        where = f", {self.place}" if self.place else ""
        return f"{self.title}{where} ({self.date:%d.%m.%Y})"
