from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import RequestPrep

# Each answer continues a sentence of the draft; the placeholder shows its start.
SENTENCE_STARTS = {
    "does_today": _("I saw that you …"),
    "shared": _("We share …"),
    "fascinates": _("What fascinates me about your path: …"),
    "hope_for": _("I would be glad …"),
}


class RequestPrepForm(forms.ModelForm):
    class Meta:
        model = RequestPrep
        fields = ["does_today", "shared", "fascinates", "hope_for"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, start in SENTENCE_STARTS.items():
            self.fields[name].widget = forms.Textarea(attrs={"rows": 2, "placeholder": start})
            self.fields[name].help_text = _("Continues the sentence “%(start)s”") % {"start": start}


class RequestStageForm(forms.Form):
    stage = forms.ChoiceField(choices=[("sent", _("Request sent")), ("connected", _("Connected"))])
