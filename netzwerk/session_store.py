"""Sessions read from Redis and written through to the database (settings.SESSION_ENGINE
where REDIS_URL is set), kept working while Redis is unreachable.

Django's cached_db store already falls back to the database when reading from the cache
fails, but then puts the session into the cache without catching the error: with Redis down
every signed-in page would fail. Here that write is skipped with a warning. Ending a session
still fails loudly without Redis: a copy left in the cache would sign the browser in again
once Redis is back.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.warning("Session cache unreachable; reading the session from the database.")
            return self._load_from_database(cache=False)
        return self._load_from_database() if data is None else data

    def _load_from_database(self, cache: bool = True) -> dict:
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        if cache:
            try:
                self._cache.set(
                    self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date)
                )
            except Exception:
                logger.warning("Session cache unreachable; the session was not cached.")
        return data

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:
            logger.warning("Session cache unreachable; looking in the database.")
            return cached_db.DBStore.exists(self, session_key)
