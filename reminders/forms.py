"""Forms of the reminders pages: follow-ups, important dates, lunches, push notifications."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from contacts.extensions import LogForm
from contacts.models import Contact
from netzwerk.dates import SaneDatesMixin
from netzwerk.fields import IdsChoiceField
from netzwerk.http import parse_ids

from .models import FollowUp, ImportantDate, Lunch, PushSubscription, PushTopic
from .models.followup import add_months
from .push import endpoint_allowed

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Snooze lengths offered for a follow-up, in days; a week is the one-tap default.
SNOOZE_DAYS = {1: _("1 day"), 7: _("1 week"), 30: _("1 month")}
DEFAULT_SNOOZE_DAYS = 7


# "Follow up in …" when logging: the choice's value, its label, and the time from today.
FOLLOW_UP_CHOICES = [
    ("", _("no follow-up")),
    ("1w", _("1 week")),
    ("2w", _("2 weeks")),
    ("1m", _("1 month")),
    ("3m", _("3 months")),
]


class FollowUpChoiceForm(LogForm):
    """Beside the quick log and the new-interaction form: a follow-up with every person of
    the interaction, if one is asked for (registered in RemindersConfig.ready())."""

    quick_template = "reminders/partials/follow_up_choice.html"

    follow_up_in = forms.ChoiceField(
        label=_("Follow up in"), choices=FOLLOW_UP_CHOICES, required=False
    )

    def follow_up_due(self, today: datetime.date) -> datetime.date | None:
        choice = self.cleaned_data.get("follow_up_in") or ""
        if choice.endswith("w"):
            return today + datetime.timedelta(weeks=int(choice[:-1]))
        if choice.endswith("m"):
            return add_months(today, int(choice[:-1]))
        return None

    def save(self, interaction) -> list[FollowUp]:
        due = self.follow_up_due(timezone.localdate())
        if due is None:
            return []
        return FollowUp.objects.create_for_interaction(interaction, due)


class SnoozeForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Snooze for"),
        choices=list(SNOOZE_DAYS.items()),
        coerce=int,
        required=False,
        empty_value=DEFAULT_SNOOZE_DAYS,
    )


class FollowUpForm(SaneDatesMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["due_on", "note", "repeat"]
        widgets = {"due_on": DATE_INPUT, "note": forms.TextInput}
        labels = {"note": _("What about?")}

    def __init__(self, *args, owner, contact: Contact | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.contact = contact
        # A follow-up the app planned shows its text until the user writes their own note.
        self.fields["note"].widget.attrs["placeholder"] = self.instance.topic_text or _(
            "Send the offer, ask about the move…"
        )
        if not self.instance.pk:
            self.initial.setdefault("due_on", timezone.localdate() + datetime.timedelta(weeks=1))

    def save(self, commit: bool = True) -> FollowUp:
        follow_up = super().save(commit=False)
        if not follow_up.pk:
            follow_up.owner = self.owner
            follow_up.contact = self.contact
        follow_up.save()
        return follow_up


class ImportantDateForm(forms.ModelForm):
    """Day and month, the year optional; 29 February is valid without a year or in leap years."""

    day = forms.IntegerField(
        label=_("Day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=list(MONTHS.items()))
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
        help_text=_("Optional; with it the page shows which anniversary it is."),
    )

    class Meta:
        model = ImportantDate
        fields = ["kind", "label", "day", "month", "year"]
        labels = {"label": _("Name (optional)")}

    def __init__(self, *args, owner, contact: Contact | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.contact = contact
        self.fields["label"].widget.attrs["placeholder"] = _("e.g. 10 years at Rheinwerk")

    def _post_clean(self) -> None:
        # The model's clean() checks day against month and year; it needs the owner first.
        if not self.instance.pk:
            self.instance.owner = self.owner
            self.instance.contact = self.contact
        super()._post_clean()


def validate_people(owner, data) -> list[Contact]:
    ids = parse_ids(data.getlist("contacts"))
    return list(Contact.objects.for_owner(owner).filter(pk__in=ids[:50]))


class LunchForm(SaneDatesMixin, forms.ModelForm):
    """A lunch date with one or more people; the people are checked against the owner."""

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    contacts = IdsChoiceField(
        label=_("People"),
        queryset=Contact.objects.none(),
        error_messages={"required": _("Choose at least one person.")},
    )

    class Meta:
        model = Lunch
        fields = ["date", "time", "place", "contacts", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["contacts"].queryset = Contact.objects.for_owner(owner)
        self.fields["place"].widget.attrs["placeholder"] = _("e.g. Hafenküche, Venloer Str.")
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("time", datetime.time(12, 30))

    def chosen_contacts(self) -> list[Contact]:
        """The people ticked in the form (or invited already), for re-rendering the checkboxes."""
        if self.is_bound:
            return validate_people(self.owner, self.data)
        if self.instance.pk:
            return list(self.instance.contacts.all())
        return list(self.initial.get("contacts", []))

    def save(self, commit: bool = True) -> Lunch:
        lunch = super().save(commit=False)
        lunch.owner = self.owner
        lunch.save()
        lunch.contacts.set(self.cleaned_data["contacts"])
        return lunch


class PushSubscriptionForm(forms.Form):
    """What the browser's Push API hands over when the user turns notifications on."""

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=200)
    auth = forms.CharField(max_length=100)
    name = forms.CharField(max_length=100, required=False)

    def clean_endpoint(self):
        endpoint = self.cleaned_data["endpoint"]
        if not endpoint_allowed(endpoint):
            raise forms.ValidationError(_("This browser's push service is not supported."))
        return endpoint

    def save(self, owner) -> PushSubscription:
        """The device's subscription, now the signed-in user's (a browser has one)."""
        data = self.cleaned_data
        # A browser shows one account's notifications: whoever subscribed it last.
        PushSubscription.objects.filter(endpoint=data["endpoint"]).exclude(owner=owner).delete()
        device, _created = PushSubscription.objects.update_or_create(
            owner=owner,
            endpoint=data["endpoint"],
            defaults={
                "p256dh": data["p256dh"],
                "auth": data["auth"],
                "name": data["name"] or _("This device"),
            },
        )
        return device


class PushTopicsForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Notify about"),
        choices=PushTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PushSubscription
        fields = ["name", "topics"]


class TestEmailForm(forms.Form):
    """ "Send me a test email": the page's request id makes a double tap send one email."""

    request_id = forms.UUIDField(widget=forms.HiddenInput)
