"""`manage.py backup` and `manage.py restore`: the operator's backup of the whole instance.

The round trip runs on the engine the tests run on (SQLite by default, PostgreSQL with
DATABASE_URL): back up the test database, restore into a new empty database with a separate
`manage.py restore` process, and compare every table's rows and some values.
"""

import datetime
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from contacts.models import Contact
from netzwerk import instance_backup
from netzwerk.instance_backup import row_counts
from netzwerk.models import User
from tests.factories import make_user
from tests.instance import _server, app_env, empty_postgres_database, postgres_url, run

from .accounts import fill_account

EXTENSION = {"postgresql": ".dump", "sqlite": ".sqlite3"}[connection.vendor]


def make_backup(directory: Path, keep: int = 3) -> Path:
    call_command("backup", dir=directory, keep=keep)
    return instance_backup.backups_in(directory)[-1]


def old_backup(directory: Path, stamp: str) -> Path:
    path = directory / f"netzwerk-{stamp}{EXTENSION}"
    path.write_bytes(b"an older backup")
    return path


def test_it_names_the_backup_after_the_time_and_keeps_the_newest(transactional_db, tmp_path):
    oldest = old_backup(tmp_path, "20240101-020000")
    older = old_backup(tmp_path, "20240102-020000")
    newer = old_backup(tmp_path, "20240103-020000")
    unrelated = [tmp_path / "notes.txt", tmp_path / f"netzwerk-latest{EXTENSION}"]
    for path in unrelated:
        path.write_text("not a backup")

    written = make_backup(tmp_path, keep=2)

    stamp = re.fullmatch(rf"netzwerk-(\d{{8}}-\d{{6}})\{EXTENSION}", written.name).group(1)
    written_at = datetime.datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=datetime.UTC)
    age = timezone.now() - written_at
    assert abs(age.total_seconds()) < 120
    assert written.stat().st_size > 10_000
    assert instance_backup.backups_in(tmp_path) == [newer, written]
    assert not oldest.exists() and not older.exists()
    assert all(path.exists() for path in unrelated)


def test_a_failed_backup_leaves_no_file_and_deletes_no_old_backup(db, tmp_path, monkeypatch):
    kept = [old_backup(tmp_path, f"2024010{day}-020000") for day in (1, 2)]

    def broken(target: Path, *arguments) -> None:
        Path(str(target).removeprefix("--file=")).write_bytes(b"half")
        raise instance_backup.BackupError("disk full")

    monkeypatch.setattr(instance_backup, "_sqlite_backup", broken)
    monkeypatch.setattr(instance_backup, "_pg", lambda program, *args: broken(args[-1]))
    with pytest.raises(CommandError, match="disk full"):
        call_command("backup", dir=tmp_path, keep=1)
    assert sorted(tmp_path.iterdir()) == kept


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API")
def test_a_sqlite_backup_gives_up_when_the_database_stays_locked(db, tmp_path, monkeypatch):
    """The test's open transaction has written, so SQLite keeps the backup waiting."""
    make_user("writer@example.com")
    monkeypatch.setattr(instance_backup, "LOCK_TIMEOUT", 0.5)
    with pytest.raises(CommandError, match="stayed locked"):
        call_command("backup", dir=tmp_path, keep=1)
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_to_keep_no_backup(db, tmp_path):
    with pytest.raises(CommandError, match="at least one"):
        call_command("backup", dir=tmp_path, keep=0)


def test_restore_refuses_a_database_that_is_not_empty(transactional_db, tmp_path):
    owner = make_user("keep@example.com")
    backup = make_backup(tmp_path)
    with pytest.raises(CommandError, match=r"not empty \(\d+ tables\)"):
        call_command("restore", backup)
    assert User.objects.filter(pk=owner.pk).exists()


def test_restore_refuses_a_missing_file_or_one_of_the_wrong_kind(db, tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        call_command("restore", tmp_path / "nothing.dump")
    wrong = tmp_path / f"netzwerk-20240101-020000{EXTENSION}"
    wrong.write_bytes(b"PK\x03\x04 a zip file")
    with pytest.raises(CommandError, match="is not a"):
        call_command("restore", wrong)


def restored_rows(output: str) -> dict[str, int]:
    lines = [line for line in output.splitlines() if re.fullmatch(r"\w+: \d+", line)]
    return {table: int(rows) for table, rows in (line.split(": ") for line in lines)}


CONTACTS = "SELECT id, owner_id, first_name, last_name, company, notes FROM contacts_contact"
USERS = "SELECT id, email, password FROM netzwerk_user"


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_reproduces_every_row(tmp_path):
    owner = make_user("owner@example.com")
    fill_account(owner)
    fill_account(make_user("second@example.com"), prefix="Zweite ")
    before = row_counts()
    contacts = list(
        Contact.objects.order_by("id").values_list(
            "id", "owner_id", "first_name", "last_name", "company", "notes"
        )
    )
    users = list(User.objects.order_by("id").values_list("id", "email", "password"))
    backup = make_backup(tmp_path)

    if connection.vendor == "postgresql":
        with empty_postgres_database("restore") as database:
            restored = run(
                ["python", "manage.py", "restore", str(backup)],
                app_env(tmp_path, DATABASE_URL=postgres_url(database)),
            )
            with psycopg.connect(dbname=database, **_server()) as conn:
                restored_contacts = conn.execute(f"{CONTACTS} ORDER BY id").fetchall()
                restored_users = conn.execute(f"{USERS} ORDER BY id").fetchall()
    else:
        target = tmp_path / "restored.sqlite3"
        restored = run(
            ["python", "manage.py", "restore", str(backup)],
            app_env(tmp_path, DATABASE_URL=f"sqlite:///{target}"),
        )
        with closing(sqlite3.connect(target)) as conn:
            restored_contacts = conn.execute(f"{CONTACTS} ORDER BY id").fetchall()
            restored_users = conn.execute(f"{USERS} ORDER BY id").fetchall()

    assert restored.returncode == 0, restored.stderr
    assert restored_rows(restored.stdout) == before
    assert before["contacts_contact"] >= 6 and before["django_migrations"] > 20
    assert [tuple(row) for row in restored_contacts] == contacts
    assert [tuple(row) for row in restored_users] == users
    assert any(row[3] == "Weiß" and "Zweite Zeile" in row[5] for row in restored_contacts)
