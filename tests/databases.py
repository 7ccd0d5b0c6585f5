"""Empty databases beside the test database, for what must start from nothing: the image's
entrypoint migrating a new instance, a backup restored into an empty database."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from django.conf import settings
from psycopg import sql


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
