from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AddressForm, Contact, RequestPrep
from ..models.request_prep import DRAFT_LENGTH, EXAMPLES, SENTENCES
from ..models.voice import Voice, usual_voice


class VoiceForm(forms.ModelForm):
    """How the app's drafts write to this contact: "du" or "Sie", German or English."""

    class Meta:
        model = Contact
        fields = ["address_form", "message_language"]
        labels = {
            "address_form": _("Address them as"),
            "message_language": _("Write to them in"),
        }

    def __init__(self, *args, default_language: str, **kwargs):
        super().__init__(*args, **kwargs)
        # "As usual" names what it means for this contact today.
        usual = usual_voice(self.instance, default_language)
        self._usual_first("address_form", AddressForm.SIE if usual.formal else AddressForm.DU)
        self._usual_first("message_language", usual.language)
        self.fields["address_form"].help_text = _(
            "As usual: “du” once you have logged an interaction with them, “Sie” before."
        )

    def _usual_first(self, name: str, usual: str) -> None:
        field = self.fields[name]
        chosen = [(value, label) for value, label in field.choices if value]
        label = _("as usual: %(choice)s") % {"choice": dict(chosen)[usual]}
        field.choices = [("", label), *chosen]


class RequestPrepForm(forms.ModelForm):
    class Meta:
        model = RequestPrep
        fields = ["does_today", "shared", "fascinates", "hope_for"]

    def __init__(self, *args, voice: Voice, **kwargs):
        super().__init__(*args, **kwargs)
        # Each answer completes a sentence of the draft: the help shows that sentence and
        # the placeholder an example answer, both in the language the draft is written in.
        for name, sentence in SENTENCES.items():
            example = voice.say(EXAMPLES[name])
            self.fields[name].widget = forms.Textarea(attrs={"rows": 2, "placeholder": example})
            # "We share …" rather than "We share ….": the sentence continues with the answer.
            start = voice.say(sentence, text="…").replace("….", "…")
            self.fields[name].help_text = _("Completes: “%(sentence)s”") % {"sentence": start}


class DraftForm(forms.Form):
    draft = forms.CharField(
        label=_("Message for LinkedIn or Xing"),
        # The id the copy button and the error summary point to (partials/copy_text.html).
        widget=forms.Textarea(attrs={"id": "request-draft"}),
        max_length=DRAFT_LENGTH,
        required=False,
    )


class RequestStageForm(forms.Form):
    stage = forms.ChoiceField(choices=[("sent", _("Request sent")), ("connected", _("Connected"))])
