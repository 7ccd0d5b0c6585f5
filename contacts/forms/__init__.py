from .contact import ContactForm
from .filters import ContactFilterForm
from .help import HelpEntryForm
from .interaction import InteractionForm, QuickLogForm
from .introduction import IntroductionEditForm, IntroductionForm, IntroductionProgressForm
from .request_prep import DraftForm, RequestPrepForm, RequestStageForm, VoiceForm
from .tag import TagForm
from .triage import CategoryForm, TriageForm

__all__ = [
    "CategoryForm",
    "ContactFilterForm",
    "ContactForm",
    "DraftForm",
    "HelpEntryForm",
    "InteractionForm",
    "IntroductionEditForm",
    "IntroductionForm",
    "IntroductionProgressForm",
    "QuickLogForm",
    "RequestPrepForm",
    "RequestStageForm",
    "TagForm",
    "TriageForm",
    "VoiceForm",
]
