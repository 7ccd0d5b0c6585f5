import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Contact, Interaction, InteractionKind


def validate_not_in_future(value: datetime.date) -> None:
    # One day of slack: the user's "today" may be ahead of the server's.
    if value > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError(_("An interaction cannot lie in the future."))


# "Follow up in …" after logging: the choice's value, the label and the time from today.
FOLLOW_UP_CHOICES = [
    ("", _("no follow-up")),
    ("1w", _("1 week")),
    ("2w", _("2 weeks")),
    ("1m", _("1 month")),
    ("3m", _("3 months")),
]


def follow_up_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Follow up in"), choices=FOLLOW_UP_CHOICES, required=False)


class FollowUpChoice:
    """Forms with a "follow up in" field turn the choice into a due day."""

    def follow_up_due(self, today: datetime.date) -> datetime.date | None:
        from reminders.models.followup import add_months

        choice = self.cleaned_data.get("follow_up_in") or ""
        if choice.endswith("w"):
            return today + datetime.timedelta(weeks=int(choice[:-1]))
        if choice.endswith("m"):
            return add_months(today, int(choice[:-1]))
        return None

    def create_follow_ups(self, interaction) -> list:
        """A follow-up with every person of the interaction, if one was asked for."""
        from reminders.models import FollowUp

        due = self.follow_up_due(timezone.localdate())
        if due is None:
            return []
        return FollowUp.objects.create_for_interaction(interaction, due)


class QuickLogForm(FollowUpChoice, forms.Form):
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
    follow_up_in = follow_up_field()

    def clean_date(self):
        return self.cleaned_data.get("date") or timezone.localdate()

    def interaction_data(self) -> dict:
        """What Contact.log_interaction() takes."""
        return {key: self.cleaned_data[key] for key in ("kind", "date", "notes")}


class InteractionForm(FollowUpChoice, forms.ModelForm):
    """The full form: several people, any date, notes. Contacts are validated against the owner."""

    date = forms.DateField(
        label=_("Date"),
        validators=[validate_not_in_future],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    contacts = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=Contact.objects.none(),
        error_messages={"required": _("Choose at least one person.")},
    )
    follow_up_in = follow_up_field()

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
        else:
            # Follow-ups are planned when logging; an edit changes the entry only.
            del self.fields["follow_up_in"]

    def chosen_contacts(self):
        """The people ticked in the form (or linked already), for re-rendering the checkboxes."""
        if self.is_bound:
            ids = [v for v in self.data.getlist("contacts") if str(v).isdigit()]
            return list(self.fields["contacts"].queryset.filter(pk__in=ids[:50]))
        if self.instance.pk:
            return list(self.instance.contacts.all())
        return list(self.initial.get("contacts", []))

    @transaction.atomic
    def save(self, commit: bool = True) -> Interaction:
        interaction = super().save(commit=False)
        interaction.owner = self.owner
        creating = interaction.pk is None
        interaction.save_and_refresh()
        interaction.set_contacts(list(self.cleaned_data["contacts"]))
        if creating:
            self.create_follow_ups(interaction)
        return interaction
