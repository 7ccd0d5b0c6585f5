"""The benchmark's work for the desk and the account's data: a bulk category change of every
contact of the heavy user, and the JSON backup of a whole account.

The bulk change runs the real request (the desk's bulk form, "all matching") inside a
transaction that is rolled back: the UPDATE does all its work, and the data stays as the
other measurements and a later `--reuse` expect it.
"""

from django.db import transaction
from django.urls import reverse

from netzwerk.account.backup import backup_chunks
from netzwerk.models import User


class _Undo(Exception):
    pass


def _undone_post(bench, url: str, data: dict):
    """The request's work, rolled back so the next run (and --reuse) finds the data as it was."""

    def run():
        try:
            with transaction.atomic():
                response = bench.client.post(url, data)
                if response.status_code != 302:
                    raise AssertionError(f"POST {url} answered {response.status_code}")
                raise _Undo
        except _Undo:
            pass

    return run


def bulk_category(bench):
    """Every contact of the heavy user becomes a Flamingo ("select all matching", no filter
    but "all statuses"), as the desk's bulk form posts it."""
    data = {"action": "category:flamingo", "scope": "matching", "f-status": "all"}
    return _undone_post(bench, reverse("contacts:bulk"), data)


def rename_common_tag(bench):
    """The tags page renames the most used tag."""
    url = reverse("contacts:tag_rename", args=[bench.dataset.common_tag_id])
    return _undone_post(bench, url, {"name": "Umbenannt im Benchmark"})


def delete_common_tag(bench):
    """The tags page deletes the most used tag."""
    return _undone_post(
        bench, reverse("contacts:tag_delete", args=[bench.dataset.common_tag_id]), {}
    )


def backup_of(user_of):
    """Stream the JSON backup of a user to nowhere, counting its size: tracemalloc's peak
    (the "alloc KiB" column) is what streaming needs, whatever the account's size."""

    def make(bench):
        user = user_of(bench)

        def run():
            return sum(len(piece) for piece in backup_chunks(user))

        return run

    return make


def light_user(bench) -> User:
    return User.objects.exclude(pk=bench.dataset.heavy.pk).order_by("pk").first()
