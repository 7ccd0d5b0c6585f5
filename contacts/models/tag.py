from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.once import create_once
from netzwerk.owned import OwnedQuerySet

from .sql import insert_select

# Queued contacts a batch of the background marking updates at once.
MARK_BATCH = 1000


class TagQuerySet(OwnedQuerySet):
    def a_to_z(self) -> "TagQuerySet":
        return self.order_by(Lower("name"), "id")

    def named(self, name: str) -> "Tag":
        """The tag of this name, as the unique constraint compares names (case-insensitive)."""
        return self.get(name__iexact=name)

    def get_or_create_named(self, owner, names: list[str]) -> list["Tag"]:
        """The owner's tags with these names (case-insensitive), created where missing."""
        wanted = {name.strip().lower(): name.strip() for name in names if name.strip()}
        if not wanted:
            return []
        existing = {
            tag.name.lower(): tag
            for tag in self.annotate(lname=Lower("name")).filter(
                owner=owner, lname__in=list(wanted)
            )
        }
        missing = [
            Tag(owner=owner, name=name) for key, name in wanted.items() if key not in existing
        ]
        for tag in missing:
            existing[tag.name.lower()] = create_once(
                tag, lambda t=tag: self.for_owner(owner).named(t.name)
            )
        return [existing[key] for key in wanted]


class Tag(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(_("name"), max_length=50)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="tag_unique_name_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name

    @transaction.atomic
    def rename(self, name: str) -> None:
        """Rename; the tagged contacts are marked changed in the background
        (contacts/tasks.py), so the request costs the same however many carry the tag."""
        self.name = name.strip()
        self.save(update_fields=["name"])
        self.queue_carriers()

    @transaction.atomic
    def delete(self, *args, **kwargs):
        # Queued before deleting: the links that say who carried the tag go with it.
        self.queue_carriers()
        return super().delete(*args, **kwargs)

    def queue_carriers(self) -> None:
        """Queue the contacts that carry the tag to be marked changed: the tag is part of
        each card a phone shows (CATEGORIES) and of the search text. One narrow INSERT …
        SELECT, and the background task enqueued once the transaction commits; updating
        the wide contact rows and their indexes is the background's."""
        from ..tasks import rebuild_search_soon  # the tasks module imports the models

        carriers = self.contacts.through.objects.filter(tag_id=self.pk).annotate(
            owner=models.Value(self.owner_id, output_field=models.BigIntegerField())
        )
        insert_select(
            ContactMark,
            {"owner_id": "owner", "contact_id": "contact_id"},
            carriers.values("owner", "contact_id"),
        )
        rebuild_search_soon(self.owner_id)


class ContactMarkQuerySet(models.QuerySet):
    def mark_batch(self, size: int = MARK_BATCH) -> int:
        """Mark up to `size` queued contacts changed (their cards and search text follow)
        and take them off the queue; returns how many were taken."""
        batch = list(self.order_by("pk").values_list("pk", "contact_id")[:size])
        if batch:
            contacts = ContactMark.contact.field.related_model.objects
            with transaction.atomic():
                contacts.filter(pk__in={contact for _, contact in batch}).update(
                    updated_at=timezone.now(), search_stale=True
                )
                self.model.objects.filter(pk__in=[mark for mark, _ in batch]).delete()
        return len(batch)


class ContactMark(models.Model):
    """A contact a tag rename or delete changed, waiting for the background task to mark it
    changed (Tag.queue_carriers()). Deleting or forgetting the contact deletes its marks.
    The table has no foreign-key constraint, whose check would look every queued contact up
    once more."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    kept_out_of_backup = "work the background has yet to do after a tag change"

    objects = ContactMarkQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["owner", "id"], name="contactmark_owner_queue")]

    def __str__(self) -> str:
        return f"contact {self.contact_id} of user {self.owner_id}"


def count_contacts(tags: list[Tag]) -> None:
    """Set `contact_count` on each of these tags, in one query that reads the links of these
    tags only (not every tag's links, which grow with the network)."""
    links = Tag.contacts.through.objects.filter(tag__in=tags).order_by()
    counts = dict(links.values("tag").annotate(n=models.Count("*")).values_list("tag", "n"))
    for tag in tags:
        tag.contact_count = counts.get(tag.pk, 0)
