"""The Redis cache fails open: with Redis gone, pages are built, not refused."""

import time

import pytest
from django.core.cache import cache

from common import cache as portal_cache
from common.cache_backends import ResilientRedisCache

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def redis_cache(settings, redis_server, monkeypatch):
    redis_server.start()
    monkeypatch.setattr(ResilientRedisCache, "RETRY_AFTER", 0.2)
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache_backends.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    return redis_server


def test_versions_and_fragments_live_in_redis(redis_cache):
    import redis

    renders = []
    html = portal_cache.fragment("f", ["rows"], ["u"], lambda: renders.append(1) or "x")
    assert html == "x"
    assert portal_cache.fragment("f", ["rows"], ["u"], lambda: "never") == "x"
    client = redis.Redis.from_url(redis_cache.url)
    assert any(b"ns:rows" in key for key in client.keys("*"))
    portal_cache.bump("rows")
    assert portal_cache.fragment("f", ["rows"], ["u"], lambda: "y") == "y"


def test_with_redis_gone_every_call_answers_quickly_and_renders(redis_cache):
    cache.set("k", "v")
    redis_cache.stop()
    started = time.monotonic()
    assert cache.get("k") is None
    portal_cache.bump("rows")  # a lost bump: no error
    renders = []
    for _ in range(3):
        assert portal_cache.fragment("f", ["rows"], ["u"], lambda: renders.append(1) or "z") == "z"
    assert len(renders) == 3  # nothing cached while Redis is away
    assert time.monotonic() - started < 2  # one connection timeout, then skipped

    redis_cache.start()  # back (empty)
    time.sleep(0.3)
    cache.set("k", "again")
    assert cache.get("k") == "again"
