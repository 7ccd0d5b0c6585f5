import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.dates import SaneDatesMixin
from netzwerk.once import create_once

from ..models import Contact, Introduction, IntroductionStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IntroductionForm(SaneDatesMixin, forms.ModelForm):
    """A new introduction (an idea at first) between two of the owner's contacts."""

    contact_a = forms.ModelChoiceField(queryset=Contact.objects.none(), widget=forms.HiddenInput)
    contact_b = forms.ModelChoiceField(queryset=Contact.objects.none(), widget=forms.HiddenInput)

    class Meta:
        model = Introduction
        fields = ["contact_a", "contact_b", "why"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        for name in ("contact_a", "contact_b"):
            self.fields[name].queryset = Contact.objects.for_owner(owner)

    def clean(self):
        data = super().clean()
        a, b = data.get("contact_a"), data.get("contact_b")
        if a and b:
            if a == b:
                raise forms.ValidationError(_("Choose two different people."))
            # A pair is stored with the smaller id first (see Introduction).
            if a.pk > b.pk:
                data["contact_a"], data["contact_b"] = a, b = b, a
            known = Introduction.objects.for_owner(self.owner).filter(contact_a=a, contact_b=b)
            if known.exists():
                raise forms.ValidationError(_("These two are in your introductions already."))
        return data

    def validate_unique(self):
        # The owner is not a form field; clean() checks the pair for this owner instead.
        pass

    def save(self, commit: bool = True) -> Introduction:
        introduction = super().save(commit=False)
        introduction.owner = self.owner
        return create_once(
            introduction,
            lambda: Introduction.objects.for_owner(self.owner).get(
                contact_a=introduction.contact_a, contact_b=introduction.contact_b
            ),
        )


class IntroductionEditForm(SaneDatesMixin, forms.ModelForm):
    class Meta:
        model = Introduction
        fields = ["why", "made_on"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3}), "made_on": DATE_WIDGET}

    def clean_made_on(self):
        made_on = self.cleaned_data["made_on"]
        if made_on and made_on > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("This date lies in the future."))
        return made_on


class IntroductionProgressForm(forms.Form):
    """One tap moves an introduction on: made, led somewhere, or back to an idea."""

    progress = forms.ChoiceField(choices=IntroductionStatus.choices)

    def apply(self, introduction: Introduction) -> None:
        progress = self.cleaned_data["progress"]
        if progress == IntroductionStatus.MADE:
            introduction.mark_made()
        elif progress == IntroductionStatus.FRUITFUL:
            introduction.mark_fruitful()
        else:
            introduction.status = IntroductionStatus.IDEA
            introduction.made_on = None
            introduction.save(update_fields=["status", "made_on", "updated_at"])
