from .choices import Category, Channel, InteractionKind, Status
from .contact import Contact, ContactQuerySet, ProfileLink
from .duplicate import NotDuplicate
from .forgotten import ForgottenPerson, IdentifierKind
from .help import HelpDirection, HelpEntry, HelpKind
from .interaction import Interaction
from .introduction import Introduction, IntroductionStatus
from .request_prep import LINKEDIN_NOTE_LIMIT, RequestPrep, RequestStage
from .submission import Submission
from .tag import Tag

__all__ = [
    "LINKEDIN_NOTE_LIMIT",
    "Category",
    "Channel",
    "Contact",
    "ContactQuerySet",
    "ForgottenPerson",
    "HelpDirection",
    "HelpEntry",
    "HelpKind",
    "IdentifierKind",
    "Interaction",
    "InteractionKind",
    "Introduction",
    "IntroductionStatus",
    "NotDuplicate",
    "ProfileLink",
    "RequestPrep",
    "RequestStage",
    "Status",
    "Submission",
    "Tag",
]
