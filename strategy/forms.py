import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact
from netzwerk.dates import SaneDatesMixin
from netzwerk.fields import IdsChoiceField
from netzwerk.once import create_once

from .models import Event, Goal, GoalChannel, GoalContact, GoalStatus, Group

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_NEW_NAMES = 20


class OwnedFormMixin:
    """Forms that take the owner, so every choice of an object is limited to theirs."""

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner


class GoalForm(SaneDatesMixin, OwnedFormMixin, forms.ModelForm):
    review_every_days = forms.IntegerField(
        label=_("Review every … days"),
        min_value=7,
        max_value=730,
        initial=90,
        help_text=_("How often you check whether this goal still fits. 90 days is a quarter."),
    )

    class Meta:
        model = Goal
        fields = ["title", "kind", "description", "target_date", "status", "review_every_days"]
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "target_date": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # A new goal is active; the status matters once it has a history.
            del self.fields["status"]

    def save(self, commit: bool = True) -> Goal:
        goal = super().save(commit=False)
        goal.owner = self.owner
        goal.save()
        return goal


class ChannelForm(forms.ModelForm):
    profile_url = forms.URLField(
        label=_("Profile URL"), required=False, max_length=500, assume_scheme="https"
    )

    weekly_minutes = forms.IntegerField(
        label=_("Minutes per week"),
        min_value=0,
        max_value=10080,
        initial=30,
        help_text=_("The time you want to spend here each week."),
    )

    class Meta:
        model = GoalChannel
        fields = ["platform", "reason", "weekly_minutes", "profile_url"]
        widgets = {"reason": forms.TextInput()}

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal

    def clean_platform(self):
        platform = self.cleaned_data["platform"]
        clash = GoalChannel.objects.filter(goal=self.goal, platform=platform)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This goal has this channel already."))
        return platform

    def save(self, commit: bool = True) -> GoalChannel:
        channel = super().save(commit=False)
        channel.goal = self.goal
        if channel.pk:
            channel.save()
            return channel
        return create_once(
            channel, lambda: GoalChannel.objects.get(goal=self.goal, platform=channel.platform)
        )


class ContactChoiceForm(OwnedFormMixin, forms.Form):
    """One of the owner's contacts, by id (from a search result's button)."""

    contact = forms.ModelChoiceField(queryset=Contact.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.for_owner(self.owner)


class GoalContactForm(ContactChoiceForm):
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)


class GoalContactEditForm(forms.ModelForm):
    class Meta:
        model = GoalContact
        fields = ["next_step"]


class LinkGoalForm(OwnedFormMixin, forms.Form):
    """From a contact's page: link this contact to one of the owner's goals."""

    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none())
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.for_owner(self.owner).active()


class ReviewForm(SaneDatesMixin, forms.Form):
    """A review records what still fits and what changes, and may adjust the goal."""

    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE_WIDGET)
    still_fits = forms.CharField(
        label=_("What still fits?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    changes = forms.CharField(
        label=_("What changes?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(
        label=_("Status of the goal"), choices=GoalStatus.choices, widget=forms.RadioSelect
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE_WIDGET)
    review_every_days = forms.IntegerField(
        label=_("Next review in … days"), min_value=7, max_value=730
    )

    def __init__(self, *args, goal: Goal, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "reviewed_on": timezone.localdate(),
                "status": goal.status,
                "target_date": goal.target_date,
                "review_every_days": goal.review_every_days,
            },
        )
        super().__init__(*args, **kwargs)
        self.goal = goal

    def clean_reviewed_on(self):
        reviewed_on = self.cleaned_data["reviewed_on"]
        if reviewed_on > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("A review cannot lie in the future."))
        return reviewed_on

    def save(self):
        return self.goal.record_review(**self.cleaned_data)


class GroupForm(OwnedFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("Website"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Group
        fields = ["name", "kind", "engagement", "outside_bubble", "url", "notes", "goals"]
        widgets = {
            "engagement": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.CheckboxSelectMultiple,
        }
        field_classes = {"goals": IdsChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.for_owner(self.owner)

    def save(self, commit: bool = True) -> Group:
        group = super().save(commit=False)
        group.owner = self.owner
        group.save()
        self.save_m2m()
        return group


class EventForm(SaneDatesMixin, OwnedFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "date", "place", "group", "outside_bubble", "notes"]
        widgets = {"date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "outside_bubble": _("An event of a group outside your bubble counts as outside too.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.for_owner(self.owner)
        self.fields["group"].empty_label = _("no group")
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def save(self, commit: bool = True) -> Event:
        event = super().save(commit=False)
        event.owner = self.owner
        event.save_and_sync()
        return event


class MetForm(OwnedFormMixin, forms.Form):
    """Who I met at an event: contacts ticked from a search, and new names, one per line."""

    contacts = IdsChoiceField(
        label=_("Contacts"),
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_names = forms.CharField(
        label=_("New people (one name per line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Jana Beispiel"}),
        help_text=_("Each becomes a new Pinguin contact."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = Contact.objects.for_owner(self.owner)

    def clean_new_names(self) -> list[str]:
        names = [" ".join(line.split()) for line in self.cleaned_data["new_names"].splitlines()]
        names = list(dict.fromkeys(name for name in names if name))
        if len(names) > MAX_NEW_NAMES:
            raise forms.ValidationError(
                _("At most %(count)d new people at once, please."), params={"count": MAX_NEW_NAMES}
            )
        for name in names:
            if len(name) > 200:
                raise forms.ValidationError(_("A name is longer than 200 characters."))
        return names

    def clean(self):
        data = super().clean()
        if not data.get("contacts") and not data.get("new_names"):
            raise forms.ValidationError(_("Tick a contact or type a new name."))
        return data

    def save(self, event: Event) -> list[Contact]:
        return event.record_met(self.cleaned_data["contacts"], self.cleaned_data["new_names"])
