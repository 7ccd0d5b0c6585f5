"""The range of dates the app takes. Imports no app.

A year typed as 9999 or 0001 is a slip of the finger, and a day at the end of year 9999 breaks
every sum that goes past it (the day after, the hour after, a time zone east of UTC), so forms
refuse dates outside this range and code that draws stored dates stays inside it.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2200, 12, 31)


def validate_sane_date(value: datetime.date) -> None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(
            _("Please give a date between %(first)s and %(last)s.")
            % {"first": date_format(EARLIEST), "last": date_format(LATEST)},
            code="out_of_range",
        )


class SaneDatesMixin:
    """A form whose date fields all take dates between EARLIEST and LATEST only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_sane_date)
