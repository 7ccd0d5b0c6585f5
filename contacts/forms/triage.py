from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Category


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)


class TriageForm(forms.Form):
    """What to do with one Pinguin: place it, keep it a Pinguin, or archive it."""

    KEEP = "keep"
    ARCHIVE = "archive"
    action = forms.ChoiceField(
        choices=[
            (Category.EINHORN.value, Category.EINHORN.label),
            (Category.FLAMINGO.value, Category.FLAMINGO.label),
            (KEEP, _("Still Pinguin")),
            (ARCHIVE, _("Archive")),
        ]
    )

    def outcome(self, contact) -> str:
        """What happened, in words, for the toast after a tap."""
        action = self.cleaned_data["action"]
        if action == self.KEEP:
            return _("%(name)s stays a Pinguin for now.") % {"name": contact.name}
        if action == self.ARCHIVE:
            return _("%(name)s was archived.") % {"name": contact.name}
        return _("%(name)s is now: %(category)s") % {
            "name": contact.name,
            "category": contact.get_category_display(),
        }

    def apply(self, contact) -> None:
        action = self.cleaned_data["action"]
        if action == self.KEEP:
            contact.keep_as_pinguin()
        elif action == self.ARCHIVE:
            contact.archive()
        else:
            contact.set_category(action)
