from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalKind(models.TextChoices):
    EXPERT = "expert", _("Recognised expert")
    CAREER = "career", _("Career step")
    CLIENTS = "clients", _("New clients")
    JOB_SEARCH = "job_search", _("Job search")
    OTHER = "other", _("Other")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    REACHED = "reached", _("Reached")
    DROPPED = "dropped", _("Dropped")


class Platform(models.TextChoices):
    XING = "xing", "Xing"
    LINKEDIN = "linkedin", "LinkedIn"
    RESEARCHGATE = "researchgate", "ResearchGate"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X"
    MASTODON = "mastodon", "Mastodon"
    YOUTUBE = "youtube", "YouTube"
    NEWSLETTER = "newsletter", _("Own newsletter or blog")
    OTHER = "other", _("Other")


class GroupKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    CLUB = "club", _("Club")
    CHAMBER = "chamber", _("Chamber (IHK, Handwerkskammer)")
    WORKING_GROUP = "working_group", _("Working group")
    STAMMTISCH = "stammtisch", _("Stammtisch")
    ONLINE = "online", _("Online group")
    OTHER = "other", _("Other")


class Engagement(models.TextChoices):
    """How much of yourself you put into a group, from looking on to giving talks."""

    WATCHING = "watching", _("Watching")
    ATTENDING = "attending", _("Attending")
    MEMBER = "member", _("Member")
    ACTIVE = "active", _("Active")
    SPEAKING = "speaking", _("Giving talks")

    @property
    def level(self) -> int:
        return list(Engagement).index(self) + 1
