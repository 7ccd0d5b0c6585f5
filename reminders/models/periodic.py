import contextlib
import datetime

from django.db import DatabaseError, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodicRunQuerySet(models.QuerySet):
    def queued(self, task: str, task_id: str) -> None:
        """The beat (or a scan) queued a run of `task`: it is now the newest of its kind.

        Bookkeeping never stops a publish: with the database away the run still goes out.
        """
        with contextlib.suppress(DatabaseError):
            self.update_or_create(
                task=task, defaults={"queued_id": task_id, "queued_at": timezone.now()}
            )

    def begin(self, task: str, task_id: str | None, now: datetime.datetime) -> bool:
        """May this run of a periodic task go ahead? Not when a newer one of its kind has been
        queued behind it (that one does the same work later, on fresher data); else its run
        is recorded at `now`, the instant it runs for. Runs queued by hand or eagerly (no
        recorded id) always go ahead."""
        newest = self.filter(task=task).values_list("queued_id", flat=True).first()
        if task_id and newest and newest != task_id:
            return False
        self.update_or_create(task=task, defaults={"ran_at": now})
        return True

    def last_run_of(self, task: str) -> datetime.datetime | None:
        return self.filter(task=task).values_list("ran_at", flat=True).first()

    def last_run(self) -> datetime.datetime | None:
        return self.aggregate(last=models.Max("ran_at"))["last"]


class PeriodicRun(models.Model):
    """The newest queued and the last started run of one periodic task (reminders/tasks.py).

    A periodic task does not expire after a fixed time in the queue; it skips its run only
    when a newer one has been queued behind it, so a backlog neither piles up runs nor loses
    the last one. The last run is what the beat's health check and `delivery_status` read.
    """

    # (netzwerk/account) The instance's bookkeeping, no user's data: not in a backup, and
    # it stays when an account goes.
    belongs_to_no_user = True

    task = models.CharField(max_length=200, unique=True)
    queued_id = models.CharField(max_length=64, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    ran_at = models.DateTimeField(null=True, blank=True)

    objects = PeriodicRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")

    def __str__(self) -> str:
        return self.task
