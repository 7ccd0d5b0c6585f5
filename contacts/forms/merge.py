"""The merge page's form: one radio per field where the two contacts differ."""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..merging import (
    LINK_CHOICE,
    OTHER,
    SURVIVOR,
    Difference,
    field_differences,
    link_differences,
)
from ..models import Channel, Contact

BIRTHDAY = _("Birthday")
EMPTY = _("(empty)")


def shown(name: str, values: tuple) -> str:
    """A field's value as the page shows it."""
    if all(value in (None, "") for value in values):
        return str(EMPTY)
    if name == "birthday":
        day, month, year = values
        if year:
            return date_format(datetime.date(year, month, day), "DATE_FORMAT")
        return date_format(datetime.date(2000, month, day), "MONTH_DAY_FORMAT")
    choices = Contact._meta.get_field(name).flatchoices
    if choices:  # category, status, form of address, language
        return str(dict(choices).get(values[0], values[0]))
    if name == "warmth":
        return f"{values[0]}/5"
    return str(values[0])


def difference_label(difference: Difference) -> str:
    if difference.name.startswith(LINK_CHOICE):
        return str(Channel(difference.name.removeprefix(LINK_CHOICE)).label)
    if difference.name == "birthday":
        return str(BIRTHDAY)
    return capfirst(Contact._meta.get_field(difference.name).verbose_name)


class MergeForm(forms.Form):
    """A radio per differing field: SURVIVOR (the first contact's value) or OTHER."""

    def __init__(self, data, *, survivor: Contact, other: Contact, links: dict):
        super().__init__(data)
        differences = [
            *field_differences(survivor, other),
            *link_differences(links.get(survivor.pk, {}), links.get(other.pk, {})),
        ]
        for difference in differences:
            if difference.name.startswith(LINK_CHOICE):
                mine, theirs = difference.survivor_value, difference.other_value
            else:
                mine = shown(difference.name, difference.survivor_value)
                theirs = shown(difference.name, difference.other_value)
            self.fields[difference.name] = forms.ChoiceField(
                label=difference_label(difference),
                choices=[(SURVIVOR, mine), (OTHER, theirs)],
                initial=difference.default,
                # Left out (a client that sends no radio), the field keeps its default pick.
                required=False,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[str, str]:
        return {name: pick for name, pick in self.cleaned_data.items() if pick}
