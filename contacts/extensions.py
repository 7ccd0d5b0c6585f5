"""Named places where an app above contacts adds to contacts' pages and actions.

contacts is the lowest app and imports neither strategy nor reminders (README, "How the
code is arranged"). Where one of its pages offers what a higher app owns, that app
registers it here from its AppConfig.ready(), and contacts calls it at the named place,
in plain sight in the view or model that does the work:

- `log_forms`: a form shown, validated and saved with every newly logged interaction
  (reminders adds "follow up in …", which creates the follow-ups).
- `introduction_made`: called in the same transaction as marking an introduction made
  (reminders plans a follow-up to ask how it went).
- `circles`: groups whose members may want to meet, for the introduction suggestions
  (strategy adds goals and groups; contacts has tags).
- `contacts_written`: called in the same transaction when contacts are created or changed
  without Contact.save() (an import's bulk_create and bulk_update, the desk's one-UPDATE
  bulk actions), which sends no post_save signal (webhooks records its events).
- `interaction_deleting`: what deleting an interaction does to rows of a higher app, said
  on the confirmation page and done in the same transaction as the deletion (reminders
  deletes the open follow-ups planned with it).
"""

import dataclasses
from collections.abc import Callable

from django import forms


@dataclasses.dataclass(frozen=True)
class Circle:
    """A kind of group, read through the model that links it to contacts."""

    kind: str
    # The link model (a many-to-many through table) with contact_id and `circle_field`.
    through: type
    circle_field: str
    # The lookup of the circle's name, from the link model.
    label: str
    # How much sharing such a circle says about two people.
    weight: int
    # The reason shown for a pair: "both tagged “Design”".
    reason: Callable[[str], str]


class LogForm(forms.Form):
    """A form shown with the quick log and the new-interaction form.

    `quick_template` renders its fields inside the quick log (the full form shows each field
    with partials/field.html); save() runs after the interaction
    was created, in the same transaction.
    """

    quick_template = ""

    def save(self, interaction) -> None:
        raise NotImplementedError


@dataclasses.dataclass(frozen=True)
class Consequence:
    """What deleting something also does: the sentences for the confirmation page, and the
    change, run just before the deletion in the same transaction."""

    sentences: list[str]
    apply: Callable[[], object]


log_forms: list[type[LogForm]] = []
introduction_made: list[Callable] = []
circles: list[Circle] = []
contacts_written: list[Callable] = []
interaction_deleting: list[Callable[..., Consequence | None]] = []


def register_log_form(form_class: type[LogForm]) -> None:
    if form_class not in log_forms:
        log_forms.append(form_class)


def on_introduction_made(handler: Callable) -> None:
    if handler not in introduction_made:
        introduction_made.append(handler)


def on_interaction_deleting(handler: Callable[..., Consequence | None]) -> None:
    """`handler(interaction)` says what deleting it does, or None when it does nothing."""
    if handler not in interaction_deleting:
        interaction_deleting.append(handler)


def consequences_of_deleting(interaction) -> list[Consequence]:
    found = (handler(interaction) for handler in interaction_deleting)
    return [consequence for consequence in found if consequence is not None]


def register_circle(circle: Circle) -> None:
    if circle.kind not in {known.kind for known in circles}:
        circles.append(circle)


def on_contacts_written(handler: Callable) -> None:
    if handler not in contacts_written:
        contacts_written.append(handler)


def written(owner_id: int, contact_ids, *, created: bool) -> None:
    """Tell the higher apps about contacts written in bulk: `contact_ids` is a list or a
    values("pk") queryset of the contacts (taken before the change, since a change may move
    them out of the filter that chose them); a handler reads it only if it needs it."""
    for handler in contacts_written:
        handler(owner_id, contact_ids, created)


def bound_log_forms(data=None) -> list[LogForm]:
    """The registered log forms, bound to the POST data (or unbound for a new page)."""
    return [form_class(data) for form_class in log_forms]
