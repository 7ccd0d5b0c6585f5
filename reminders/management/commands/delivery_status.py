"""How delivery stands, for the operator: `manage.py delivery_status`."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from reminders.delivery_status import FAILURE_DAYS, delivery_report, other_queues


def _when(instant) -> str:
    return timezone.localtime(instant).strftime("%Y-%m-%d %H:%M:%S %Z") if instant else "-"


class Command(BaseCommand):
    help = (
        "Show the oldest pending mail (and webhook), claims held longer than the lease, "
        "failures per day, failing webhook endpoints and the last run of each periodic task. "
        "Exits with 1 when something needs a look."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        report = delivery_report(now)
        trouble = False
        for queue in report.queues + [report_of(now) for report_of in other_queues]:
            self.stdout.write(f"{queue.name}:")
            self.stdout.write(
                f"  pending {queue.pending}, oldest since {_when(queue.oldest_pending)}"
            )
            self.stdout.write(f"  claims held longer than the lease: {queue.stale_claims}")
            failures = ", ".join(f"{day}: {n}" for day, n in queue.failures.items()) or "none"
            self.stdout.write(f"  failed for good (last {FAILURE_DAYS} days): {failures}")
            for problem in queue.problems:
                self.stdout.write(self.style.ERROR(f"  {problem}"))
            trouble = trouble or bool(queue.stale_claims or queue.failures or queue.problems)
        self.stdout.write("periodic tasks (last queued / last run):")
        for run in report.runs:
            self.stdout.write(f"  {run.task}: {_when(run.queued_at)} / {_when(run.ran_at)}")
        if not report.runs:
            self.stdout.write("  none has run yet")
        if report.beat_problem:
            self.stdout.write(self.style.ERROR(f"beat: {report.beat_problem}"))
            trouble = True
        if trouble:
            raise SystemExit(1)
