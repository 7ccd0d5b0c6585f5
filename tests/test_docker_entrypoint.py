"""The image's entrypoint and health checks, run outside Docker (no engine runs here) against
local Postgres and a Redis server of the test's own: the roles compose starts do what the
compose file relies on."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.instance import (
    app_env,
    empty_postgres_database,
    postgres_tables,
    postgres_url,
    run,
)
from tests.reminders.integration import RedisServer, free_port, require_services, wait_for

ROOT = Path(settings.BASE_DIR)
ENTRYPOINT = str(ROOT / "bin" / "docker-entrypoint")
HEALTHCHECK = str(ROOT / "bin" / "docker-healthcheck")


@pytest.fixture
def redis_server(tmp_path):
    require_services()
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def start(role: str, env: dict, log: Path | None = None) -> subprocess.Popen:
    """The entrypoint with a role, in its own process group (stop() ends gunicorn's workers)."""
    with (log or Path(os.devnull)).open("wb") as output:
        return subprocess.Popen(
            [ENTRYPOINT, role],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(60)


def wait_until_healthy(check: str, env: dict) -> None:
    wait_for(
        lambda: run([HEALTHCHECK, check], env).returncode == 0,
        timeout=120,
        interval=1,
        what=f"the {check} health check to pass",
    )


def make_older(paths, seconds: float) -> None:
    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then))


def get(url: str, host: str = "netzwerk.example.org") -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def answers(url: str):
    try:
        return get(url)
    except OSError:
        return None


def test_migrate_then_web_serve_health_and_hashed_static_files(tmp_path, redis_server):
    port = free_port()
    with empty_postgres_database("entrypoint") as database:
        env = app_env(
            tmp_path,
            DATABASE_URL=postgres_url(database),
            REDIS_URL=redis_server.url,
            BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="1",
        )
        # What the Dockerfile runs at build time.
        collect = run(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            {**env, "STATIC_MANIFEST": "true"},
        )
        assert collect.returncode == 0, collect.stderr
        assert (tmp_path / "staticfiles" / "staticfiles.json").exists()

        migrate = run([ENTRYPOINT, "migrate"], env)
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr
        assert "The database is ready." in migrate.stdout
        assert {"django_migrations", "netzwerk_user", "contacts_contact"} <= postgres_tables(
            database
        )

        log = tmp_path / "web.log"
        web = start("web", env, log)
        try:
            status, body, _ = wait_for(
                lambda: answers(f"http://127.0.0.1:{port}/health"),
                timeout=120,
                what="gunicorn to answer /health",
            )
            assert status == 200, body
            assert json.loads(body) == {"status": "ok", "failed": {}}
            assert "gunicorn" in log.read_text()

            # The health check compose runs in the web container.
            check = run([HEALTHCHECK, "web"], env, timeout=60)
            assert check.returncode == 0, check.stderr

            # The login page links the hashed file names collectstatic made, and they are served.
            status, page, _ = get(f"http://127.0.0.1:{port}/accounts/login/")
            assert status == 200
            script = re.search(rb'src="(/static/js/app\.[0-9a-f]{12}\.js)"', page)
            assert script, "the page does not link a hashed app.js"
            status, _, headers = get(f"http://127.0.0.1:{port}{script.group(1).decode()}")
            assert status == 200
            assert "immutable" in headers.get("Cache-Control", "")
        finally:
            stop(web)

        check = run([HEALTHCHECK, "web"], env, timeout=60)
        assert check.returncode == 1
        assert "/health did not answer" in check.stderr


def test_web_gives_up_with_a_clear_message_when_the_database_never_answers(tmp_path):
    closed_port = free_port()
    env = app_env(
        tmp_path,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port}/netzwerk",
        DATABASE_WAIT_SECONDS="2",
        BIND=f"127.0.0.1:{free_port()}",
    )
    started = run([ENTRYPOINT, "web"], env, timeout=120)
    assert started.returncode == 1
    assert "The database did not answer within 2 s" in started.stderr
    assert str(closed_port) in started.stderr
    assert "Listening at" not in started.stdout + started.stderr


def test_the_web_health_check_reports_a_failing_part(tmp_path):
    """/health answers 503 naming the cache when Redis is gone; the check reports it."""
    port = free_port()
    env = app_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    web = start("web", env)
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/health"), timeout=120)
        check = run([HEALTHCHECK, "web"], env, timeout=60)
    finally:
        stop(web)
    assert check.returncode == 1
    assert "/health answered 503" in check.stderr
    assert '"cache"' in check.stderr


def test_beat_writes_the_schedule_file_its_health_check_reads(tmp_path, redis_server):
    schedule = tmp_path / "celerybeat-schedule"
    env = app_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=redis_server.url,
        BEAT_SCHEDULE=str(schedule),
    )
    assert run([HEALTHCHECK, "beat"], env).returncode == 1, "no schedule file yet"

    beat = start("beat", env)
    try:
        wait_until_healthy("beat", env)
    finally:
        stop(beat)

    # A beat that has stopped writing for longer than the limit is unhealthy.
    make_older(tmp_path.glob("celerybeat-schedule*"), seconds=3600)
    stale = run([HEALTHCHECK, "beat"], env)
    assert stale.returncode == 1
    assert "beat schedule last written" in stale.stderr
    assert run([HEALTHCHECK, "beat"], {**env, "BEAT_MAX_AGE_SECONDS": "7200"}).returncode == 0


def test_the_backup_role_backs_up_at_once_and_its_health_check_sees_it(tmp_path):
    backups = tmp_path / "backups"
    env = app_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        BACKUP_DIR=str(backups),
        BACKUP_EVERY_SECONDS="3600",
    )
    assert "no backup in" in run([HEALTHCHECK, "backup"], env).stderr

    backup = start("backup", env)
    try:
        wait_until_healthy("backup", env)
        assert len(list(backups.glob("netzwerk-*.sqlite3"))) == 1
    finally:
        stop(backup)
    assert backup.returncode == 0, "it ends cleanly when stopped"

    make_older(backups.iterdir(), seconds=3 * 3600)
    stale = run([HEALTHCHECK, "backup"], env)
    assert stale.returncode == 1
    assert "the newest backup is" in stale.stderr


def test_the_worker_answers_the_ping_compose_checks_its_health_with(tmp_path, redis_server):
    from tests.test_deployment import compose

    ping = compose()["services"]["worker"]["healthcheck"]["test"]
    assert ping[0] == "CMD-SHELL"
    env = app_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=redis_server.url,
        WORKER_CONCURRENCY="1",
        # Docker sets HOSTNAME in the container; the worker's node is named after the host.
        HOSTNAME=socket.gethostname(),
    )
    log = tmp_path / "worker.log"
    worker = start("worker", env, log)
    try:
        wait_for(lambda: b" ready." in log.read_bytes(), timeout=120, what="the worker")
        # A worker answers control messages a few seconds after it says it is ready; compose
        # gives it a start period for that.
        healthy = wait_for(
            lambda: (
                (answer := run(["sh", "-c", ping[1]], env, timeout=120)).returncode == 0 and answer
            ),
            timeout=180,
            interval=1,
            what="the worker to answer the ping",
        )
    finally:
        stop(worker)
    assert "pong" in healthy.stdout

    gone = run(["sh", "-c", ping[1]], env, timeout=120)
    assert gone.returncode != 0
