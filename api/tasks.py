"""Celery tasks of the API: thin and safe to run twice."""

from celery import shared_task

from .models import IdempotentRequest


@shared_task
def forget_expired_idempotency_keys() -> int:
    """Delete the remembered answers older than their day. A keyed POST also forgets its
    own user's, but a user who stops sending keys would otherwise keep theirs for ever."""
    deleted, _by_model = IdempotentRequest.objects.expired().delete()
    return deleted
