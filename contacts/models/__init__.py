from .choices import Category, Channel, InteractionKind, Status
from .contact import Contact, ContactQuerySet, ProfileLink
from .interaction import Interaction
from .tag import Tag

__all__ = [
    "Category",
    "Channel",
    "Contact",
    "ContactQuerySet",
    "Interaction",
    "InteractionKind",
    "ProfileLink",
    "Status",
    "Tag",
]
