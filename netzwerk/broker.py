"""Kombu's Redis transport with a guard against a crash of the worker on a Redis outage.

When the broker connection drops, Celery closes it; kombu then clears the transport's client
and, closing the channel, hands the unacknowledged messages back to Redis. That path builds
a new connection pool from the cleared client and fails with AttributeError ("'NoneType'
object has no attribute 'hostname'", kombu/transport/redis.py `_connparams`), which Celery
treats as unrecoverable: the worker exits. Kombu 5.7.0, the newest release, still has this
path, so there is no fixed release to pin.

The guard: handing messages back at that moment is skipped with a warning. Nothing is lost:
kombu keeps every unacknowledged message in Redis (the `unacked` hash) until it is acked,
and a worker hands it back after the visibility timeout; the worker meanwhile reconnects as
for any other connection error. The reminders do not depend on it at all: the periodic runs
find whatever is due in the database.
"""

import logging

from kombu.transport import TRANSPORT_ALIASES
from kombu.transport import redis as kombu_redis

logger = logging.getLogger(__name__)


class QoS(kombu_redis.QoS):
    def restore_unacked(self, client=None):
        try:
            return super().restore_unacked(client)
        except AttributeError as error:
            logger.warning(
                "Broker connection closed while handing back %s unacknowledged messages (%s);"
                " Redis hands them back after the visibility timeout",
                len(self._delivered),
                error,
            )
            return None


class Channel(kombu_redis.Channel):
    QoS = QoS


class Transport(kombu_redis.Transport):
    Channel = Channel


def use_guarded_redis_transport() -> None:
    """redis:// and rediss:// broker URLs use this module's Transport (netzwerk/celery.py)."""
    for scheme in ("redis", "rediss"):
        TRANSPORT_ALIASES[scheme] = f"{__name__}:Transport"
