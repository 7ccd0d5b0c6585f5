"""Wait until the database accepts connections: the image's entrypoint runs this first, so a
web or worker container started together with its database does not crash on the first query.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection


class Command(BaseCommand):
    help = "Wait until the database accepts connections (exit 1 after --timeout seconds)."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--timeout", type=float, default=60, help="Seconds to wait at most.")

    def handle(self, *args, timeout: float, **options) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                connection.ensure_connection()
            except OperationalError as error:
                if time.monotonic() >= deadline:
                    # The driver's message names host and port but never the password.
                    reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
                    raise CommandError(
                        f"The database did not answer within {timeout:g} s: {reason}"
                    ) from error
                time.sleep(1)
            else:
                connection.close()
                self.stdout.write("The database is ready.")
                return
