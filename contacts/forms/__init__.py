from .contact import ContactForm
from .filters import ContactFilterForm
from .interaction import InteractionForm, QuickLogForm
from .tag import TagForm
from .triage import CategoryForm, TriageForm

__all__ = [
    "CategoryForm",
    "ContactFilterForm",
    "ContactForm",
    "InteractionForm",
    "QuickLogForm",
    "TagForm",
    "TriageForm",
]
