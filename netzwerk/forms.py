from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import User
from .time_zones import current_time_zones, find_time_zone, time_zone_label

PROFILE_FIELDS = ["first_name", "language", "time_zone", "home_city"]
RHYTHM_FIELDS = ["rhythm_einhorn_days", "rhythm_flamingo_days", "rhythm_pinguin_days"]
LUNCH_FIELDS = ["lunch_target", "lunch_nudge_weekday"]
NUDGE_FIELDS = [
    "morning_hour",
    "birthday_lead_days",
    "birthday_nudges",
    "followup_nudges",
    "keep_in_touch_nudges",
    "lunch_nudges",
    "review_nudges",
]
DIGEST_FIELDS = ["digest_enabled", "digest_weekday", "digest_hour"]


def _hours(first: int, last: int) -> list[tuple[int, str]]:
    return [(hour, f"{hour:02d}:00") for hour in range(first, last + 1)]


class TimeZoneInput(forms.TextInput):
    """A text input with the current zones as suggestions: the browser filters them as one
    types (an `<input list>`), with or without JavaScript."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or name}_choices"
        field = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "",
            '<option value="{}">{}</option>',
            ((z, time_zone_label(z)) for z in current_time_zones()),
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class PreferencesForm(forms.ModelForm):
    time_zone = forms.CharField(
        label=capfirst(User._meta.get_field("time_zone").verbose_name),
        max_length=64,
        widget=TimeZoneInput,
        help_text=_("Type a city, e.g. “Berlin”, and pick it from the list."),
    )

    class Meta:
        model = User
        fields = PROFILE_FIELDS + RHYTHM_FIELDS + LUNCH_FIELDS + NUDGE_FIELDS + DIGEST_FIELDS
        widgets = {
            "lunch_target": forms.RadioSelect(choices=[(n, str(n)) for n in range(6)]),
            "morning_hour": forms.Select(choices=_hours(6, 11)),
            "digest_hour": forms.Select(choices=_hours(5, 22)),
            "birthday_nudges": forms.RadioSelect,
            "followup_nudges": forms.RadioSelect,
            "keep_in_touch_nudges": forms.RadioSelect,
            "lunch_nudges": forms.RadioSelect,
            "review_nudges": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RHYTHM_FIELDS:
            self.fields[name].widget.attrs.update({"min": 1, "max": 3650, "inputmode": "numeric"})
            self.fields[name].help_text = _("Days; empty means no reminders for this category.")
        self.fields["birthday_lead_days"].widget.attrs.update({"min": 0, "max": 30})

    def clean_time_zone(self) -> str:
        return find_time_zone(self.cleaned_data["time_zone"])

    def sections(self) -> list[tuple[str, str, list]]:
        """The fields in the groups the page shows: (id, title, bound fields)."""
        groups = [
            ("profile", _("Profile"), PROFILE_FIELDS),
            ("rhythm", _("Keep in touch"), RHYTHM_FIELDS),
            ("lunch", "#neverlunchalone", LUNCH_FIELDS),
            ("nudges", _("Nudges"), NUDGE_FIELDS),
            ("digest", _("Weekly digest"), DIGEST_FIELDS),
        ]
        return [(key, title, [self[name] for name in names]) for key, title, names in groups]

    @property
    def rhythm_changed(self) -> bool:
        return bool(set(RHYTHM_FIELDS) & set(self.changed_data))
