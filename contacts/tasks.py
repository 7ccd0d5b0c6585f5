"""Celery tasks of the contacts: thin wrappers around the model layer, safe to run twice."""

import logging

from celery import shared_task
from django.db import transaction

from .models import Contact

logger = logging.getLogger(__name__)


@shared_task
def rebuild_stale_search_texts(owner_id: int | None = None, batches: int = 200) -> int:
    """Rebuild the search text of contacts a bulk tag change marked stale, a batch at a time
    (the desk shows the count going down). Without an owner: every user's, as the periodic
    safety net for a task that was lost. Two runs at once only rebuild some texts twice."""
    contacts = Contact.objects.all()
    if owner_id is not None:
        contacts = contacts.filter(owner_id=owner_id)
    rebuilt = 0
    for _batch in range(batches):
        done = contacts.rebuild_stale_search_batch()
        rebuilt += done
        if not done:
            break
    return rebuilt


def rebuild_search_soon(owner_id: int) -> None:
    """Enqueue the rebuild once the transaction commits. A broker that is down only delays
    it: the stale marks stay in the database and the periodic run finds them."""

    def enqueue():
        try:
            rebuild_stale_search_texts.delay(owner_id)
        except Exception:
            logger.warning(
                "Search rebuild not enqueued; the periodic run will do it.", exc_info=True
            )

    transaction.on_commit(enqueue)
