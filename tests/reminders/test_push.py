"""Web Push against a push service of our own: it checks each message's VAPID signature
(RFC 8292) and decrypts its payload with the device's keys (RFC 8291), as a browser's push
service and the browser would. Exactly one notification per nudge and device arrives, also
when the task runs twice or the service fails once."""

import base64
import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.test import override_settings

from reminders import delivery, push
from reminders.models import PushDelivery, PushState, PushSubscription
from tests.factories import make_contact, make_nudge

pytestmark = pytest.mark.django_db

# 11:00 in Berlin: the owner's daytime (nudges from 8).
DAYTIME = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
NIGHT = datetime.datetime(2026, 12, 2, 23, 30, tzinfo=datetime.UTC)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Device:
    """A browser's side of a subscription: its key pair and auth secret."""

    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = b"0123456789abcdef"
        point = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.p256dh = b64(point)


class PushService:
    """An HTTP push service on a free local port that verifies and decrypts every message."""

    def __init__(self):
        self.devices: dict[str, Device] = {}
        self.received: list[tuple[str, dict]] = []
        self.problems: list[str] = []
        self.fail_next: dict[str, int] = {}
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                name = self.path.rsplit("/", 1)[1]
                status = service.fail_next.pop(name, None)
                if status is None:
                    status = service.accept(name, self.headers, body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def endpoint(self, name: str) -> str:
        return f"{self.url}/push/{name}"

    def accept(self, name: str, headers, body: bytes) -> int:
        device = self.devices.get(name)
        if device is None:
            return 410
        scheme, _space, params = headers.get("Authorization", "").partition(" ")
        fields = dict(part.strip().split("=", 1) for part in params.split(","))
        token, key = fields.get("t", ""), fields.get("k", "")
        if scheme != "vapid" or not self.signed(token, key):
            self.problems.append(f"bad VAPID signature: {headers.get('Authorization')}")
            return 401
        if headers.get("Content-Encoding") != "aes128gcm":
            self.problems.append(f"encoding {headers.get('Content-Encoding')}")
            return 400
        plain = http_ece.decrypt(
            body, private_key=device.key, auth_secret=device.auth, version="aes128gcm"
        )
        self.received.append((name, json.loads(plain)))
        return 201

    def signed(self, token: str, key: str) -> bool:
        header, claims, signature = token.split(".")
        raw = unb64(signature)
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(key))
        try:
            public.verify(
                encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:])),
                f"{header}.{claims}".encode(),
                ec.ECDSA(hashes.SHA256()),
            )
        except Exception:
            return False
        payload = json.loads(unb64(claims))
        return (
            json.loads(unb64(header))["alg"] == "ES256"
            and payload["aud"] == self.url
            and payload["sub"].startswith("mailto:")
            and payload["exp"] > DAYTIME.timestamp()
            and key == push.application_server_key()
        )

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service():
    with override_settings(PUSH_SERVICE_HOSTS=["127.0.0.1"], PUSH_ALLOW_HTTP=True):
        running = PushService()
        yield running
        running.close()


@pytest.fixture
def subscribe(owner, service):
    def subscribe(name: str, topics=None) -> PushSubscription:
        device = Device()
        service.devices[name] = device
        subscription = PushSubscription.objects.create(
            owner=owner,
            name=name,
            endpoint=service.endpoint(name),
            p256dh=device.p256dh,
            auth=b64(device.auth),
            created_at=DAYTIME - datetime.timedelta(days=2),
            **({"topics": topics} if topics is not None else {}),
        )
        return subscription

    return subscribe


def birthday_nudge(owner, **fields):
    anna = make_contact(owner, first_name="Anna", last_name="Adler")
    fields.setdefault("created_at", DAYTIME - datetime.timedelta(hours=2))
    return make_nudge(owner, "birthday", contact=anna, occurs_on=DAYTIME.date(), **fields)


def run(now=DAYTIME) -> int:
    """What the periodic task and the per-user tasks do, in this process."""
    push.release_stale_claims(now)
    push.create_deliveries(now)
    return sum(push.send_push(user_id, now) for user_id in push.owners_due(now))


def test_each_device_gets_each_nudge_once_verified_and_decrypted(owner, service, subscribe):
    subscribe("phone")
    subscribe("laptop")
    nudge = birthday_nudge(owner)

    assert run() == 2
    assert run() == 0

    assert service.problems == []
    assert sorted(name for name, _message in service.received) == ["laptop", "phone"]
    message = service.received[0][1]
    assert message["body"] == "Anna Adler hat heute Geburtstag."
    assert message["url"] == f"/contacts/{nudge.contact_id}/"
    assert message["tag"] == f"nudge-{nudge.pk}"


def test_a_send_task_enqueued_twice_sends_once(owner, service, subscribe):
    subscribe("phone")
    birthday_nudge(owner)
    push.create_deliveries(DAYTIME)
    push.create_deliveries(DAYTIME)

    results = [push.send_push(owner.pk, DAYTIME), push.send_push(owner.pk, DAYTIME)]

    assert results == [1, 0]
    assert len(service.received) == 1
    assert PushDelivery.objects.get().state == PushState.SENT


def test_a_claim_left_behind_by_a_crash_is_sent_once_after_the_timeout(owner, service, subscribe):
    subscribe("phone")
    birthday_nudge(owner)
    push.create_deliveries(DAYTIME)
    # A worker claimed the row and died before sending.
    PushDelivery.objects.update(state=PushState.SENDING, claimed_at=DAYTIME, attempts=1)

    assert run(DAYTIME + datetime.timedelta(minutes=1)) == 0
    assert run(DAYTIME + push.CLAIM_TIMEOUT + datetime.timedelta(minutes=1)) == 1
    assert len(service.received) == 1


def test_a_failure_is_retried_after_the_backoff_and_arrives_once(owner, service, subscribe):
    subscribe("phone")
    birthday_nudge(owner)
    service.fail_next["phone"] = 500

    assert run() == 0
    delivery = PushDelivery.objects.get()
    assert delivery.state == PushState.PENDING
    assert delivery.next_try_at > DAYTIME
    assert run() == 0  # the backoff has not passed yet

    later = delivery.next_try_at + datetime.timedelta(seconds=1)
    assert run(later) == 1
    assert run(later) == 0
    assert len(service.received) == 1


def test_a_device_that_is_gone_is_unsubscribed(owner, service, subscribe):
    subscribe("phone")
    subscribe("old-phone")
    birthday_nudge(owner)
    del service.devices["old-phone"]  # the service answers 410 Gone

    assert run() == 1

    assert list(PushSubscription.objects.values_list("name", flat=True)) == ["phone"]


def test_nothing_is_pushed_at_night(owner, service, subscribe):
    subscribe("phone")
    birthday_nudge(owner, created_at=NIGHT - datetime.timedelta(hours=1))

    assert run(NIGHT) == 0

    assert service.received == []


def test_a_device_gets_only_the_topics_switched_on(owner, service, subscribe):
    subscribe("phone", topics=["followup"])
    birthday_nudge(owner)

    assert run() == 0
    assert service.received == []


def test_old_and_read_nudges_and_those_before_subscribing_are_not_pushed(owner, service, subscribe):
    device = subscribe("phone")
    birthday_nudge(owner, created_at=DAYTIME - datetime.timedelta(days=3))
    birthday_nudge(owner, read_at=DAYTIME)
    device.created_at = DAYTIME - datetime.timedelta(minutes=5)
    device.save()
    birthday_nudge(owner, created_at=DAYTIME - datetime.timedelta(hours=1))

    assert run() == 0


def test_an_endpoint_that_is_no_push_service_is_never_sent_to(owner, service, subscribe):
    with override_settings(PUSH_SERVICE_HOSTS=["fcm.googleapis.com"]):
        subscribe("phone")
        birthday_nudge(owner)

        assert run() == 0

    assert service.received == []
    assert not PushSubscription.objects.exists()


def test_a_slow_push_run_renews_its_lease_and_is_never_taken_over(
    owner, service, subscribe, monkeypatch
):
    for name in ("phone", "tablet", "laptop"):
        subscribe(name)
    birthday_nudge(owner)
    elapsed = [0.0]
    monkeypatch.setattr(delivery.time, "monotonic", lambda: elapsed[0])
    competing = []
    slow = push._push

    def push_taking_most_of_the_lease(*args):
        # Each push takes 60 % of the lease: three outlast it, and meanwhile another run tries.
        elapsed[0] += 0.6 * push.CLAIM_TIMEOUT.total_seconds()
        competing.append(run(DAYTIME + datetime.timedelta(seconds=elapsed[0])))
        return slow(*args)

    monkeypatch.setattr(push, "_push", push_taking_most_of_the_lease)
    assert run() == 3
    assert competing == [0, 0, 0]
    assert sorted(name for name, _message in service.received) == ["laptop", "phone", "tablet"]
