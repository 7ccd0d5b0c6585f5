"""An import: the uploaded files, their rows as the preview shows them, and the user's
choices, until the commit writes them (contacts/importing/). Each batch belongs to one user;
the import page lists the recent ones, so an import can be left and come back to."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet


class ImportState(models.TextChoices):
    QUEUED = "queued", _("Waiting to be read")
    READING = "reading", _("Reading the files")
    MAPPING = "mapping", _("Columns to assign")
    READY = "ready", _("Ready for your review")
    COMMITTING = "committing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    DISCARDED = "discarded", _("Discarded")


class RowChoice(models.TextChoices):
    CREATE = "create", _("Create as new contact")
    MERGE = "merge", _("Merge into the existing one")
    SKIP = "skip", _("Skip")


class ImportBatchQuerySet(OwnedQuerySet):
    def recent(self, limit: int = 10) -> "ImportBatchQuerySet":
        return self.exclude(state=ImportState.DISCARDED).order_by("-created_at", "-id")[:limit]

    def claim(self, pk: int, before: str, after: str) -> bool:
        """Move a batch from one state to the next with one conditional UPDATE: of two
        workers running the same task, only one gets it."""
        return bool(self.filter(pk=pk, state=before).update(state=after, updated_at=timezone.now()))

    def stalled(self, minutes: int) -> list[tuple[int, str]]:
        """(id, state) of batches waiting for their task longer than a task takes to start."""
        since = timezone.now() - datetime.timedelta(minutes=minutes)
        waiting = [ImportState.QUEUED, ImportState.COMMITTING]
        return list(self.filter(state__in=waiting, updated_at__lt=since).values_list("pk", "state"))

    def dead(self, minutes: int) -> list[int]:
        """Batches still being read long after any task would have been stopped."""
        since = timezone.now() - datetime.timedelta(minutes=minutes)
        return list(
            self.filter(state=ImportState.READING, updated_at__lt=since).values_list(
                "pk", flat=True
            )
        )


class ImportBatch(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    # The files' names, for the list of recent imports.
    title = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=12, choices=ImportState.choices, default=ImportState.QUEUED)
    # The uploaded files until they are read: [{"name", "size", "data" (base64)}]; afterwards
    # only their names, sizes, sources and errors.
    files = models.JSONField(default=list)
    # One entry per row of every file (contacts/importing/preview.py says the shape).
    rows = models.JSONField(default=list)
    # Files read so far and in all, for the progress bar.
    done_files = models.PositiveIntegerField(default=0)
    total_files = models.PositiveIntegerField(default=0)
    # Why the batch failed, in the user's words.
    error = models.TextField(blank=True)
    # What the commit did: {"created": n, "merged": n, "skipped": n}.
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="import_owner_newest")]

    def __str__(self) -> str:
        return self.title or str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("contacts:import_batch", args=[self.pk])

    @property
    def state_choice(self) -> ImportState:
        return ImportState(self.state)

    def mappable_file(self, index=None) -> tuple[int, dict] | tuple[None, None]:
        """(index, file) of the CSV whose columns are to be assigned: the one asked for, else
        the first that needs it, else the first with a mapping that can still be changed."""
        if self.state not in {ImportState.MAPPING, ImportState.READY}:
            return None, None
        mappable = [(i, f) for i, f in enumerate(self.files) if f.get("headers") and f.get("data")]
        for i, upload in mappable:
            if i == index:
                return i, upload
        for i, upload in mappable:
            if upload.get("needs_mapping"):
                return i, upload
        return mappable[0] if mappable else (None, None)

    @property
    def working(self) -> bool:
        return self.state in {ImportState.QUEUED, ImportState.READING, ImportState.COMMITTING}

    @property
    def percent(self) -> int:
        if self.state in {ImportState.DONE, ImportState.READY, ImportState.MAPPING}:
            return 100
        if not self.total_files:
            return 0
        return round(100 * self.done_files / self.total_files)


class ColumnMapping(models.Model):
    """What the columns of a CSV of no known format hold, remembered per user for the next
    file with the same header."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="column_mappings"
    )
    # A hash of the header line (contacts/importing/csv_files.py, Table.signature).
    signature = models.CharField(max_length=32)
    headers = models.JSONField(default=list)
    fields = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint("owner", "signature", name="column_mapping_once"),
        ]

    def __str__(self) -> str:
        return ", ".join(self.headers)
