import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.dates import SaneDatesMixin

from ..models import HelpEntry, HelpKind


class HelpEntryForm(SaneDatesMixin, forms.ModelForm):
    class Meta:
        model = HelpEntry
        fields = ["direction", "kind", "date", "note"]
        widgets = {
            "direction": forms.RadioSelect,
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.TextInput(attrs={"placeholder": _("e.g. sent my notes on pricing")}),
        }

    def __init__(self, *args, contact=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact = contact
        self.fields["kind"].choices = HelpKind.choices
        self.fields["date"].required = False

    def clean_date(self):
        date = self.cleaned_data.get("date") or timezone.localdate()
        if date > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("This date lies in the future."))
        return date

    def save(self, commit: bool = True) -> HelpEntry:
        entry = super().save(commit=False)
        if self.contact is not None:
            entry.contact = self.contact
            entry.owner_id = self.contact.owner_id
        entry.save()
        return entry
