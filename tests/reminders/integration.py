"""Real services for the integration tests: a Redis server, an SMTP server, a Celery worker.

Each test starts its own redis-server on a free port (the machine's shared Redis is never
touched), an aiosmtpd server on a free port that the test reads, and a real
`celery -A netzwerk worker` subprocess whose DATABASE_URL is the test database.
"""

import asyncio
import datetime
import email
import email.policy
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import zoneinfo
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from netzwerk import celery_app

ROOT = Path(settings.BASE_DIR)


def require_services() -> None:
    """Skip without Postgres and Redis — except in CI, where these tests must run."""
    missing = []
    if not settings.IS_POSTGRES:
        missing.append("DATABASE_URL pointing at PostgreSQL")
    if not settings.REDIS_URL:
        missing.append("REDIS_URL")
    if not shutil.which("redis-server"):
        missing.append("the redis-server program")
    if missing:
        reason = "integration tests need " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: they must run)")
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Deadlines are generous: a wait ends as soon as its event comes, and a machine busy with
# other work may take several times as long as a quiet one to start a worker or send a batch.
def wait_for(check, timeout: float = 60.0, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class RedisServer:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, what="redis-server to answer")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


class Inbox:
    """An aiosmtpd handler that keeps what it accepted; it can refuse or be slow."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = 0  # answer 451 to this many messages first
        self.refused = 0
        self.delay = 0.0  # seconds before accepting each message
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                self.refused += 1
                return "451 4.3.0 Mailbox busy, try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        # Recorded as accepted even if the client is gone by now: exactly the case of a
        # worker killed after the server took the message and before it heard "250".
        with self.lock:
            self.messages.append(
                email.message_from_bytes(envelope.content, policy=email.policy.default)
            )
        return "250 2.0.0 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


class SmtpServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


class Worker:
    """`celery -A netzwerk worker` (optionally with -B) against the test database."""

    def __init__(self, redis: RedisServer, smtp: SmtpServer, workdir: Path, **env):
        self.redis, self.smtp, self.workdir, self.extra_env = redis, smtp, workdir, env
        self.process: subprocess.Popen | None = None
        self.log = workdir / f"worker-{time.monotonic_ns()}.log"

    def environment(self) -> dict:
        db = connection.settings_dict
        database_url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "netzwerk.settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": self.redis.url,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp.port}",
            "SITE_URL": "https://netzwerk.example.org",
            "EMAIL_RETRY_BASE_SECONDS": "1",
            "EMAIL_CLAIM_TIMEOUT_SECONDS": "3",
            "EMAIL_TIMEOUT": "5",
            "SECRET_KEY": settings.SECRET_KEY,
            "PYTHONUNBUFFERED": "1",
        }
        env.update(self.extra_env)
        return env

    def start(self, beat: bool = False) -> "Worker":
        command = [
            sys.executable, "-m", "celery", "-A", "netzwerk", "worker",
            "--pool", "prefork", "--concurrency", "1", "--loglevel", "INFO",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
            "--hostname", f"itest-{self.redis.port}-{time.monotonic_ns()}@localhost",
        ]  # fmt: skip
        if beat:
            command += ["--beat", "--schedule", str(self.workdir / "beat-schedule")]
        self.log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.environment(),
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill the pool children too
        )
        wait_for(lambda: b" ready." in self.log.read_bytes(), what="the worker to be ready")
        return self

    def kill(self, sig=signal.SIGKILL) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(20)
        self.process = None

    def stop(self) -> None:
        """After the test: no need for a warm shutdown, the database is flushed next."""
        self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def enqueue(redis: RedisServer, task, *args) -> None:
    """Publish a task to the test's own Redis (not the broker the settings name)."""
    with celery_app.connection_for_write(redis.url) as conn, conn.Producer() as producer:
        task.apply_async(args=args, producer=producer)


def daytime_zone(now: datetime.datetime | None = None) -> tuple[str, datetime.datetime]:
    """A time zone where it is now between 08:00 and 20:59, and the local time there."""
    now = now or datetime.datetime.now(datetime.UTC)
    for name in (
        "Europe/Berlin",
        "America/New_York",
        "America/Los_Angeles",
        "Pacific/Honolulu",
        "Pacific/Auckland",
        "Asia/Tokyo",
        "Asia/Kolkata",
    ):
        local = now.astimezone(zoneinfo.ZoneInfo(name))
        if 8 <= local.hour <= 20:
            return name, local
    raise AssertionError("no daytime zone found")
