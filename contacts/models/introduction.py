import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from netzwerk.owned import OwnedQuerySet

from .. import extensions
from .pairs import merge_pair_rows
from .voice import Phrase, Voice, voice_for

# The double opt-in message, in the language and address form of the person asked.
INTRODUCE = Phrase(
    pgettext_lazy("du", "I would like to introduce you to %(other)s."),
    pgettext_lazy("Sie", "I would like to introduce you to %(other)s."),
)
WHY = Phrase(
    pgettext_lazy("du", "I think you two should meet: %(why)s"),
    pgettext_lazy("Sie", "I think you two should meet: %(why)s"),
)
ASK = Phrase(
    pgettext_lazy(
        "du",
        "Would that be all right with you? If so, I will ask %(other)s too and then "
        "bring you together by email.",
    ),
    pgettext_lazy(
        "Sie",
        "Would that be all right with you? If so, I will ask %(other)s too and then "
        "bring you together by email.",
    ),
)
SIGNED = gettext_lazy("Best wishes")


class IntroductionStatus(models.TextChoices):
    IDEA = "idea", gettext_lazy("Idea")
    MADE = "made", gettext_lazy("Made")
    FRUITFUL = "fruitful", gettext_lazy("Led somewhere")


class IntroductionQuerySet(OwnedQuerySet):
    def involving(self, contact) -> "IntroductionQuerySet":
        return self.filter(Q(contact_a=contact) | Q(contact_b=contact))


class Introduction(models.Model):
    """Two contacts who should meet, or were introduced: why, when, and what came of it.

    The pair is stored with the smaller id as contact_a, so A↔B and B↔A are one row.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions"
    )
    contact_a = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("person A"),
    )
    contact_b = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("person B"),
    )
    why = models.TextField(gettext_lazy("why they should meet"), max_length=2000, blank=True)
    status = models.CharField(
        gettext_lazy("status"),
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.IDEA,
    )
    made_on = models.DateField(gettext_lazy("introduced on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("introduction")
        verbose_name_plural = gettext_lazy("introductions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "owner", "contact_a", "contact_b", name="introduction_pair_once"
            ),
            models.CheckConstraint(
                condition=Q(contact_a__lt=models.F("contact_b")),
                name="introduction_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_a} ↔ {self.contact_b}"

    def save(self, *args, **kwargs):
        if self.contact_a_id and self.contact_b_id and self.contact_a_id > self.contact_b_id:
            self.contact_a, self.contact_b = self.contact_b, self.contact_a
        if self.status != IntroductionStatus.IDEA and self.made_on is None:
            self.made_on = timezone.localdate()
        return super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("contacts:introduction_detail", args=[self.pk])

    @classmethod
    def merge_contact_rows(cls, survivor, other) -> None:
        """Merging two contacts (contacts/merging.py): the other's introductions become the
        survivor's; one between the two is deleted, and where both were to be introduced to
        the same person, the survivor's introduction is kept."""
        merge_pair_rows(cls._base_manager.filter(owner_id=survivor.owner_id), survivor, other)

    @property
    def status_choice(self) -> IntroductionStatus:
        return IntroductionStatus(self.status)

    def other(self, contact):
        return self.contact_b if contact.pk == self.contact_a_id else self.contact_a

    @transaction.atomic
    def mark_made(self, on: datetime.date | None = None) -> None:
        """The introduction happened: date it, and let the apps above follow it up
        (reminders plans to ask later how it went)."""
        self.status = IntroductionStatus.MADE
        self.made_on = on or timezone.localdate()
        self.save(update_fields=["status", "made_on", "updated_at"])
        for handler in extensions.introduction_made:
            handler(self)

    def mark_fruitful(self) -> None:
        self.status = IntroductionStatus.FRUITFUL
        self.save(update_fields=["status", "made_on", "updated_at"])

    def opt_in_drafts(self, sender: str, default_language: str) -> list[tuple[object, Voice, str]]:
        """The two double-opt-in messages: each side is asked first, before names go out,
        each in their own language and form of address."""
        drafts = []
        for to, other in ((self.contact_a, self.contact_b), (self.contact_b, self.contact_a)):
            voice = voice_for(to, default_language)
            drafts.append((to, voice, opt_in_message(to, other, self.why, sender, voice)))
        return drafts


def describe(contact) -> str:
    """“Name (role, company)” for a message."""
    detail = ", ".join(part for part in (contact.role, contact.company) if part)
    return f"{contact.name} ({detail})" if detail else contact.name


def opt_in_message(to, other, why: str, sender: str, voice: Voice) -> str:
    lines = [
        voice.greet(to),
        "",
        voice.say(INTRODUCE, other=describe(other)),
    ]
    if why.strip():
        lines.append(voice.say(WHY, why=why.strip()))
    lines += [
        voice.say(ASK, other=voice.name(other)),
        "",
        voice.say(SIGNED),
        sender,
    ]
    return "\n".join(lines).strip()
