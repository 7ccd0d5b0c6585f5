"""`manage.py restore FILE`: a backup of `manage.py backup` into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netzwerk.instance_backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into the configured database, which "
        "must be empty; prints the rows per table to compare with the instance backed up."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            counts = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for table, rows in counts.items():
            self.stdout.write(f"{table}: {rows}")
        self.stdout.write(f"Restored {file}: {len(counts)} tables, {sum(counts.values()):,} rows.")
