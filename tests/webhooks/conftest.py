"""A real HTTP receiver in a thread, checking every request's signature as the README tells
receivers to, and the helpers the webhook tests share."""

import contextlib
import hashlib
import hmac
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.contacts.imports import tasks_run  # noqa: F401  (runs tasks eagerly on commit)
from webhooks.models import Endpoint

# A receiver rejects signatures older than this (README, "Webhooks").
TOLERANCE = 300


def verify(secret: str, header: str, body: bytes, now: float | None = None) -> bool:
    """The README's verification, as a receiver writes it."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(parts["t"])
    if abs((now or time.time()) - timestamp) > TOLERANCE:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), parts["v1"])


class Receiver:
    """A webhook receiver on 127.0.0.1; with `tls` (a server context) it answers https."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.received: list[dict] = []
        # Status codes to answer, first to last; 200 once they are used up.
        self.answers: list[int] = []
        self.secret = ""
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.scheme = "http"
        if tls:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}/hook"

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {
                        "headers": dict(self.headers),
                        "body": json.loads(body),
                        "signed": verify(receiver.secret, self.headers["Netzwerk-Signature"], body),
                        "path": self.path,
                    }
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler

    @property
    def event_ids(self) -> list[str]:
        return [request["body"]["id"] for request in self.received]


@contextlib.contextmanager
def running(server: Receiver):
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


@pytest.fixture
def receiver():
    with running(Receiver()) as server:
        yield server


@pytest.fixture
def allow_private(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True


def make_endpoint(owner, url: str, events=None, **fields) -> Endpoint:
    events = events or ["contact.created", "contact.updated", "interaction.logged"]
    return Endpoint.objects.create(owner=owner, url=url, events=events, **fields)


@pytest.fixture
def endpoint(owner, receiver, allow_private):
    """The owner's endpoint at the receiver, every event wanted."""
    made = make_endpoint(
        owner,
        receiver.url(),
        ["contact.created", "contact.updated", "interaction.logged", "nudge.due", "followup.done"],
    )
    receiver.secret = made.secret
    return made


# The real Redis, SMTP server and Celery workers of the reminders' integration tests.
from tests.reminders.conftest import redis_server, services, smtp_server, workers  # noqa: E402, F401
