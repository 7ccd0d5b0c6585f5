"""Merging two contacts who are one person: the survivor takes the chosen value of every
field, the union of the lists, and every row of every app that names either of them.

Contacts is the lowest app, so it cannot name the rows of the apps above it. The merge finds
them at run time instead: every relation that points at Contact (foreign keys, one-to-ones and
the link tables of many-to-many fields, hidden ones included) is re-pointed with a fixed number
of statements, however many rows it holds. Where a unique constraint would let the same row
exist twice afterwards (a tag on both, both in one interaction, a goal link on both), the
survivor's row is kept and the other's deleted first. A model whose rows need more than that
defines a classmethod `merge_contact_rows(survivor, other)`, which then does its part alone
(an introduction between the two themselves, a request prep on both).
"""

import dataclasses

from django.db import models, transaction
from django.db.models import Exists, F, OuterRef

from .models import Contact, ProfileLink
from .normalise import email_key, phone_key

SURVIVOR = "survivor"
OTHER = "other"

# The fields a user picks a value for; a birthday is one choice, so day, month and year
# never come from two different people's records.
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "first_name": ("first_name",),
    "last_name": ("last_name",),
    "company": ("company",),
    "role": ("role",),
    "city": ("city",),
    "birthday": ("birthday_day", "birthday_month", "birthday_year"),
    "category": ("category",),
    "status": ("status",),
    "warmth": ("warmth",),
    "keep_in_touch_days": ("keep_in_touch_days",),
    "address_form": ("address_form",),
    "message_language": ("message_language",),
    "interests": ("interests",),
    "how_we_met": ("how_we_met",),
    "notes": ("notes",),
}
# The profile links: one per channel, so a channel both have is a choice too.
LINK_CHOICE = "link:"

# Fields whose value is a default, not something someone entered: when the survivor still has
# the default, another value is no more "blank" than it, so nothing is filled in by default.
_SET_BY_DEFAULT = {"category", "status"}


class MergeError(ValueError):
    """The two contacts cannot be merged (one of them is gone, or they are one)."""


@dataclasses.dataclass(frozen=True)
class Difference:
    """A field where the two contacts differ: what each holds, and the default pick."""

    name: str
    survivor_value: object
    other_value: object
    default: str


def _values(contact: Contact, fields: tuple[str, ...]) -> tuple:
    return tuple(getattr(contact, field) for field in fields)


def _blank(values: tuple) -> bool:
    return all(value in (None, "") for value in values)


def default_pick(name: str, survivor_values: tuple, other_values: tuple) -> str:
    """What wins when the user did not choose: the survivor's value, unless it is blank and
    the other one holds something (a merge should not lose what was entered)."""
    if name not in _SET_BY_DEFAULT and _blank(survivor_values) and not _blank(other_values):
        return OTHER
    return SURVIVOR


def field_differences(survivor: Contact, other: Contact) -> list[Difference]:
    """The choice fields where the two differ, in the order of CHOICE_FIELDS."""
    differences = []
    for name, fields in CHOICE_FIELDS.items():
        mine, theirs = _values(survivor, fields), _values(other, fields)
        if mine != theirs:
            differences.append(Difference(name, mine, theirs, default_pick(name, mine, theirs)))
    return differences


def link_differences(survivor_links: dict, other_links: dict) -> list[Difference]:
    """The channels where both have a link and the links differ."""
    return [
        Difference(f"{LINK_CHOICE}{channel}", url, other_links[channel], SURVIVOR)
        for channel, url in sorted(survivor_links.items())
        if channel in other_links and other_links[channel] != url
    ]


def unite(first: list, second: list, key) -> list:
    """Both lists in order, an entry left out when its key (after normalising) came before."""
    seen, united = set(), []
    for value in [*first, *second]:
        k = key(value)
        if k not in seen:
            seen.add(k)
            united.append(value)
    return united


def _phone_identity(phone: str) -> str:
    return phone_key(phone) or " ".join(phone.split())


def united_emails(survivor: Contact, other: Contact) -> list[str]:
    return unite(survivor.emails or [], other.emails or [], email_key)


def united_phones(survivor: Contact, other: Contact) -> list[str]:
    return unite(survivor.phones or [], other.phones or [], _phone_identity)


@transaction.atomic
def merge_contacts(survivor: Contact, other: Contact, choices: dict[str, str] | None = None):
    """Merge `other` into `survivor` and delete it; returns the survivor, saved.

    `choices` maps a field of CHOICE_FIELDS, or "link:<channel>", to SURVIVOR or OTHER; a
    field not named keeps default_pick(). Emails, phones, tags, links and every related row
    of both are united. One transaction, a fixed number of statements.
    """
    choices = choices or {}
    if survivor.pk == other.pk:
        raise MergeError("A contact cannot be merged with itself.")
    locked = {
        c.pk: c
        for c in Contact.objects.select_for_update(of=("self",))
        .filter(owner_id=survivor.owner_id, pk__in=[survivor.pk, other.pk])
        .select_related("owner")
    }
    if len(locked) != 2:
        raise MergeError("One of the two contacts no longer exists.")
    survivor, other = locked[survivor.pk], locked[other.pk]

    for name, fields in CHOICE_FIELDS.items():
        mine, theirs = _values(survivor, fields), _values(other, fields)
        if choices.get(name, default_pick(name, mine, theirs)) == OTHER:
            for field, value in zip(fields, theirs, strict=True):
                setattr(survivor, field, value)
    survivor.emails = united_emails(survivor, other)
    survivor.phones = united_phones(survivor, other)
    survivor.created_at = min(survivor.created_at, other.created_at)
    survivor.triaged_at = survivor.triaged_at or other.triaged_at
    survivor.lunch_suggested_on = max(
        filter(None, [survivor.lunch_suggested_on, other.lunch_suggested_on]), default=None
    )
    _take_chosen_links(survivor, other, choices)

    repoint_relations(survivor, other)
    # A queryset delete: Contact.delete() would look for interactions with the other alone,
    # and there are none left.
    Contact.objects.filter(pk=other.pk).delete()

    survivor.save(rebuild_search=False)
    merged = Contact.objects.filter(pk=survivor.pk)
    merged.refresh_last_contacted()
    merged.rebuild_search_text()
    survivor.refresh_from_db()
    return survivor


def _take_chosen_links(survivor: Contact, other: Contact, choices: dict[str, str]) -> None:
    """Where both have a link for a channel and the other's was chosen, the survivor's link
    takes its URL (re-pointing then drops the other's as a duplicate)."""
    chosen = [
        key.removeprefix(LINK_CHOICE)
        for key, pick in choices.items()
        if key.startswith(LINK_CHOICE) and pick == OTHER
    ]
    if not chosen:
        return
    theirs = dict(other.links.filter(channel__in=chosen).values_list("channel", "url"))
    for channel, url in theirs.items():
        ProfileLink.objects.filter(contact=survivor, channel=channel).update(url=url)


def contact_relations() -> list[models.ForeignKey]:
    """Every foreign key (and one-to-one) of every installed app that points at Contact,
    the link tables of many-to-many fields and hidden relations (related_name="+") included."""
    return [
        field.remote_field
        for field in Contact._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]


def repoint_relations(survivor: Contact, other: Contact) -> None:
    """Make every row that names `other` name `survivor`, resolving unique collisions."""
    handled = set()
    for foreign_key in contact_relations():
        model = foreign_key.model
        hook = getattr(model, "merge_contact_rows", None)
        if hook is not None:
            if model not in handled:
                handled.add(model)
                hook(survivor, other)
            continue
        _drop_collisions(model, foreign_key, survivor, other)
        model._base_manager.filter(**{foreign_key.name: other}).update(
            **{foreign_key.name: survivor}
        )


def _unique_sets(model, foreign_key) -> list[tuple[list[str], models.Q | None]]:
    """The other fields of each unique rule that includes the foreign key (with the rule's
    condition): the rows that agree on them would collide once re-pointed."""
    names = {foreign_key.name, foreign_key.attname}
    sets: list[tuple[list[str], models.Q | None]] = []
    if foreign_key.unique:
        sets.append(([], None))
    for together in model._meta.unique_together:
        if names.intersection(together):
            sets.append(([n for n in together if n not in names], None))
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint):
            continue
        fields = list(constraint.fields)
        for expression in constraint.expressions:
            if not isinstance(expression, F):
                raise TypeError(
                    f"{model._meta.label}: the unique constraint {constraint.name} uses an "
                    "expression; give the model a merge_contact_rows() classmethod."
                )
            fields.append(expression.name)
        if names.intersection(fields):
            sets.append(([n for n in fields if n not in names], constraint.condition))
    return sets


def _drop_collisions(model, foreign_key, survivor: Contact, other: Contact) -> None:
    """Delete the other's rows that would duplicate one of the survivor's: one DELETE per
    unique rule, the survivor's row kept."""
    rows = model._base_manager
    for others, condition in _unique_sets(model, foreign_key):
        kept = rows.filter(**{foreign_key.name: survivor})
        moving = rows.filter(**{foreign_key.name: other})
        if condition is not None:
            kept, moving = kept.filter(condition), moving.filter(condition)
        kept = kept.filter(**{name: OuterRef(name) for name in others})
        moving.filter(Exists(kept)).delete()
