"""One person in the network (GDPR Art. 15 and 17): everything stored about them, as JSON
and as readable text, and forgetting them with every trace.

"Everything" is found in the model registry: the contact's own fields, every row with a
foreign key to the contact (their links, dates, follow-ups, introductions on either side,
goal links, the link rows that put them into interactions, lunches and groups), and the rows
those point at or that point at them (the interactions and lunches themselves, the nudges
about a follow-up or a date).
"""

import base64
import datetime
import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from contacts.models import Contact, ForgottenPerson, IdentifierKind

from .registry import Owned, owned_models


class _Encoder(DjangoJSONEncoder):
    """Binary columns (a photo a phone sent) as base64 text."""

    def default(self, o):
        if isinstance(o, bytes | memoryview):
            return base64.b64encode(bytes(o)).decode("ascii")
        return super().default(o)


@dataclass
class Section:
    owned: Owned
    rows: list[dict] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.owned.model._meta.verbose_name_plural)

    def readable(self) -> list[list[tuple[str, str]]]:
        """Each row as (field name in the user's language, value as text), without ids and
        empty fields."""
        fields = {f.attname: f for f in self.owned.model._meta.concrete_fields}
        readable = []
        for row in self.rows:
            pairs = []
            for name, value in row.items():
                if value in (None, "", []) or name == "id" or name.endswith("_id"):
                    continue
                field = fields[name]
                # Columns without a name of their own are bookkeeping (sort keys, derived
                # days, timestamps); the JSON has them, the readable form leaves them out.
                if field.verbose_name == field.name.replace("_", " "):
                    continue
                if field.choices:
                    value = dict(field.flatchoices).get(value, value)
                if isinstance(value, list):
                    value = ", ".join(str(v) for v in value)
                elif isinstance(value, datetime.date):
                    value = formats.localize(value)
                pairs.append((str(field.verbose_name), str(value)))
            readable.append(pairs)
        return readable


def _refers_to(owned: Owned, targets: set[type]) -> list[models.ForeignKey]:
    return [f for f in owned.foreign_keys() if f.related_model in targets]


def rows_naming(contact: Contact) -> dict[type, set[int]]:
    """The ids of every owned row that names the contact, per model (the contact itself
    included), in a fixed number of queries."""
    found: dict[type, set[int]] = {Contact: {contact.pk}}
    registry = owned_models()
    # Rows that point at the contact: their links, dates, follow-ups, the link rows.
    for owned in registry:
        for fk in _refers_to(owned, {Contact}):
            ids = owned.model._base_manager.filter(**{fk.attname: contact.pk}).values_list(
                "pk", flat=True
            )
            found.setdefault(owned.model, set()).update(ids)
    # What the link rows join them to (an interaction, a lunch, a group): the row itself.
    for owned in registry:
        if not owned.holder or not found.get(owned.model):
            continue
        for fk in _refers_to(owned, {m for m in _m2m_sides(owned)}):
            ids = (
                owned.model._base_manager.filter(pk__in=found[owned.model])
                .exclude(**{fk.attname: None})
                .values_list(fk.attname, flat=True)
            )
            found.setdefault(fk.related_model, set()).update(ids)
    # Rows about those rows: the nudge of a follow-up, an event's interaction.
    second = {model: set(ids) for model, ids in found.items() if model is not Contact and ids}
    for owned in registry:
        if owned.holder:
            continue
        for fk in _refers_to(owned, set(second)):
            if fk.related_model is Contact:
                continue
            ids = owned.model._base_manager.filter(
                **{f"{fk.attname}__in": second[fk.related_model]}
            ).values_list("pk", flat=True)
            found.setdefault(owned.model, set()).update(ids)
    return {model: ids for model, ids in found.items() if ids}


def _m2m_sides(owned: Owned) -> set[type]:
    """The models a link table joins the contact to (Interaction, Lunch, Group, Tag)."""
    return {f.related_model for f in owned.foreign_keys() if f.related_model is not Contact}


def what_we_store(contact: Contact) -> list[Section]:
    """Every row naming the contact, the contact first, as field → value dicts."""
    found = rows_naming(contact)
    sections = []
    for owned in owned_models():
        ids = found.get(owned.model)
        if not ids:
            continue
        names = [
            f.attname
            for f in owned.model._meta.concrete_fields
            if f.attname not in ("owner_id", "search_stale")
        ]
        rows = list(owned.model._base_manager.filter(pk__in=ids).order_by("pk").values(*names))
        sections.append(Section(owned, rows))
    sections.sort(key=lambda section: section.owned.model is not Contact)
    return sections


def readable_sections(contact: Contact) -> list[Section]:
    """The sections a person reads: the link tables are part of the rows they link."""
    return [s for s in what_we_store(contact) if not s.owned.holder]


def as_json(contact: Contact) -> str:
    sections = what_we_store(contact)
    document = {
        "person": contact.name,
        "exported_at": timezone.now(),
        "data": {section.owned.label: section.rows for section in sections},
    }
    return json.dumps(document, cls=_Encoder, ensure_ascii=False, indent=2)


def as_text(contact: Contact) -> str:
    """The same as readable text: a heading per kind of row, one block per row with the
    fields' names in the user's language."""
    lines = [
        _("What Netzwerk stores about %(name)s") % {"name": contact.name},
        _("As of %(when)s") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
        "",
    ]
    for section in readable_sections(contact):
        heading = f"{section.title} ({len(section.rows)})"
        lines += [heading, "=" * len(heading), ""]
        for pairs in section.readable():
            lines += [
                f"{label}: {text.replace(chr(10), chr(10) + '    ')}" for label, text in pairs
            ]
            lines.append("")
    return "\n".join(lines)


def identifiers_of(contact: Contact) -> list[tuple[str, str]]:
    """The email addresses, phone numbers and profile URLs of the contact."""
    return [
        *((IdentifierKind.EMAIL.value, email) for email in contact.emails or []),
        *((IdentifierKind.PHONE.value, phone) for phone in contact.phones or []),
        *((IdentifierKind.URL.value, link.url) for link in contact.links.all()),
    ]


@transaction.atomic
def forget(contact: Contact, *, keep_hashes: bool) -> int:
    """Delete the contact and every trace: interactions and lunches with them alone, their
    part in shared ones, introductions, nudges, dates, follow-ups, goal links. With
    keep_hashes, their identifiers stay as keyed hashes so a later import skips them
    (contacts.ForgottenPerson). Returns how many hashes were kept."""
    kept = 0
    if keep_hashes:
        kept = ForgottenPerson.objects.remember(contact.owner, identifiers_of(contact))
    for owned in owned_models():
        people = _required_people(owned)
        if people is not None:
            _delete_left_without_people(owned, people, contact)
    contact.delete()
    return kept


def _required_people(owned: Owned) -> models.ManyToManyField | None:
    """The many-to-many field to contacts that this link table stores, if the row it
    belongs to cannot exist without people (an interaction, a lunch; not a group)."""
    holder = owned.holder
    if not holder:
        return None
    for m2m in holder._meta.many_to_many:
        if m2m.remote_field.through is owned.model and m2m.related_model is Contact:
            return None if m2m.blank else m2m
    return None


def _delete_left_without_people(owned: Owned, m2m, contact: Contact) -> None:
    """Delete the rows (lunches, interactions) whose only person is the contact."""
    holder_column = m2m.m2m_column_name()
    contact_column = m2m.m2m_reverse_name()
    links = owned.model._base_manager
    theirs = links.filter(**{contact_column: contact.pk}).values(holder_column)
    shared = (
        links.filter(**{f"{holder_column}__in": theirs})
        .exclude(**{contact_column: contact.pk})
        .values(holder_column)
    )
    holder = m2m.model
    holder._base_manager.filter(pk__in=theirs).exclude(pk__in=shared).delete()
