"""The API's input is the app's own forms: one source of truth for validation.

A write endpoint's JSON body is typed for the schema (built here from the form's fields),
then turned into the form data a browser would post, so the same clean methods, the same
limits and the same messages decide.
"""

import datetime
from typing import Annotated, Any

from django import forms
from django.http import QueryDict
from ninja import Schema
from pydantic import Field, create_model

from contacts.forms.fields import EntriesField, TagNamesField

# Ids and numbers stay within a database's bigint, so no value overflows a column.
BIGINT = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=BIGINT)]
Number = Annotated[int, Field(ge=-BIGINT, le=BIGINT)]


def _python_type(field: forms.Field) -> Any:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return list[Id]
    if isinstance(field, forms.ModelChoiceField):
        return Id
    if isinstance(field, EntriesField | TagNamesField):
        return list[Annotated[str, Field(max_length=1000)]]
    if isinstance(field, forms.BooleanField):
        return bool
    if isinstance(field, forms.IntegerField):
        return Number
    if isinstance(field, forms.TypedChoiceField) and field.coerce is int:
        return Number
    if isinstance(field, forms.DateTimeField):
        return datetime.datetime
    if isinstance(field, forms.DateField):
        return datetime.date
    if isinstance(field, forms.TimeField):
        return datetime.time
    if isinstance(field, forms.ChoiceField):
        return str
    return Annotated[str, Field(max_length=100_000)]


def form_fields(form: forms.BaseForm) -> dict[str, forms.Field]:
    """The fields of a form class and those its constructor adds (per-form choices)."""
    return {**type(form).base_fields, **form.fields}


def input_schema(name: str, form: forms.BaseForm, extra: dict | None = None) -> type[Schema]:
    """A schema with every field of the form, each optional: what is required is the form's
    to say, in its own words, so the schema does not say it a second time."""
    fields: dict[str, Any] = {}
    for field_name, field in form_fields(form).items():
        python_type = _python_type(field)
        description = str(field.help_text or field.label or "")
        fields[field_name] = (python_type | None, Field(None, description=description))
    for field_name, python_type in (extra or {}).items():
        fields[field_name] = (python_type | None, None)
    return create_model(name, __base__=Schema, **fields)


def _as_strings(field: forms.Field, value: Any) -> list[str]:
    """How a browser would send a value of this field (several values for a multiple choice)."""
    if value is None:
        return []
    if isinstance(field, EntriesField):
        # One value per entry, as the form's inputs send them.
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    if isinstance(field, TagNamesField):
        return [", ".join(value) if isinstance(value, list | tuple) else str(value)]
    if isinstance(value, list | tuple):
        return [str(getattr(v, "pk", v)) for v in value]
    if isinstance(field, forms.BooleanField):
        return ["on"] if value else []
    if isinstance(value, datetime.date | datetime.time):
        return [value.isoformat()]
    return [str(getattr(value, "pk", value))]


def form_data(form: forms.BaseForm, changes: dict[str, Any]) -> QueryDict:
    """What the form currently shows (its initial values: the object's, or the defaults of a
    new one), with the given changes, as a browser's POST."""
    data = QueryDict(mutable=True)
    for name, field in form.fields.items():
        if name in changes:
            value = changes[name]
            if value is None:
                value = [] if isinstance(field, forms.MultipleChoiceField) else ""
        else:
            value = form[name].value()
        data.setlist(name, _as_strings(field, value))
    return data


def errors(form: forms.BaseForm) -> dict[str, list[dict[str, str]]]:
    """The form's errors by field ("__all__" for the whole), each a message and a code."""
    return {
        field: [{"message": e["message"], "code": e["code"] or "invalid"} for e in field_errors]
        for field, field_errors in form.errors.get_json_data().items()
    }
