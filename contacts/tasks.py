"""Celery tasks of the contacts: thin wrappers around the model layer, safe to run twice."""

import logging

from celery import shared_task
from django.db import transaction

from .importing import committing, reading
from .models import Contact, ContactMark, ImportBatch, ImportState
from .models.search import clean_search_index

logger = logging.getLogger(__name__)


@shared_task
def rebuild_stale_search_texts(owner_id: int | None = None, batches: int = 200) -> int:
    """Mark the contacts a tag rename or delete queued, then rebuild the search text of
    contacts marked stale, a batch at a time (the desk shows the count going down). Without
    an owner: every user's, as the periodic safety net for a task that was lost. Two runs
    at once only mark or rebuild some contacts twice."""
    contacts, marks = Contact.objects.all(), ContactMark.objects.all()
    if owner_id is not None:
        contacts, marks = contacts.filter(owner_id=owner_id), marks.filter(owner_id=owner_id)
    while marks.mark_batch():
        pass
    rebuilt = 0
    for _batch in range(batches):
        done = contacts.rebuild_stale_search_batch()
        rebuilt += done
        if not done:
            break
    if rebuilt:
        clean_search_index()
    return rebuilt


def enqueue_soon(task, *args) -> None:
    """Enqueue the task once the transaction commits. A broker that is down only delays it:
    what the task is to do is in the database, and a periodic run finds it."""

    def enqueue():
        try:
            task.delay(*args)
        except Exception:
            logger.warning(
                "%s not enqueued; the periodic run will do it.", task.name, exc_info=True
            )

    transaction.on_commit(enqueue)


def rebuild_search_soon(owner_id: int) -> None:
    enqueue_soon(rebuild_stale_search_texts, owner_id)


@shared_task
def read_import(batch_id: int) -> None:
    """Read an uploaded import into its preview (contacts/importing/reading.py)."""
    reading.read(batch_id)


@shared_task
def commit_import(batch_id: int) -> None:
    """Write an import the user confirmed, all or nothing. A failure leaves nothing written
    and the preview as it was, with the reason."""
    try:
        committing.commit(batch_id)
    except Exception:
        logger.exception("Import %s could not be committed", batch_id)
        ImportBatch.objects.filter(pk=batch_id, state=ImportState.COMMITTING).update(
            state=ImportState.READY, error=committing.FAILED_TEXT
        )


# A task waiting longer than this was lost (a broker outage); reading longer than the task
# time limit means the worker died.
STALLED_MINUTES = 2
DEAD_MINUTES = 10


@shared_task
def resume_imports() -> int:
    """The periodic safety net: imports whose task was lost are enqueued again."""
    resumed = 0
    for batch_id in ImportBatch.objects.dead(DEAD_MINUTES):
        if ImportBatch.objects.claim(batch_id, ImportState.READING, ImportState.QUEUED):
            read_import.delay(batch_id)
            resumed += 1
    for batch_id, state in ImportBatch.objects.stalled(STALLED_MINUTES):
        (read_import if state == ImportState.QUEUED else commit_import).delay(batch_id)
        resumed += 1
    return resumed
