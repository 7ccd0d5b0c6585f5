from django import forms
from django.utils.translation import gettext_lazy as _

from strategy.forms import GoalContactForm
from strategy.models import GoalContact

from .models import ApiToken, Expiry, Scope


class ApiTokenForm(forms.ModelForm):
    expires_in = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=Expiry.choices,
        coerce=int,
        initial=Expiry.DAYS_90,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ApiToken
        fields = ["name", "scope"]
        widgets = {
            "name": forms.TextInput(attrs={"placeholder": _("iPhone Shortcut"), "maxlength": 50}),
            "scope": forms.RadioSelect,
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["scope"].choices = Scope.choices

    def save(self, commit: bool = True) -> tuple[ApiToken, str]:
        """The new token and its plain text, which is shown this once."""
        return ApiToken.create_for(
            self.owner,
            self.cleaned_data["name"].strip(),
            scope=self.cleaned_data["scope"],
            days=self.cleaned_data["expires_in"],
        )


class GoalContactLinkForm(GoalContactForm):
    """The goal page's "link a contact" form, saved as that page saves it: a contact linked
    again keeps its one link, with the new next step (Goal.link_contact)."""

    def __init__(self, *args, owner, goal=None, instance=None, **kwargs):
        super().__init__(*args, owner=owner, **kwargs)
        self.goal = goal

    def save(self) -> GoalContact:
        return self.goal.link_contact(self.cleaned_data["contact"], self.cleaned_data["next_step"])
