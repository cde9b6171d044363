"""Cached fragments and public pages that a change clears at once.

Whatever is cached here is filed under one or more *namespaces* ("nominations",
"units", "public-awards"…), each with a version number kept in the cache itself.
A service that changes what a namespace covers calls :func:`bump`; every key
built afterwards carries the new version, so the old entries are never read
again and simply expire.  Nothing is ever deleted by pattern, and no process
needs to know which entries exist.

Two rules keep a reader from filing stale content under a fresh version:

- a reader takes the versions *before* it queries (:func:`fragment` and
  :func:`public_page` do);
- a writer bumps both at once and again when its transaction commits
  (:func:`bump`), so a reader who queried before the commit stored its result
  under a version that is already gone.

The cache is the ``default`` alias (config/settings.py): Redis in production,
shared by every web and worker process, through
:class:`common.cache_backends.ResilientRedisCache`, which answers "not cached"
while Redis is down: the pages are then built every time, never refused.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation

# How long an entry may live at most, whatever the versions say: the bound on
# staleness if a bump is lost (Redis unreachable at that moment).
FRAGMENT_TIMEOUT = 300
PUBLIC_PAGE_TIMEOUT = 600

_HEADERS_KEPT = ("Content-Type", "Content-Language", "Cache-Control", "Last-Modified")


def _version_key(namespace: str) -> str:
    return f"ns:{namespace}"


def versions(*namespaces: str) -> tuple[int, ...]:
    """The current version of each namespace, in one round trip.

    A namespace seen for the first time (or evicted) starts at the current time in
    nanoseconds, never at 1: entries filed under an evicted counter's old values
    cannot be reached by a counter that restarted.
    """
    keys = [_version_key(name) for name in namespaces]
    found = cache.get_many(keys)
    missing = {key: time.time_ns() for key in keys if key not in found}
    if missing:
        # add(), not set(): two processes starting a namespace at once agree on
        # whichever came first; a lost race only costs the loser one miss.
        for key, start in missing.items():
            if not cache.add(key, start, timeout=None):
                found[key] = cache.get(key, start)
            else:
                found[key] = start
    return tuple(found[key] for key in keys)


def _bump_now(namespaces: Iterable[str]) -> None:
    for name in namespaces:
        key = _version_key(name)
        try:
            cache.incr(key)
        except ValueError:  # not there (never read, or evicted)
            cache.set(key, time.time_ns(), timeout=None)


def bump(*namespaces: str) -> None:
    """Retire every entry filed under these namespaces: now, and again on commit."""
    _bump_now(namespaces)
    transaction.on_commit(lambda: _bump_now(namespaces))


def _key(kind: str, name: str, namespaces: Iterable[str], parts: Iterable) -> str:
    material = repr((tuple(parts), translation.get_language(), versions(*namespaces)))
    digest = hashlib.blake2b(material.encode(), digest_size=16).hexdigest()
    return f"{kind}:{name}:{digest}"


def fragment(
    name: str,
    namespaces: Iterable[str],
    parts: Iterable,
    render: Callable[[], str],
    *,
    timeout: int = FRAGMENT_TIMEOUT,
) -> str:
    """A piece of HTML (or any picklable value) built by ``render()`` once per
    combination of ``parts`` (whatever it depends on besides the namespaces: the
    user's scope, the query string…), the active language and the versions."""
    key = _key("frag", name, namespaces, parts)
    value = cache.get(key)
    if value is None:
        value = render()
        cache.set(key, value, timeout)
    return value


def public_page(*namespaces: str, timeout: int = PUBLIC_PAGE_TIMEOUT):
    """Cache a view's whole answer for anonymous visitors.

    Keyed on the full path with its query string, the language and the versions of
    ``namespaces``.  Only a plain 200 answer to GET or HEAD from someone not signed
    in is stored, and only if it sets no cookie: a page that used ``{% csrf_token %}``
    (whose token belongs to one visitor) or the session is built every time instead,
    so a template change can make a page slower but never leak one visitor's
    token to another.  Signed-in users always get a fresh page (it shows their name).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            name = f"{view.__module__}.{view.__qualname__}"
            key = _key("page", name, namespaces, [request.get_full_path()])
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for header, value in headers.items():
                    response[header] = value
                response["X-Portal-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _storable(request, response):
                headers = {h: response[h] for h in _HEADERS_KEPT if response.has_header(h)}
                cache.set(key, (response.content, headers), timeout)
                response["X-Portal-Cache"] = "miss"
            return response

        wrapped.cached_namespaces = namespaces
        return wrapped

    return decorator


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_messages", None)
    )
