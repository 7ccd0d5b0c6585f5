import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk.owned import OwnedQuerySet

from .choices import Status

# LinkedIn allows this many characters in the note of a connection request.
LINKEDIN_NOTE_LIMIT = 300


# What a merge of two contacts takes from the other's prep where the survivor's is empty.
MERGED_FIELDS = ("does_today", "shared", "fascinates", "hope_for", "requested_on", "connected_on")


class RequestStage(models.TextChoices):
    WISH = "wish", gettext_lazy("Wish")
    SENT = "sent", gettext_lazy("Request sent")
    CONNECTED = "connected", gettext_lazy("Connected")


class RequestPrep(models.Model):
    """The four questions before a contact request, and the request's way to a connection."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.CASCADE, related_name="request_prep"
    )
    does_today = models.TextField(
        gettext_lazy("What does this person do today?"), max_length=1000, blank=True
    )
    shared = models.TextField(gettext_lazy("What do we share?"), max_length=1000, blank=True)
    fascinates = models.TextField(
        gettext_lazy("What fascinates me about their path?"), max_length=1000, blank=True
    )
    hope_for = models.TextField(gettext_lazy("What do I hope for?"), max_length=1000, blank=True)
    requested_on = models.DateField(gettext_lazy("request sent on"), null=True, blank=True)
    connected_on = models.DateField(gettext_lazy("connected on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("request preparation")
        verbose_name_plural = gettext_lazy("request preparations")

    def __str__(self) -> str:
        return str(self.contact)

    def save(self, *args, **kwargs):
        self.owner_id = self.contact.owner_id
        return super().save(*args, **kwargs)

    @classmethod
    def merge_contact_rows(cls, survivor, other) -> None:
        """Merging two contacts (contacts/merging.py): one prep for the survivor, each answer
        and date from the survivor's prep, or from the other's where the survivor's is empty."""
        preps = {p.contact_id: p for p in cls._base_manager.filter(contact__in=[survivor, other])}
        kept, absorbed = preps.get(survivor.pk), preps.get(other.pk)
        if absorbed is None:
            return
        if kept is None:
            cls._base_manager.filter(pk=absorbed.pk).update(contact=survivor)
            return
        for field in MERGED_FIELDS:
            if not getattr(kept, field):
                setattr(kept, field, getattr(absorbed, field))
        absorbed.delete()
        kept.save(update_fields=[*MERGED_FIELDS, "updated_at"])

    @property
    def stage(self) -> RequestStage:
        if self.connected_on:
            return RequestStage.CONNECTED
        if self.requested_on:
            return RequestStage.SENT
        return RequestStage.WISH

    @property
    def answered(self) -> bool:
        return any((self.does_today, self.shared, self.fascinates, self.hope_for))

    def draft_message(self, sender: str) -> str:
        """A personal request message built from the four answers, to edit and copy."""
        contact = self.contact
        lines = [_("Hello %(name)s,") % {"name": contact.first_name or contact.name}]
        sentences = []
        if self.does_today.strip():
            sentences.append(_("I saw that you %(text)s.") % {"text": _clean(self.does_today)})
        if self.shared.strip():
            sentences.append(_("We share %(text)s.") % {"text": _clean(self.shared)})
        if self.fascinates.strip():
            sentences.append(
                _("What fascinates me about your path: %(text)s.")
                % {"text": _clean(self.fascinates)}
            )
        if self.hope_for.strip():
            sentences.append(_("I would be glad %(text)s.") % {"text": _clean(self.hope_for)})
        lines.append(" ".join(sentences) or _("I would be glad to connect with you."))
        lines.append(_("Best wishes, %(sender)s") % {"sender": sender})
        return "\n".join(lines)

    @transaction.atomic
    def mark_sent(self, on: datetime.date | None = None) -> None:
        self.requested_on = on or timezone.localdate()
        self.save()

    @transaction.atomic
    def mark_connected(self, on: datetime.date | None = None) -> None:
        """The request was accepted: the wish contact becomes an active one."""
        self.connected_on = on or timezone.localdate()
        self.requested_on = self.requested_on or self.connected_on
        self.save()
        contact = self.contact
        if contact.status == Status.WISH:
            contact.status = Status.ACTIVE
            contact.save(update_fields=["status", "updated_at"])


def _clean(text: str) -> str:
    """An answer as part of a sentence: one line, no trailing full stop."""
    return " ".join(text.split()).rstrip(".!")
