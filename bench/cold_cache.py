"""Cache backends for the cold half of ``bench.queue``: every read misses, after the
round trip a real miss costs; every write is made.  Pages are then built as on the
first request after a change (the namespaces' versions are new at every request,
the session is read from the database), with the cache's own costs counted."""

from django.core.cache.backends.filebased import FileBasedCache

from common.cache_backends import ResilientRedisCache


class _ReadsMiss:
    def get(self, key, default=None, version=None):
        super().get(key, default, version)
        return default

    def get_many(self, keys, version=None):
        super().get_many(keys, version)
        return {}

    def has_key(self, key, version=None):
        super().has_key(key, version)
        return False


class ColdRedisCache(_ReadsMiss, ResilientRedisCache):
    pass


class ColdFileCache(_ReadsMiss, FileBasedCache):
    pass
