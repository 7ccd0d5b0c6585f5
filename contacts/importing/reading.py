"""Reading an uploaded batch into its preview, in a Celery task (the request only stores the
files): every file decoded and read, the progress written after each, then the rows matched
against the user's contacts. A CSV of no known format stops the batch at the mapping step
until the user says what its columns hold."""

import base64
import logging

from django.utils import translation
from django.utils.translation import gettext as _

from ..models import ColumnMapping, ImportBatch, ImportState
from .files import FileResult, read_file
from .preview import build_rows

logger = logging.getLogger(__name__)


def read(batch_id: int) -> bool:
    """Read a queued batch; False when it was not waiting (another run has it)."""
    if not ImportBatch.objects.claim(batch_id, ImportState.QUEUED, ImportState.READING):
        return False
    batch = ImportBatch.objects.select_related("owner").get(pk=batch_id)
    with translation.override(batch.owner.language):
        try:
            _read(batch)
        except Exception:
            logger.exception("Import %s could not be read", batch_id)
            batch.state = ImportState.FAILED
            batch.error = _("Something went wrong while reading the files; nothing was imported.")
            batch.save(update_fields=["state", "error", "updated_at"])
    return True


def _read(batch: ImportBatch) -> None:
    mappings = dict(ColumnMapping.objects.for_owner(batch.owner).values_list("signature", "fields"))
    results: list[FileResult] = []
    for number, upload in enumerate(batch.files, start=1):
        results.append(read_file(upload["name"], base64.b64decode(upload["data"]), mappings))
        ImportBatch.objects.filter(pk=batch.pk).update(done_files=number)
    batch.done_files = len(results)
    for upload, result in zip(batch.files, results, strict=True):
        upload.update(
            source=result.source,
            error=result.error,
            headers=result.headers,
            fields=result.fields,
            signature=result.signature,
            needs_mapping=result.needs_mapping,
        )
    # The files stay until the import is done, so the columns can still be changed.
    if any(result.needs_mapping for result in results):
        batch.state = ImportState.MAPPING
    else:
        batch.rows = build_rows(batch.owner, results)
        batch.state = ImportState.READY
    batch.save(update_fields=["files", "rows", "state", "done_files", "updated_at"])


def encode_upload(name: str, content: bytes) -> dict:
    return {"name": name, "size": len(content), "data": base64.b64encode(content).decode()}
