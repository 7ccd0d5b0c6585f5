"""Every model whose rows belong to a user, found in the model registry: models with an
`owner`, and models that reach one through a foreign key (a profile link through its
contact, the link tables of many-to-many fields)."""

import functools
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

# The apps that hold the users' data; the user model itself holds the preferences.
DATA_APPS = ("contacts", "carddav", "strategy", "reminders", "webhooks", "api")


@dataclass(frozen=True)
class Owned:
    model: type[models.Model]
    # The lookup from a row to its user: "owner", "contact__owner", …
    owner_path: str

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def in_backup(self) -> bool:
        """A model says why its rows stay out of a backup with a class attribute
        `kept_out_of_backup` (a secret of one device, a device's sync state); they are still
        counted, shown to the person they name, and deleted with the account."""
        return not getattr(self.model, "kept_out_of_backup", "")

    @property
    def holder(self) -> type[models.Model] | None:
        """For the link table of a many-to-many field (Django's own, or one with fields of
        its own such as the date beside an interaction's people): the model declaring it."""
        return _link_holders().get(self.model)

    def rows_of(self, user) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.owner_path: user})

    def foreign_keys(self) -> list[models.ForeignKey]:
        """The foreign keys to other owned rows (the owner itself is not one)."""
        return [
            field
            for field in self.model._meta.concrete_fields
            if field.many_to_one or field.one_to_one
            if field.related_model is not apps.get_model(settings.AUTH_USER_MODEL)
        ]


@functools.cache
def _link_holders() -> dict[type[models.Model], type[models.Model]]:
    return {
        field.remote_field.through: model
        for model in apps.get_models()
        for field in model._meta.local_many_to_many
    }


def _owner_paths(candidates) -> dict:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    paths: dict = {}
    # A row reaches its user in a few hops at most; each round adds the next hop.
    for _round in range(len(candidates)):
        for model in candidates:
            if model in paths:
                continue
            for field in model._meta.concrete_fields:
                if not (field.many_to_one or field.one_to_one):
                    continue
                if field.related_model is user_model:
                    paths[model] = field.name
                    break
                if field.related_model in paths and not field.null:
                    paths[model] = f"{field.name}__{paths[field.related_model]}"
                    break
    return paths


@functools.cache
def owned_models() -> tuple[Owned, ...]:
    """Every owned model (many-to-many link tables included), each after the models its
    foreign keys point to, so a restore can insert them in this order."""
    candidates = [
        model
        for label in DATA_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        # The instance's own bookkeeping (which periodic run is the newest) says so.
        if not getattr(model, "belongs_to_no_user", False)
    ]
    paths = _owner_paths(candidates)
    unowned = [m._meta.label for m in candidates if m not in paths]
    if unowned:
        raise LookupError(f"No way from these models to their user: {', '.join(unowned)}")
    ordered: list = []
    pending = list(candidates)
    while pending:
        for model in pending:
            targets = {
                f.related_model
                for f in model._meta.concrete_fields
                if (f.many_to_one or f.one_to_one) and f.related_model in paths
            }
            if targets - {model} <= set(ordered):
                ordered.append(model)
                pending.remove(model)
                break
        else:
            raise LookupError("The foreign keys of the owned models form a cycle.")
    return tuple(Owned(model, paths[model]) for model in ordered)


def backed_up_models() -> tuple[Owned, ...]:
    """The owned models a backup holds and a restore writes, in insertion order."""
    return tuple(owned for owned in owned_models() if owned.in_backup)


def by_label() -> dict[str, Owned]:
    return {owned.label: owned for owned in backed_up_models()}
