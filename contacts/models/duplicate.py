from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

from .pairs import merge_pair_rows


class DismissalQuerySet(OwnedQuerySet):
    def pairs(self) -> set[tuple[int, int]]:
        """The dismissed pairs as (smaller id, larger id)."""
        return set(self.values_list("contact_a_id", "contact_b_id"))

    def dismiss(self, owner, a, b) -> "NotDuplicate":
        a, b = sorted([a, b], key=lambda contact: contact.pk)
        dismissal, _created = self.get_or_create(owner=owner, contact_a=a, contact_b=b)
        return dismissal


class NotDuplicate(models.Model):
    """Two contacts the user said are different people: the duplicates page stops offering
    them as a pair. Stored once per pair, the smaller id as contact_a."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    contact_a = models.ForeignKey("contacts.Contact", on_delete=models.CASCADE, related_name="+")
    contact_b = models.ForeignKey("contacts.Contact", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = DismissalQuerySet.as_manager()

    class Meta:
        verbose_name = _("not a duplicate")
        verbose_name_plural = _("not duplicates")
        constraints = [
            models.UniqueConstraint("owner", "contact_a", "contact_b", name="not_duplicate_once"),
            models.CheckConstraint(
                condition=Q(contact_a__lt=F("contact_b")), name="not_duplicate_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_a_id} ≠ {self.contact_b_id}"

    @classmethod
    def merge_contact_rows(cls, survivor, other) -> None:
        """Merging two contacts (contacts/merging.py): the survivor keeps what was said about
        the other and a third person."""
        merge_pair_rows(cls._base_manager.filter(owner_id=survivor.owner_id), survivor, other)
