from .choices import AddressForm, Category, Channel, InteractionKind, Status
from .contact import Contact, ContactQuerySet, ProfileLink
from .duplicate import NotDuplicate
from .forgotten import ForgottenPerson, IdentifierKind
from .help import HelpDirection, HelpEntry, HelpKind
from .import_batch import ColumnMapping, ImportBatch, ImportState, RowChoice
from .interaction import Interaction, InteractionContact, Occasion
from .introduction import Introduction, IntroductionStatus
from .request_prep import LINKEDIN_NOTE_LIMIT, RequestPrep, RequestStage
from .search import ContactSearch
from .submission import Submission
from .tag import ContactMark, Tag

__all__ = [
    "AddressForm",
    "LINKEDIN_NOTE_LIMIT",
    "Category",
    "Channel",
    "ColumnMapping",
    "Contact",
    "ContactMark",
    "ContactQuerySet",
    "ContactSearch",
    "ForgottenPerson",
    "HelpDirection",
    "HelpEntry",
    "HelpKind",
    "IdentifierKind",
    "ImportBatch",
    "ImportState",
    "Interaction",
    "InteractionContact",
    "InteractionKind",
    "Introduction",
    "IntroductionStatus",
    "NotDuplicate",
    "Occasion",
    "ProfileLink",
    "RequestPrep",
    "RequestStage",
    "RowChoice",
    "Status",
    "Submission",
    "Tag",
]
