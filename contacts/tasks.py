"""Celery tasks of the contacts: thin wrappers around the model layer, safe to run twice."""

from celery import shared_task

from .models import Contact


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
