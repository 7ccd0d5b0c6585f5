from django import forms
from django.utils.translation import gettext_lazy as _

from .addresses import UnsafeURL, resolve
from .models import Endpoint, Event


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=1000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://example.org/netzwerk-hook"}),
        help_text=_("Receives a signed JSON POST for each event; only public addresses."),
    )
    events = forms.MultipleChoiceField(
        label=_("Send when"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Endpoint
        fields = ["url", "events", "enabled"]

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = owner
        if not self.instance.pk:
            del self.fields["enabled"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            resolve(url)
        except UnsafeURL as error:
            raise forms.ValidationError(str(error)) from error
        return url
