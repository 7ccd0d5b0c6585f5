"""Form fields for lists typed one per line (emails, phones) and comma-separated tags."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

PHONE_RE = re.compile(r"^\+?[0-9 ()/.\-]{3,30}$")


class LinesField(forms.CharField):
    """A textarea whose non-empty lines become a list; each line is validated on its own."""

    widget = forms.Textarea(attrs={"rows": 2})
    max_items = 10

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        items = [line.strip() for line in text.splitlines() if line.strip()]
        if len(items) > self.max_items:
            raise ValidationError(
                _("At most %(count)d entries, please."), params={"count": self.max_items}
            )
        for item in items:
            self.validate_item(item)
        return list(dict.fromkeys(items))

    def validate_item(self, item: str) -> None:
        raise NotImplementedError


class EmailLinesField(LinesField):
    def validate_item(self, item: str) -> None:
        try:
            validate_email(item)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a valid email address."), params={"value": item}
            ) from None


class PhoneLinesField(LinesField):
    def validate_item(self, item: str) -> None:
        if not PHONE_RE.match(item) or sum(ch.isdigit() for ch in item) < 3:
            raise ValidationError(
                _("“%(value)s” is not a phone number (digits, spaces, + / - ( ) allowed)."),
                params={"value": item},
            )


class TagNamesField(forms.CharField):
    """Comma-separated tag names."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        text = super().clean(value) or ""
        names = list(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
        for name in names:
            if len(name) > 50:
                raise ValidationError(
                    _("Tag “%(name)s…” is longer than 50 characters."), params={"name": name[:20]}
                )
        if len(names) > 30:
            raise ValidationError(_("At most 30 tags per contact, please."))
        return names
