"""The worker's Redis transport survives the broker connection closing under it."""

import pytest
from kombu import Connection
from kombu.transport import redis as kombu_redis

from netzwerk import broker


def closed_under_it(qos_class) -> "kombu_redis.QoS":
    """A channel whose connection dropped: the transport's client cleared, the pool reset,
    one message delivered and not yet acknowledged (no Redis is contacted before that)."""
    channel = Connection("redis://127.0.0.1:6379/15").channel()
    qos = qos_class(channel)
    qos._on_collect.cancel()  # no second hand-back when the test process exits
    qos._delivered["tag-1"] = "message"
    channel.connection.client = None
    channel._pool = channel._client = None
    return qos


def test_kombu_itself_still_crashes_there_so_the_guard_is_needed():
    with pytest.raises(AttributeError, match="hostname"):
        closed_under_it(kombu_redis.QoS).restore_unacked()


def test_the_guarded_transport_hands_back_later_instead_of_ending_the_worker(caplog):
    assert closed_under_it(broker.QoS).restore_unacked() is None
    assert "after the visibility timeout" in caplog.text


def test_redis_broker_urls_use_the_guarded_transport():
    for url in ("redis://127.0.0.1:6379/0", "rediss://127.0.0.1:6380/0"):
        assert isinstance(Connection(url).transport, broker.Transport)
