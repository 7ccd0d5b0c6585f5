"""Rows made once. Imports no app.

The same form sent twice at the same moment (a double tap, a network that resends) passes
every check of both requests before either has saved, so only the database's unique
constraint can decide. The request that loses gets the row that won.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, models, transaction

M = TypeVar("M", bound=models.Model)


def create_once(obj: M, existing: Callable[[], M], **save_kwargs) -> M:
    """Save the new `obj`; if a unique constraint finds it made already, `existing()`, the
    row that won (looked up after the winner's commit)."""
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
        return obj
    except IntegrityError:
        return existing()
