"""What `bin/run` does before it serves, in one process: migrate, then the demo account on the
first run. Django starts once instead of once per command; the system checks are left to
runserver, which runs them next anyway."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate the database, then create the demo account if it does not exist yet."
    requires_system_checks = []

    def handle(self, *args, **options) -> None:
        output = {"verbosity": options["verbosity"], "stdout": self.stdout, "stderr": self.stderr}
        call_command("migrate", interactive=False, skip_checks=True, **output)
        call_command("demo_data", if_empty=True, **output)
