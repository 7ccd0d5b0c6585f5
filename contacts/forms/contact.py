import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from ..models import Channel, Contact, Tag
from .fields import EmailEntriesField, PhoneEntriesField, TagNamesField

LINK_PREFIX = "link_"


class ContactForm(forms.ModelForm):
    emails = EmailEntriesField(label=_("Email addresses"))
    phones = PhoneEntriesField(label=_("Phone numbers"))
    birthday_day = forms.TypedChoiceField(
        label=_("Day"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(d, str(d)) for d in range(1, 32)],
    )
    birthday_month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + list(MONTHS.items()),
    )
    tag_names = TagNamesField(
        label=_("Tags"), help_text=_("Comma-separated, e.g. “Design, Buchclub”.")
    )
    keep_in_touch_days = forms.IntegerField(
        label=_("Keep in touch every … days"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Leave empty to use the default rhythm of the category."),
    )

    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "company",
            "role",
            "city",
            "category",
            "status",
            "emails",
            "phones",
            "birthday_day",
            "birthday_month",
            "birthday_year",
            "how_we_met",
            "interests",
            "warmth",
            "keep_in_touch_days",
            "notes",
        ]
        widgets = {
            "category": forms.RadioSelect,
            "status": forms.RadioSelect,
            "warmth": forms.RadioSelect,
            "how_we_met": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, owner, **kwargs):
        # What the view filled in, apart from the model's defaults (see more_open).
        self.given_initial = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["warmth"].choices = [("", _("not rated"))] + [(n, "♥" * n) for n in range(1, 6)]
        self.fields["warmth"].required = False
        # The upper bound moves with the calendar, so it is set per form, not per import.
        self.fields["birthday_year"] = forms.IntegerField(
            label=_("Year (optional)"),
            required=False,
            min_value=1900,
            max_value=timezone.localdate().year,
        )
        for channel in Channel:
            self.fields[LINK_PREFIX + channel.value] = forms.URLField(
                label=channel.label, required=False, max_length=500, assume_scheme="https"
            )
        if self.instance.pk:
            self.initial["tag_names"] = ", ".join(t.name for t in self.instance.tags.all())
            for channel, url in self.instance.links_by_channel().items():
                self.initial[LINK_PREFIX + channel] = url

    # Shown first when adding a contact on a phone; the rest folds out (contacts/form.html).
    first_fields = ("first_name", "last_name", "how_we_met", "category", "notes")

    def more_open(self) -> bool:
        """Whether "More details" starts unfolded: when editing, when a field in it has an
        error, or when it was filled in (by a share or a search) before the form opened."""
        if self.instance.pk:
            return True
        folded = [name for name in self.fields if name not in self.first_fields]
        if any(name in self.errors for name in folded):
            return True
        return any(self.given_initial.get(name) for name in folded)

    def link_fields(self):
        return [self[LINK_PREFIX + channel.value] for channel in Channel]

    def clean(self):
        data = super().clean()
        if not (data.get("first_name") or data.get("last_name")):
            self.add_error("first_name", _("Please enter a first or last name."))
        day, month, year = (
            data.get("birthday_day"),
            data.get("birthday_month"),
            data.get("birthday_year"),
        )
        if (day is None) != (month is None):
            self.add_error("birthday_day", _("Please give both day and month, or neither."))
        elif year is not None and day is None:
            self.add_error("birthday_year", _("A birth year needs a day and a month."))
        elif day is not None:
            try:
                # Without a year, check against leap year 2000 so 29 February is allowed.
                datetime.date(year or 2000, month, day)
            except ValueError:
                self.add_error("birthday_day", _("This date does not exist."))
        return data

    @transaction.atomic
    def save(self, commit: bool = True) -> Contact:
        contact = super().save(commit=False)
        contact.owner = self.owner
        # set_tags rebuilds the search text with the new tags; once is enough.
        contact.save(rebuild_search=False)
        contact.set_tags(
            Tag.objects.get_or_create_named(self.owner, self.cleaned_data["tag_names"])
        )
        contact.set_links(
            {
                channel.value: self.cleaned_data.get(LINK_PREFIX + channel.value, "")
                for channel in Channel
            }
        )
        return contact
