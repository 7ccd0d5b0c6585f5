"""Form fields for lists of entries (emails, phones) and comma-separated tags."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

PHONE_RE = re.compile(r"^\+?[0-9 ()/.\-]{3,30}$")


class EntriesWidget(forms.Widget):
    """One input per entry, all with the field's name, and one empty input to add another.

    The empty input lets a browser without JavaScript add an entry with every save; with
    JavaScript, the "add another" button (static/js/app.js) clones it. An entry that fails
    the field's check is marked invalid, so the error points at its input.
    """

    input_type = "text"
    autocomplete = ""

    def __init__(self, attrs=None, *, max_items: int = 10, is_valid=None, add_label=""):
        super().__init__(attrs)
        self.max_items = max_items
        self.is_valid = is_valid or (lambda item: True)
        self.add_label = add_label
        # Set by the field: inputs after the first are named by it and their number.
        self.label = ""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_

    def render(self, name, value, attrs=None, renderer=None):
        entries = entries_of(value)
        room = len(entries) < self.max_items
        if room:
            entries.append("")
        base = self.build_attrs(self.attrs, attrs)
        id_ = base.pop("id", "")
        # Django marks every input of an invalid field; only the entries that fail are marked
        # here, or the first input when the error is about the list as a whole.
        field_invalid = base.pop("aria-invalid", None)
        bad = [bool(entry) and not self.is_valid(entry) for entry in entries]
        if field_invalid and not any(bad):
            bad[0] = True
        inputs = []
        for index, entry in enumerate(entries):
            input_attrs = {
                **base,
                "type": self.input_type,
                "name": name,
                "value": entry,
                "aria-label": f"{self.label} {index + 1}" if index else None,
            }
            if id_:
                input_attrs["id"] = f"{id_}_{index}"
            if self.autocomplete:
                input_attrs["autocomplete"] = self.autocomplete
            if bad[index]:
                input_attrs["aria-invalid"] = "true"
            inputs.append(format_html("<input{}>", flatatt(input_attrs)))
        button = ""
        if room:
            button = format_html(
                '<button type="button" class="link js-only" data-add-entry>{}</button>',
                self.add_label,
            )
        return format_html(
            '<div class="entries" data-max-entries="{}" data-label="{}">{}</div>{}',
            self.max_items,
            self.label,
            mark_safe("".join(inputs)),
            button,
        )


class EmailEntriesWidget(EntriesWidget):
    input_type = "email"
    autocomplete = "email"


class PhoneEntriesWidget(EntriesWidget):
    input_type = "tel"
    autocomplete = "tel"


def entries_of(value) -> list[str]:
    """The entries of a posted list, a stored list or text with one entry per line."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    return [line.strip() for item in value for line in str(item).splitlines() if line.strip()]


class EntriesField(forms.Field):
    """A list of entries (one input each, see EntriesWidget); each entry is checked on its own."""

    widget_class = EntriesWidget
    add_label = ""
    max_items = 10
    max_length = 254

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            self.widget_class(
                max_items=self.max_items, is_valid=self.is_valid_item, add_label=self.add_label
            ),
        )
        super().__init__(*args, **kwargs)
        self.widget.label = self.label or ""

    def to_python(self, value) -> list[str]:
        return entries_of(value)

    def validate(self, value) -> None:
        super().validate(value)
        if len(value) > self.max_items:
            raise ValidationError(
                _("At most %(count)d entries, please."), params={"count": self.max_items}
            )
        errors = []
        for item in dict.fromkeys(value):
            try:
                self.validate_item(item)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)

    def clean(self, value) -> list[str]:
        return list(dict.fromkeys(super().clean(value)))

    def is_valid_item(self, item: str) -> bool:
        try:
            self.validate_item(item)
        except ValidationError:
            return False
        return True

    def validate_item(self, item: str) -> None:
        if len(item) > self.max_length:
            raise ValidationError(
                _("“%(value)s…” is longer than %(count)d characters."),
                params={"value": item[:20], "count": self.max_length},
            )


class EmailEntriesField(EntriesField):
    widget_class = EmailEntriesWidget
    add_label = _("Add another email address")

    def validate_item(self, item: str) -> None:
        super().validate_item(item)
        try:
            validate_email(item)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a valid email address."), params={"value": item}
            ) from None


class PhoneEntriesField(EntriesField):
    widget_class = PhoneEntriesWidget
    add_label = _("Add another phone number")
    max_length = 30

    def validate_item(self, item: str) -> None:
        if not PHONE_RE.match(item) or sum(ch.isdigit() for ch in item) < 3:
            raise ValidationError(
                _("“%(value)s” is not a phone number (digits, spaces, + / - ( ) allowed)."),
                params={"value": item[:40]},
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
