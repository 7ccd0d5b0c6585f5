"""`manage.py backup`: a consistent backup of the whole instance (netzwerk/instance_backup.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from netzwerk.instance_backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a backup of the whole database (pg_dump custom format, or a SQLite copy) into "
        "a directory, named after the time, and delete all but the newest --keep backups."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dir", type=Path, default=None, help="Where to write (default: BACKUP_DIR)."
        )
        parser.add_argument(
            "--keep", type=int, default=None, help="Backups to keep (default: BACKUP_KEEP)."
        )

    def handle(self, *args, dir: Path | None, keep: int | None, **options) -> None:
        try:
            path = backup(
                dir or settings.BACKUP_DIR, settings.BACKUP_KEEP if keep is None else keep
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {path} ({path.stat().st_size:,} bytes)")
