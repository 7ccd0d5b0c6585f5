"""Restoring a JSON backup (backup.py) into an empty account, all or nothing.

Rows are inserted model by model, parents first (registry.py), each with a new id; every
reference is translated through the ids given so far, so a backup can only ever point at
rows it brought itself. A backup of an older format version is upgraded first (UPGRADES).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from ..forms import PreferencesForm
from .backup import FORMAT, PREFERENCES, VERSION, columns, owner_column
from .registry import Owned, backed_up_models, by_label, owned_models

BATCH = 1_000


class RestoreError(Exception):
    """The backup cannot be restored; the message says why, in the user's language."""


def upgrade_1_to_2(backup: dict) -> dict:
    """Version 1 (the first backups) kept the preferences under "user" and the models in a
    list of {"model", "rows"}, and a contact's birthday as one text, "1980-03-15" or
    "--03-15" without a year. Version 2 has "preferences", "data" by model label, and the
    birthday in three fields, so a year can be unknown without a made-up one."""
    data = {entry["model"]: entry["rows"] for entry in backup.get("models", [])}
    for row in data.get("contacts.Contact", []):
        day, month, year = None, None, None
        birthday = (row.pop("birthday", None) or "").strip()
        if birthday.startswith("--") and len(birthday) == 7:
            month, day = int(birthday[2:4]), int(birthday[5:7])
        elif birthday:
            born = datetime.date.fromisoformat(birthday)
            year, month, day = born.year, born.month, born.day
        row.update(birthday_day=day, birthday_month=month, birthday_year=year)
    return {
        "format": backup["format"],
        "version": 2,
        "exported_at": backup.get("exported_at"),
        "preferences": backup.get("user", {}),
        "data": data,
    }


def upgrade_2_to_3(backup: dict) -> dict:
    """Version 3 leaves the contacts' search text out: it moved into a table of its own,
    derived data that a restore rebuilds (contacts/models/search.py)."""
    for row in backup["data"].get("contacts.Contact", []):
        row.pop("search_text", None)
    return {**backup, "version": 3}


def upgrade_3_to_4(backup: dict) -> dict:
    """Version 4 names the interactions' people by their own model, which carries the
    interaction's date beside each link (contacts.InteractionContact); the date comes from
    the interaction (a restore sets it from there again in any case)."""
    data = dict(backup["data"])
    links = data.pop("contacts.Interaction_contacts", None) or []
    dates = {row.get("id"): row.get("date") for row in data.get("contacts.Interaction") or []}
    data["contacts.InteractionContact"] = [
        {**row, "date": dates.get(row.get("interaction_id"))} for row in links
    ]
    return {**backup, "version": 4, "data": data}


# From each old version to the next; a restore walks them up to VERSION.
UPGRADES = {1: upgrade_1_to_2, 2: upgrade_2_to_3, 3: upgrade_3_to_4}


def upgraded(backup) -> dict:
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise RestoreError(_("This file is not a Netzwerk backup."))
    version = backup.get("version")
    if not isinstance(version, int) or version < 1:
        raise RestoreError(_("This backup has no format version."))
    if version > VERSION:
        raise RestoreError(
            _("This backup was made by a newer version of Netzwerk (format %(version)s).")
            % {"version": version}
        )
    try:
        while backup["version"] < VERSION:
            backup = UPGRADES[backup["version"]](backup)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RestoreError(_("The backup is damaged: %(error)s") % {"error": error}) from error
    return backup


@dataclass
class Restored:
    rows: int
    models: int


def is_empty(user) -> bool:
    return not any(owned.rows_of(user).exists() for owned in backed_up_models())


@transaction.atomic
def restore(user, backup) -> Restored:
    """Restore the backup (parsed JSON) into the user's account, which must be empty."""
    backup = upgraded(backup)
    data = backup.get("data")
    if not isinstance(data, dict):
        raise RestoreError(_("The backup is damaged: it holds no data."))
    known = by_label()
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise RestoreError(
            _("The backup holds data this version does not know: %(models)s")
            % {"models": ", ".join(unknown)}
        )
    if not is_empty(user):
        raise RestoreError(_("A backup can only be restored into an empty account."))
    _restore_preferences(user, backup.get("preferences") or {})
    new_ids: dict[type, dict[int, int]] = {}
    total = 0
    for owned in backed_up_models():
        rows = data.get(owned.label) or []
        if not isinstance(rows, list):
            raise RestoreError(_("The backup is damaged: %(model)s") % {"model": owned.label})
        new_ids[owned.model] = _insert(user, owned, rows, new_ids)
        total += len(rows)
    _rebuild_derived(user)
    return Restored(rows=total, models=sum(1 for label in data if data[label]))


def _rebuild_derived(user) -> None:
    """Rows a backup leaves out because they follow from the others (a model with
    `rebuilt_after_restore`, a classmethod taking the user) are built again."""
    for owned in owned_models():
        rebuild = getattr(owned.model, "rebuilt_after_restore", None)
        if rebuild is not None:
            rebuild(user)


def _restore_preferences(user, values: dict) -> None:
    current = {name: getattr(user, name) for name in PREFERENCES}
    form = PreferencesForm({**current, **{k: v for k, v in values.items() if k in PREFERENCES}})
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(e)}" for name, e in form.errors.items())
        raise RestoreError(
            _("The preferences in the backup are invalid: %(problems)s") % {"problems": problems}
        )
    for name in PREFERENCES:
        setattr(user, name, form.cleaned_data[name])
    user.save(update_fields=list(PREFERENCES))


def _insert(user, owned: Owned, rows: list, new_ids: dict) -> dict[int, int]:
    """Insert the rows of one model; returns old id → new id."""
    model = owned.model
    fields = {f.attname: f for f in model._meta.concrete_fields}
    allowed = set(columns(owned))
    references = {f.attname: f for f in owned.foreign_keys()}
    owner = owner_column(owned)
    objects, old_ids = [], []
    for number, row in enumerate(rows, 1):
        where = f"{owned.label} #{number}"
        if not isinstance(row, dict):
            raise RestoreError(_("The backup is damaged: %(where)s") % {"where": where})
        values = {}
        for name, value in row.items():
            if name not in allowed:
                raise RestoreError(
                    _("%(where)s has a field this version does not know: %(field)s")
                    % {"where": where, "field": name}
                )
            if name == "id":
                continue
            field = fields[name]
            if name in references and value is not None:
                value = new_ids.get(references[name].related_model, {}).get(value)
                if value is None and not field.null:
                    raise RestoreError(
                        _("%(where)s refers to a row the backup does not hold (%(field)s).")
                        % {"where": where, "field": name}
                    )
            try:
                values[name] = field.to_python(value)
            except ValidationError as error:
                raise RestoreError(
                    _("%(where)s, %(field)s: %(error)s")
                    % {"where": where, "field": name, "error": " ".join(error.messages)}
                ) from error
        if owner:
            values[owner] = user.pk
        objects.append(model(**values))
        old_ids.append(row.get("id"))
    try:
        created = model._base_manager.bulk_create(objects, batch_size=BATCH)
    except DatabaseError as error:
        raise RestoreError(
            _("The backup could not be restored (%(model)s): %(error)s")
            % {"model": owned.label, "error": error}
        ) from error
    return {old: obj.pk for old, obj in zip(old_ids, created, strict=True) if old is not None}
