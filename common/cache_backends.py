"""Django's Redis cache, made to fail open.

Everything the portal caches can be rebuilt from the database, so an unreachable
Redis must cost speed, never a page: every read answers "not cached" and every
write is dropped.  After a failure the cache is not tried again for
``RETRY_AFTER`` seconds, so a request does not wait out a connection timeout per
cache call while Redis is down.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class _ReusedClients(RedisCacheClient):
    """Django's client builds a ``redis.Redis`` object for every call (its ~170
    response callbacks copied each time: a fifth of a warm queue page's time in the
    cache, profiled); one per connection pool serves every call (it is thread-safe)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClients
        self._down_until = 0.0

    def _guarded(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return operation(*args, **kwargs)
        except _FAILURES as error:
            self._down_until = time.monotonic() + self.RETRY_AFTER
            logger.warning("Cache unreachable, uncached for %ss: %s", self.RETRY_AFTER, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._guarded(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded(super().get_many, {}, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().set_many, [], data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # False ("someone else has it") would make the caller read it back: say
        # True instead, the caller keeps its own value for this request.
        return self._guarded(super().add, True, key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        # ValueError (missing key) is not a failure of Redis: let it through.
        return self._guarded(super().incr, 0, key, delta, version)

    def delete(self, key, version=None):
        return self._guarded(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded(super().delete_many, None, keys, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().touch, False, key, timeout, version)

    def has_key(self, key, version=None):
        return self._guarded(super().has_key, False, key, version)
