"""Changes to many contacts at once (the desk's bulk actions), each a fixed number of SQL
statements however many contacts it touches: "all 10,000 matching this filter" is one UPDATE,
never a loop over contacts.

The search text cannot be rebuilt in SQL (the folding is Python's), so a tag change marks the
contacts `search_stale` in the same statement and a background task rebuilds them in batches
(contacts/tasks.py); the desk shows how many are still waiting.
"""

from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from .. import extensions
from .choices import Category, Status
from .sql import count_union, insert_select
from .tag import ContactMark

# Contacts whose search text a batch of the background rebuild takes at once.
SEARCH_BATCH = 500
# Contacts waiting for their search text that the progress note counts; beyond, "more than".
WAITING_COUNTED = 1_000


class AddDays(models.Func):
    """date + n days, NULL if either is NULL (Postgres adds an integer to a date directly;
    SQLite needs its date() modifier)."""

    output_field = models.DateField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        (day, day_params), (days, days_params) = (
            compiler.compile(e) for e in self.source_expressions
        )
        return f"({day} + {days})", [*day_params, *days_params]

    def as_sqlite(self, compiler, connection, **extra_context):
        (day, day_params), (days, days_params) = (
            compiler.compile(e) for e in self.source_expressions
        )
        return f"date({day}, '+' || ({days}) || ' days')", [*day_params, *days_params]


def keep_in_touch_due_expression(owner, *, category: str | None = None, status: str | None = None):
    """keep_in_touch_due() of contacts/models/rhythm.py as one SQL expression, for an UPDATE
    that also sets the category or status: inside an UPDATE every expression reads the row as
    it was, so the new value is given here as a constant."""
    status_is_active = (
        Value(status == Status.ACTIVE) if status is not None else Q(status=Status.ACTIVE)
    )
    if category is not None:
        default_days = Value(owner.rhythm_days(category), output_field=models.IntegerField())
    else:
        default_days = Case(
            *(When(category=c.value, then=Value(owner.rhythm_days(c.value))) for c in Category),
            output_field=models.IntegerField(),
        )
    anchor = Coalesce("last_contacted_on", TruncDate("created_at"))
    days = Coalesce("keep_in_touch_days", default_days)
    return Case(
        When(status_is_active, then=AddDays(anchor, days)),
        default=Value(None),
        output_field=models.DateField(),
    )


class ContactBulkQueries:
    """Bulk changes on the contact queryset (a mixin, like ContactReminderQueries). The
    queryset must be one owner's: `Contact.objects.for_owner(user).filter(…)`."""

    def _chosen_ids(self):
        return self.order_by().values("pk")

    def _all_chosen(self):
        """The same contacts without joins or ordering, for an UPDATE or DELETE."""
        return self.model.objects.filter(pk__in=self._chosen_ids())

    def bulk_set_category(self, owner, category: str) -> int:
        return self._triage(owner, category=Category(category))

    def bulk_set_status(self, owner, status: str) -> int:
        return self._triage(owner, status=Status(status))

    def _triage(self, owner, **change) -> int:
        """One UPDATE: the new category or status, triaged now (as Contact.set_category()
        and archive() do for one), and the keep-in-touch day that follows from it."""
        now = timezone.now()
        with transaction.atomic():
            extensions.written(owner.pk, self._chosen_ids(), created=False)
            return self._all_chosen().update(
                **change,
                triaged_at=now,
                updated_at=now,
                keep_in_touch_due_on=keep_in_touch_due_expression(owner, **change),
            )

    @transaction.atomic
    def bulk_add_tag(self, tag) -> int:
        """Tag these contacts: one INSERT … SELECT (contacts that had it are left alone)."""
        lacking = self._all_chosen().exclude(tags=tag)
        extensions.written(tag.owner_id, lacking.values("pk"), created=False)
        links = lacking.annotate(
            chosen=F("pk"), tag=Value(tag.pk, output_field=models.BigIntegerField())
        ).values("chosen", "tag")
        changed = lacking.update(search_stale=True, updated_at=timezone.now())
        insert_select(
            self.model.tags.through,
            {"contact_id": "chosen", "tag_id": "tag"},
            links,
            ignore_conflicts=True,
        )
        return changed

    @transaction.atomic
    def bulk_remove_tag(self, tag) -> int:
        """Untag these contacts: one DELETE on the link table."""
        through = self.model.tags.through
        extensions.written(
            tag.owner_id, self._all_chosen().filter(tags=tag).values("pk"), created=False
        )
        changed = (
            self._all_chosen().filter(tags=tag).update(search_stale=True, updated_at=timezone.now())
        )
        through.objects.filter(tag=tag, contact_id__in=self._chosen_ids()).delete()
        return changed

    @transaction.atomic
    def bulk_delete(self) -> int:
        """Delete these contacts, every row that belongs to them, and the interactions that
        were with them alone (shared ones stay for the others), as Contact.delete() does for
        one. A fixed number of statements: one per related table."""
        from .interaction import Interaction

        chosen = list(self.order_by().values_list("pk", flat=True))
        if not chosen:
            return 0
        through = Interaction.contacts.through
        touched = through.objects.filter(contact_id__in=chosen).values("interaction_id")
        shared = (
            through.objects.filter(interaction_id__in=touched)
            .exclude(contact_id__in=chosen)
            .values("interaction_id")
        )
        Interaction.objects.filter(pk__in=touched).exclude(pk__in=shared).delete()
        self.model.objects.filter(pk__in=chosen).delete()
        return len(chosen)

    def stale_search(self):
        return self.filter(search_stale=True)

    def waiting_for_search(self, owner) -> int:
        """How many of the owner's contacts wait for their search text: marked stale, or
        queued by a tag change to be marked (each counted once). One query, which counts up
        to WAITING_COUNTED + 1 only, so the desk's poll costs the same however many wait."""
        bound = WAITING_COUNTED + 1
        stale = self.filter(owner=owner).stale_search().order_by().values_list("pk")[:bound]
        queued = ContactMark.objects.filter(owner=owner).values_list("contact_id")[:bound]
        return min(count_union(stale, queued), bound)

    def rebuild_stale_search_batch(self, size: int = SEARCH_BATCH) -> int:
        """Rebuild the search text of up to `size` stale contacts; returns how many."""
        batch = list(self.stale_search().order_by("pk").values_list("pk", flat=True)[:size])
        if batch:
            self.model.objects.filter(pk__in=batch).rebuild_search_text()
        return len(batch)
