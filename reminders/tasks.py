"""Celery tasks of the reminders: thin wrappers that take ids and call the model layer.

Every task is safe to run twice (unique nudge keys, claimed Digest rows, conditional UPDATE
claims of emails). None is scheduled ahead: beat runs the scans, the scans find what is due.
"""

from celery import shared_task

from . import delivery, push, scan


@shared_task
def scan_nudges() -> int:
    """Create the nudges due now, then send the emails among them."""
    offered = scan.scan_nudges()
    deliver_nudge_emails.delay_on_commit()
    deliver_push.delay_on_commit()
    return offered


@shared_task
def deliver_nudge_emails() -> int:
    """Finish claims a crash left behind, then one email task per user with emails due."""
    delivery.release_stale_claims()
    owners = delivery.owners_due_for_email()
    for user_id in owners:
        send_nudge_email.delay_on_commit(user_id)
    return len(owners)


@shared_task
def send_nudge_email(user_id: int) -> int:
    return delivery.send_nudge_email(user_id)


@shared_task
def deliver_push() -> int:
    """Finish claims a crash left behind, derive the notifications due, then one task per
    user with notifications due in their daytime."""
    push.release_stale_claims()
    push.create_deliveries()
    owners = push.owners_due()
    for user_id in owners:
        send_push.delay_on_commit(user_id)
    return len(owners)


@shared_task
def send_push(user_id: int) -> int:
    return push.send_push(user_id)


@shared_task
def send_due_digests() -> int:
    """Create this week's digest rows for users whose digest time has come; send them in
    chunks (one task per CHUNK_SIZE users, so a run costs few queries per user)."""
    due = delivery.due_digests()
    for user_ids, week in delivery.chunks(due):
        send_digests.delay_on_commit(user_ids, week)
    return len(due)


@shared_task
def send_digests(user_ids: list[int], week: str) -> int:
    return delivery.send_digests(user_ids, week)


@shared_task
def send_digest(user_id: int, week: str) -> bool:
    """One user's digest: for a resend by hand and for tasks queued before the chunks."""
    return delivery.send_digest(user_id, week)
