"""Form fields every app's forms share. Imports no app."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from .http import parse_id


def controls_to_spaces(text: str) -> str:
    """The text with control characters (NUL, line breaks, tabs) as spaces: for a search
    (PostgreSQL refuses a NUL byte in any query) or a header (one line)."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


class SearchField(forms.CharField):
    """A typed search: control characters separate words, like spaces, instead of making
    the search invalid."""

    def to_python(self, value):
        return controls_to_spaces(super().to_python(value)).strip()


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Several of the owner's objects by id. A value that is not an id in ASCII digits of a
    bigint's length is invalid before it reaches the database ("²" is no id, and 10**30
    overflows the column)."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
