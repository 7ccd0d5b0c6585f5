"""Backups of the whole instance (every account, the database as it is), for the operator:
`manage.py backup` and `manage.py restore`. A user's own JSON backup is netzwerk/account/.

Postgres: a `pg_dump --format=custom` archive, one consistent snapshot taken while the app runs.
SQLite: a copy made with SQLite's online backup API, consistent even while others write.
A backup is written under a temporary name and renamed when complete, so a crash never leaves
a partial file that counts as a backup, and old ones are pruned only after a new one exists.
"""

import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404 # runs pg_dump and pg_restore with argument lists, no shell
import time
from contextlib import closing
from pathlib import Path

from django.db import connection
from django.utils import timezone

PREFIX = "netzwerk-"
EXTENSIONS = {"postgresql": ".dump", "sqlite": ".sqlite3"}
BACKUP_NAME = re.compile(r"^netzwerk-\d{8}-\d{6}\.(dump|sqlite3)$")
# Seconds a SQLite backup waits for writers to let it read.
LOCK_TIMEOUT = 300
# The first bytes of each kind of file: a restore refuses a file of the other kind.
MAGIC = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\x00"}


class BackupError(Exception):
    pass


def _vendor() -> str:
    if connection.vendor not in EXTENSIONS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def backups_in(directory: Path) -> list[Path]:
    """The backups in a directory, oldest first (the names sort by their time)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if BACKUP_NAME.match(p.name) and p.is_file())


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; other files are never touched."""
    backups = backups_in(directory)
    removed = backups[: max(len(backups) - keep, 0)]
    for path in removed:
        path.unlink()
    return removed


def backup(directory: Path, keep: int) -> Path:
    """Write a backup named after the current time (UTC) into `directory`, then prune."""
    if keep < 1:
        raise BackupError("Keep at least one backup.")
    vendor = _vendor()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    target = directory / f"{PREFIX}{stamp}{EXTENSIONS[vendor]}"
    if target.exists():
        raise BackupError(f"{target} exists already: one backup per second at most.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        if vendor == "postgresql":
            _pg("pg_dump", "--format=custom", "--no-password", f"--file={partial}")
        else:
            _sqlite_backup(partial)
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    prune(directory, keep)
    return target


def restore(path: Path) -> dict[str, int]:
    """Restore a backup into the configured database, which must be empty; the rows per table."""
    vendor = _vendor()
    if not path.is_file():
        raise BackupError(f"There is no file {path}.")
    with path.open("rb") as file:
        if file.read(len(MAGIC[vendor])) != MAGIC[vendor]:
            kind = "pg_dump custom-format archive" if vendor == "postgresql" else "SQLite file"
            raise BackupError(f"{path} is not a {kind}, which this {vendor} database needs.")
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables). Restore only into an empty "
            "database: create a new one, or drop and recreate this one."
        )
    if vendor == "postgresql":
        connection.close()
        _pg(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        )
    else:
        with closing(sqlite3.connect(path)) as source:
            connection.ensure_connection()
            source.backup(connection.connection)
    return row_counts()


def row_counts() -> dict[str, int]:
    """Rows per table of the configured database: what an operator compares after a restore."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            # Table names come from the database's own catalogue, quoted.
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # nosec B608
            counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_backup(target: Path) -> None:
    """Copy the database in one step of the backup API (one consistent snapshot) through a
    connection of its own, so no transaction of this process stands in the way. While another
    process writes, SQLite retries; past LOCK_TIMEOUT it gives up rather than hang."""
    name = str(connection.settings_dict["NAME"])
    deadline = time.monotonic() + LOCK_TIMEOUT

    def give_up_when_locked_too_long(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise BackupError(f"The database stayed locked for {LOCK_TIMEOUT} s; try again.")

    with (
        closing(sqlite3.connect(name, uri=name.startswith("file:"))) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy, progress=give_up_when_locked_too_long)


def _pg(program: str, *arguments: str) -> None:
    """Run a PostgreSQL client program against the configured database. The password goes in
    the environment, not on the command line where other users of the machine could read it."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} is not installed (Debian: apt-get install postgresql-client)."
        )
    db = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": db["HOST"] or "",
        "PGPORT": str(db["PORT"] or ""),
        "PGUSER": db["USER"] or "",
        "PGPASSWORD": db["PASSWORD"] or "",
        "PGDATABASE": db["NAME"],
    }
    if sslmode := db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    result = subprocess.run(  # nosec B603 # a fixed program and arguments, no shell
        [executable, *arguments], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
