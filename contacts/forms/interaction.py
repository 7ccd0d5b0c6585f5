import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.dates import SaneDatesMixin
from netzwerk.fields import IdsChoiceField

from ..models import Contact, Interaction, InteractionKind
from .people import PeopleFormMixin


def validate_not_in_future(value: datetime.date) -> None:
    # One day of slack: the user's "today" may be ahead of the server's.
    if value > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError(_("An interaction cannot lie in the future."))


class QuickLogForm(SaneDatesMixin, forms.Form):
    """Log with one tap: each kind is its own submit button; the date defaults to today."""

    kind = forms.ChoiceField(label=_("What"), choices=InteractionKind.choices)
    date = forms.DateField(
        label=_("When"),
        required=False,
        validators=[validate_not_in_future],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("What did you talk about?")}),
    )

    def clean_date(self):
        return self.cleaned_data.get("date") or timezone.localdate()

    def interaction_data(self) -> dict:
        """What Contact.log_interaction() takes."""
        return {key: self.cleaned_data[key] for key in ("kind", "date", "notes")}


class InteractionForm(SaneDatesMixin, PeopleFormMixin, forms.ModelForm):
    """The full form: several people, any date, notes. Contacts are validated against the owner."""

    date = forms.DateField(
        label=_("Date"),
        validators=[validate_not_in_future],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    contacts = IdsChoiceField(
        label=_("People"),
        queryset=Contact.objects.none(),
        error_messages={"required": _("Choose at least one person.")},
    )

    class Meta:
        model = Interaction
        fields = ["kind", "date", "notes", "contacts"]
        widgets = {
            "kind": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["contacts"].queryset = Contact.objects.for_owner(owner)
        # Every interaction has a kind; the radio row needs no empty "---------" choice.
        self.fields["kind"].choices = InteractionKind.choices
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("kind", InteractionKind.COFFEE)

    @transaction.atomic
    def save(self, commit: bool = True) -> Interaction:
        interaction = super().save(commit=False)
        interaction.owner = self.owner
        interaction.save_and_refresh()
        interaction.set_contacts(list(self.cleaned_data["contacts"]))
        return interaction
