from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    """How much time a contact gets: a way to spend limited time, not a judgement of people."""

    EINHORN = "einhorn", pgettext_lazy("category", "Einhorn")
    FLAMINGO = "flamingo", pgettext_lazy("category", "Flamingo")
    PINGUIN = "pinguin", pgettext_lazy("category", "Pinguin")

    @property
    def emoji(self) -> str:
        return {"einhorn": "🦄", "flamingo": "🦩", "pinguin": "🐧"}[self.value]


class AddressForm(models.TextChoices):
    """How a message drafted by the app addresses the person (German has two forms)."""

    DU = "du", pgettext_lazy("address form", "du (informal)")
    SIE = "sie", pgettext_lazy("address form", "Sie (formal)")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    WISH = "wish", _("Wish contact")
    ARCHIVED = "archived", _("Archived")


class Channel(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    XING = "xing", "Xing"
    RESEARCHGATE = "researchgate", "ResearchGate"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X"
    MASTODON = "mastodon", "Mastodon"
    WEBSITE = "website", _("Website")
    OTHER = "other", _("Other")


class InteractionKind(models.TextChoices):
    COFFEE = "coffee", _("Coffee")
    LUNCH = "lunch", _("Lunch")
    CALL = "call", _("Call")
    MESSAGE = "message", _("Message")
    MEETING = "meeting", _("Meeting")
    EVENT = "event", _("Event")
    OTHER = "other", _("Other")

    @property
    def emoji(self) -> str:
        return {
            "coffee": "☕",
            "lunch": "🍽️",
            "call": "📞",
            "message": "✉️",
            "meeting": "🤝",
            "event": "🎤",
            "other": "✳️",
        }[self.value]
