"""A second Netzwerk instance beside the one under test, for what must start from nothing (the
image's entrypoint migrating a new instance, a backup restored into an empty database): empty
databases on the test's Postgres server, and the environment to run manage.py and the
entrypoint in."""

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.conf import settings
from psycopg import sql

ROOT = Path(settings.BASE_DIR)


def _server() -> dict:
    db = settings.DATABASES["default"]
    return {
        "host": db["HOST"] or "127.0.0.1",
        "port": int(db["PORT"] or 5432),
        "user": db["USER"],
        "password": db["PASSWORD"] or "",
    }


def postgres_url(name: str) -> str:
    s = _server()
    return f"postgres://{s['user']}:{s['password']}@{s['host']}:{s['port']}/{name}"


def _admin(statement: sql.Composable) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **_server()) as conn:
        conn.execute(statement)


@contextmanager
def empty_postgres_database(purpose: str) -> Iterator[str]:
    """A new database on the test server, named after the test database; its URL. Dropped
    afterwards, even with connections left open."""
    name = f"{settings.DATABASES['default']['NAME']}_{purpose}_{os.getpid()}"
    _admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    _admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        _admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def postgres_tables(name: str) -> set[str]:
    with psycopg.connect(dbname=name, **_server()) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {row[0] for row in rows}


def app_env(tmp_path: Path, **extra: str) -> dict:
    """The environment compose gives the app containers, pointed at this machine."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return {
        **env,
        # The virtualenv's python, gunicorn and celery, as the image's PATH has them.
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "netzwerk.example.org,localhost,127.0.0.1",
        "EMAIL_URL": "consolemail://",
        "PYTHONUNBUFFERED": "1",
        "STATIC_ROOT": str(tmp_path / "staticfiles"),
        **extra,
    }


def run(command: list[str], env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
