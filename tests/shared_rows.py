"""Rows built once for several tests, where building them costs more than the tests do."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rows_for_several_tests(django_db_blocker) -> Iterator[None]:
    """For a module- or class-scoped fixture: what is built inside stays for the tests of its
    scope. Each test runs in a transaction nested in this one, so what a test changes is
    undone before the next; at the end of the scope all of it is rolled back. Only for tests
    on `db` (a transactional test empties the tables and would not run nested)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
