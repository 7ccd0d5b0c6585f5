"""What a webhook says: one JSON object per event, built at each attempt from the object as
it is then. A deleted object is sent as its id with "deleted": true, and a person deleted
since the event (their page, "forget this person", the account, a merge, a restore) is left
out of an interaction's people: no body is kept for a retry, so none can carry their name
after they are gone. Shapes are documented in the README ("Webhooks")."""

import datetime
import json

from django.conf import settings
from django.utils import timezone, translation

from contacts.models import Contact, Interaction
from reminders.clock import local
from reminders.models import FollowUp, Nudge

from .models import Delivery, Event


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _contact(contact: Contact) -> dict:
    return {
        "id": contact.pk,
        "name": contact.name,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "company": contact.company,
        "role": contact.role,
        "city": contact.city,
        "emails": contact.emails,
        "phones": contact.phones,
        "category": contact.category,
        "status": contact.status,
        "warmth": contact.warmth,
        "tags": sorted(tag.name for tag in contact.tags.all()),
        "created_at": contact.created_at.isoformat(),
        "updated_at": contact.updated_at.isoformat(),
        "url": _url(contact.get_absolute_url()),
    }


def _person(contact: Contact) -> dict:
    return {"id": contact.pk, "name": contact.name}


def _interaction(interaction: Interaction) -> dict:
    return {
        "id": interaction.pk,
        "kind": interaction.kind,
        "date": interaction.date.isoformat(),
        "notes": interaction.notes,
        "contacts": [_person(c) for c in interaction.contacts.all()],
        "created_at": interaction.created_at.isoformat(),
    }


def _nudge(nudge: Nudge, now: datetime.datetime) -> dict:
    with translation.override(nudge.owner.language):
        text = nudge.headline(local(now, nudge.owner.time_zone).date())
    return {
        "id": nudge.pk,
        "kind": nudge.kind,
        "occurs_on": nudge.occurs_on.isoformat(),
        "text": text,
        "contact_id": nudge.contact_id,
        "url": _url(nudge.target_url()),
    }


def _follow_up(follow_up: FollowUp) -> dict:
    return {
        "id": follow_up.pk,
        "contact": _person(follow_up.contact),
        "due_on": follow_up.due_on.isoformat(),
        "note": follow_up.note,
        "repeat": follow_up.repeat,
        "done_at": follow_up.done_at.isoformat() if follow_up.done_at else None,
    }


def _objects(deliveries: list[Delivery]) -> dict[tuple[str, int], object]:
    """The objects these deliveries are about, a fixed number of queries per kind."""
    wanted: dict[str, set[int]] = {}
    for delivery in deliveries:
        kind = delivery.event.split(".")[0]
        wanted.setdefault(kind, set()).add(delivery.object_id)
    querysets = {
        "contact": Contact.objects.prefetch_related("tags"),
        "interaction": Interaction.objects.prefetch_related("contacts"),
        "nudge": Nudge.objects.for_display(),
        "followup": FollowUp.objects.select_related("contact"),
    }
    return {
        (kind, obj.pk): obj
        for kind, ids in wanted.items()
        for obj in querysets[kind].filter(pk__in=ids)
    }


def bodies(deliveries: list[Delivery], now: datetime.datetime | None = None) -> dict[int, str]:
    """The JSON body of each delivery (by id)."""
    now = now or timezone.now()
    objects = _objects(deliveries) if deliveries else {}
    build = {
        Event.CONTACT_CREATED: _contact,
        Event.CONTACT_UPDATED: _contact,
        Event.INTERACTION_LOGGED: _interaction,
        Event.NUDGE_DUE: lambda nudge: _nudge(nudge, now),
        Event.FOLLOW_UP_DONE: _follow_up,
    }
    result = {}
    for delivery in deliveries:
        obj = objects.get((delivery.event.split(".")[0], delivery.object_id))
        data = build[delivery.event](obj) if obj else {"id": delivery.object_id, "deleted": True}
        result[delivery.pk] = json.dumps(
            {
                "id": delivery.event_id,
                "type": delivery.event,
                "created_at": delivery.occurred_at.isoformat(),
                "data": data,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
    return result
