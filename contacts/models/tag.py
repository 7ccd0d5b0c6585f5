from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.once import create_once
from netzwerk.owned import OwnedQuerySet


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

    def rename(self, name: str) -> None:
        """Rename; the tagged contacts' search text follows in the background
        (contacts/tasks.py), so the request costs the same however many carry the tag."""
        self.name = name.strip()
        self.save(update_fields=["name"])
        self.mark_contacts_changed()

    @transaction.atomic
    def delete(self, *args, **kwargs):
        # Marked before deleting: the links that say who carried the tag go with it.
        self.mark_contacts_changed()
        return super().delete(*args, **kwargs)

    def mark_contacts_changed(self) -> int:
        """One UPDATE: the tag is part of each card a phone shows (CATEGORIES), so the cards
        changed, and part of the search text, which the background rebuild renews."""
        contact_model = self.contacts.model
        carrying = self.contacts.through.objects.filter(tag_id=self.pk).values("contact_id")
        return contact_model.objects.filter(pk__in=carrying).update(
            updated_at=timezone.now(), search_stale=True
        )


def count_contacts(tags: list[Tag]) -> None:
    """Set `contact_count` on each of these tags, in one query that reads the links of these
    tags only (not every tag's links, which grow with the network)."""
    links = Tag.contacts.through.objects.filter(tag__in=tags).order_by()
    counts = dict(links.values("tag").annotate(n=models.Count("*")).values_list("tag", "n"))
    for tag in tags:
        tag.contact_count = counts.get(tag.pk, 0)
