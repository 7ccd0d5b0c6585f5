from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.once import create_once
from netzwerk.owned import OwnedQuerySet


class TagQuerySet(OwnedQuerySet):
    def with_contact_counts(self) -> "TagQuerySet":
        # Django leaves Meta.ordering out of GROUP BY queries, so the A–Z order is restated.
        return self.annotate(contact_count=models.Count("contacts")).order_by(Lower("name"), "id")

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
        self.name = name.strip()
        self.save(update_fields=["name"])
        # The tag is part of each card a phone shows (CATEGORIES): the cards changed too.
        self.contacts.all().update(updated_at=timezone.now())
        self.contacts.all().rebuild_search_text()

    def delete(self, *args, **kwargs):
        # Taken before deleting: once the tag has no pk, its related manager refuses to work.
        contact_model = self.contacts.model
        contact_ids = list(self.contacts.values_list("pk", flat=True))
        result = super().delete(*args, **kwargs)
        contact_model.objects.filter(pk__in=contact_ids).update(updated_at=timezone.now())
        contact_model.objects.filter(pk__in=contact_ids).rebuild_search_text()
        return result
