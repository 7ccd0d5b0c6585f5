import datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from netzwerk.owned import OwnedQuerySet

from .choices import Status
from .voice import Phrase, Voice

# LinkedIn allows this many characters in the note of a connection request.
LINKEDIN_NOTE_LIMIT = 300


# A draft the user edits may grow past LinkedIn's limit; it is still kept.
DRAFT_LENGTH = 5000

# Each answer completes a sentence of the draft, in the contact's language and address form;
# the form shows the sentence's start and an example answer in that language.
SENTENCES = {
    "does_today": Phrase(
        pgettext_lazy("du", "I saw that you are %(text)s."),
        pgettext_lazy("Sie", "I saw that you are %(text)s."),
    ),
    "shared": Phrase(
        pgettext_lazy("du", "We share %(text)s."), pgettext_lazy("Sie", "We share %(text)s.")
    ),
    "fascinates": Phrase(
        pgettext_lazy("du", "What fascinates me about your path: %(text)s."),
        pgettext_lazy("Sie", "What fascinates me about your path: %(text)s."),
    ),
    "hope_for": Phrase(
        pgettext_lazy("du", "I would be glad %(text)s."),
        pgettext_lazy("Sie", "I would be glad %(text)s."),
    ),
}
EXAMPLES = {
    "does_today": gettext_lazy("head of the newsroom at a daily paper"),
    "shared": gettext_lazy("a love of long reads"),
    "fascinates": gettext_lazy("the move from radio to print"),
    "hope_for": gettext_lazy("to talk about data journalism some time"),
}
NOTHING_ANSWERED = Phrase(
    pgettext_lazy("du", "I would be glad to connect with you."),
    pgettext_lazy("Sie", "I would be glad to connect with you."),
)
SIGNED = gettext_lazy("Best wishes, %(sender)s")

# What a merge of two contacts takes from the other's prep where the survivor's is empty.
MERGED_FIELDS = (
    "does_today",
    "shared",
    "fascinates",
    "hope_for",
    "draft",
    "requested_on",
    "connected_on",
)


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
        gettext_lazy("What is this person's role today?"), max_length=1000, blank=True
    )
    shared = models.TextField(gettext_lazy("What do we share?"), max_length=1000, blank=True)
    fascinates = models.TextField(
        gettext_lazy("What fascinates me about their path?"), max_length=1000, blank=True
    )
    hope_for = models.TextField(gettext_lazy("What do I hope for?"), max_length=1000, blank=True)
    # The message as the user edited it; empty while the draft is the one built from the
    # answers.
    draft = models.TextField(gettext_lazy("message"), max_length=DRAFT_LENGTH, blank=True)
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
        if not self._state.adding:
            return super().save(*args, **kwargs)
        # The first save of a contact's preparation, sent twice at once, is one row: the
        # request that loses writes its answers into the row that won.
        try:
            with transaction.atomic():
                return super().save(*args, **kwargs)
        except IntegrityError:
            self.pk = RequestPrep.objects.get(contact=self.contact).pk
            self._state.adding = False
            return super().save()

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

    def built_message(self, sender: str, voice: Voice) -> str:
        """A personal request message built from the four answers, in the contact's voice."""
        lines = [voice.greet(self.contact)]
        sentences = [
            voice.say(sentence, text=_clean(getattr(self, field)))
            for field, sentence in SENTENCES.items()
            if getattr(self, field).strip()
        ]
        lines.append(" ".join(sentences) or voice.say(NOTHING_ANSWERED))
        lines.append(voice.say(SIGNED, sender=sender))
        return "\n".join(lines)

    def draft_message(self, sender: str, voice: Voice) -> str:
        """The message to copy: the user's edited one, or else the one built from the answers."""
        return self.draft or self.built_message(sender, voice)

    def keep_draft(self, text: str, sender: str, voice: Voice) -> None:
        """Store the user's edit; a draft left as built stays unstored, so it follows the
        answers."""
        text = text.strip()
        built = self.built_message(sender, voice)
        self.draft = "" if _same_text(text, built) else text
        self.save()

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


def _same_text(one: str, other: str) -> bool:
    """The same words, whatever the line endings or spaces (a browser sends CRLF)."""
    return one.split() == other.split()


def _clean(text: str) -> str:
    """An answer as part of a sentence: one line, no trailing full stop."""
    return " ".join(text.split()).rstrip(".!")
