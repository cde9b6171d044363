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

A namespace can also be tied to the tables its content is read from
(:func:`watch_tables`): every statement that writes one of them through Django's
connection — a ``save()``, a ``delete()`` and its cascade, ``queryset.update()``,
``bulk_create``/``bulk_update``, a many-to-many ``add()``, raw SQL on
``connection.cursor()`` — bumps the namespace as :func:`bump` does (now, and once
more when the transaction commits).  No service has to remember to bump: a new
write path is covered the day it is written.  Writes made outside Django (psql)
are bounded only by the entries' timeouts.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

# How long an entry may live at most, whatever the versions say: the bound on
# staleness if a bump is lost (Redis unreachable at that moment).
FRAGMENT_TIMEOUT = 300
PUBLIC_PAGE_TIMEOUT = 600

#: Every table of the portal's own data (registered by ``portal.apps``): a page
#: filed under it is retired by any write to anything it could show.  Coarse, and
#: therefore right for pages that read from many tables.
DATA_NAMESPACE = "data"

_HEADERS_KEPT = ("Content-Type", "Content-Language", "Cache-Control", "Last-Modified")


def _version_key(namespace: str) -> str:
    return f"ns:{namespace}"


class _RequestMemo:
    """What one request has read from the cache: the versions (read once, at its first
    need, for every watched namespace at once) and the entries :func:`prefetch` read."""

    def __init__(self):
        self.versions: dict[str, int] = {}
        self.entries: dict[str, object] = {}
        #: keys :func:`prefetch` asked for, read with the next entry read
        self.pending: set[str] = set()

    def read(self, key: str):
        """The entry under ``key``, read together with the pending ones."""
        if key not in self.entries:
            keys = [key, *sorted(self.pending - {key})]
            self.pending.clear()
            found = cache.get_many(keys)
            self.entries.update({k: found.get(k) for k in keys})
        return self.entries.pop(key, None)


_memo: ContextVar[_RequestMemo | None] = ContextVar("portal_cache_memo", default=None)


class RequestMemoMiddleware:
    """Within a request, the namespaces' versions are read in one round trip (all the
    watched ones with the first asked for) and kept for the request: it takes them
    before any of its queries, as the rule above wants.  A bump in the request
    forgets the versions it changed.  Tasks and commands read versions each time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set(_RequestMemo())
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def versions(*namespaces: str) -> tuple[int, ...]:
    """The current version of each namespace, in one round trip (none when this
    request has read them already).

    A namespace seen for the first time (or evicted) starts at the current time in
    nanoseconds, never at 1: entries filed under an evicted counter's old values
    cannot be reached by a counter that restarted.
    """
    memo = _memo.get()
    if memo is None:
        return _read_versions(namespaces)
    wanted = [name for name in namespaces if name not in memo.versions]
    if wanted:
        others = _all_namespaces()
        wanted += sorted(others.difference(wanted, memo.versions))
        memo.versions.update(zip(wanted, _read_versions(wanted), strict=True))
    return tuple(memo.versions[name] for name in namespaces)


def _read_versions(namespaces) -> tuple[int, ...]:
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
    memo = _memo.get()
    for name in namespaces:
        if memo is not None:
            memo.versions.pop(name, None)
        key = _version_key(name)
        try:
            cache.incr(key)
        except ValueError:  # not there (never read, or evicted)
            cache.set(key, time.time_ns(), timeout=None)


def bump(*namespaces: str) -> None:
    """Retire every entry filed under these namespaces: now, and again on commit."""
    _bump_now(namespaces)
    transaction.on_commit(lambda: _bump_now(namespaces))


def _key(kind: str, name: str, namespaces: Iterable[str], parts: Iterable, *, language=True) -> str:
    material = repr(
        (tuple(parts), translation.get_language() if language else "", versions(*namespaces))
    )
    digest = hashlib.blake2b(material.encode(), digest_size=16).hexdigest()
    return f"{kind}:{name}:{digest}"


def fragment(
    name: str,
    namespaces: Iterable[str],
    parts: Iterable,
    render: Callable[[], str],
    *,
    timeout: int = FRAGMENT_TIMEOUT,
    language: bool = True,
    stale_for: int = 0,
) -> str:
    """A piece of HTML (or any picklable value) built by ``render()`` once per
    combination of ``parts`` (whatever it depends on besides the namespaces: the
    user's scope, the query string…), the active language and the versions.
    ``language=False`` for a value that is the same in every language (facts, not
    text).

    With ``stale_for`` (seconds), a value retired by a write is still served until it
    is that old, and only then built again: for what takes seconds to build and may
    lag a little (the page should say when it was built)."""
    key = _key("frag", name, namespaces, parts, language=language)
    memo = _memo.get()
    value = memo.read(key) if memo is not None else cache.get(key)
    if value is not None:
        return value
    latest_key = _key("latest", name, (), parts, language=language) if stale_for else None
    if latest_key is not None:
        latest = cache.get(latest_key)
        if latest is not None and time.time() - latest[1] < stale_for:
            return latest[0]
    value = render()
    cache.set(key, value, timeout)
    if latest_key is not None:
        cache.set(latest_key, (value, time.time()), stale_for)
    return value


def prefetch(*specs: tuple[str, Iterable[str], Iterable]) -> None:
    """Read the entries of :func:`fragment` calls to come together with the next entry
    this request reads (one round trip): each spec is their ``(name, namespaces,
    parts)`` (the language is the active one's unless a fourth item says ``False``).
    Only within a request (the middleware); elsewhere each fragment reads its own."""
    memo = _memo.get()
    if memo is None:
        return
    for spec in specs:
        language = spec[3] if len(spec) > 3 else True
        key = _key("frag", spec[0], spec[1], spec[2], language=language)
        if key not in memo.entries:
            memo.pending.add(key)


CSRF_PLACEHOLDER = "portal-cached-page-csrf-token"


def csrf_placeholder(request) -> dict:
    """Context processor: while :func:`user_page` builds a page to keep, its CSRF token
    is a placeholder, replaced by each request's own token when the page is served."""
    if getattr(request, "_portal_csrf_placeholder", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def user_page(
    *namespaces: str,
    timeout: int | Callable[[], int] = FRAGMENT_TIMEOUT,
    vary: Callable[[object], object] | None = None,
):
    """Cache a signed-in user's whole page, per user, full path, language, day and the
    versions of ``namespaces`` (and ``vary(request)``, for what the page shows that no
    write changes, such as a warning that appears once something has waited too long).

    Only an HTML page answered 200 to a GET without cookies of the view's own is kept
    (a file the same view answers is not), and a page is
    built afresh while a message waits to be shown.  The page's CSRF token is kept
    as a placeholder and every answer gets the request's own (``get_token``, which
    also sets the CSRF cookie when it is due).  Whatever else the page shows must
    depend only on the key: the user's own row and roles are the ``roles``
    namespace's, the bell the ``notifications``'.
    """

    def decorator(view):
        name = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if (
                request.method != "GET"
                or not request.user.is_authenticated
                or _messages_waiting(request)
            ):
                return view(request, *args, **kwargs)
            parts = [
                request.user.pk,
                request.get_full_path(),
                timezone.localdate(),
                request.headers.get("HX-Request", ""),  # a partial is not the page
            ]
            if vary is not None:
                parts.append(vary(request))
            key = _key("upage", name, namespaces, parts)
            memo = _memo.get()
            stored = memo.read(key) if memo is not None else cache.get(key)
            if stored is None:
                request._portal_csrf_placeholder = True
                try:
                    response = view(request, *args, **kwargs)
                    if hasattr(response, "render") and callable(response.render):
                        response = response.render()
                finally:
                    request._portal_csrf_placeholder = False
                if (
                    response.status_code != 200
                    or response.streaming
                    or response.cookies
                    or not response.get("Content-Type", "").startswith("text/html")
                ):
                    if not response.streaming:
                        response.content = _with_token(request, response.content)
                    return response
                headers = {h: response[h] for h in _HEADERS_KEPT if response.has_header(h)}
                stored = (response.content, headers)
                cache.set(key, stored, timeout() if callable(timeout) else timeout)
            content, headers = stored
            response = HttpResponse(_with_token(request, content))
            for header, value in headers.items():
                response[header] = value
            return response

        wrapped.cached_namespaces = namespaces
        return wrapped

    return decorator


def _with_token(request, content: bytes) -> bytes:
    return content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())


def _messages_waiting(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


# --- Namespaces retired by writes to their tables ------------------------------

#: table name -> the namespaces any write to it bumps
_WATCHED: dict[str, tuple[str, ...]] = {}
#: table name -> the namespaces its UPDATEs and DELETEs bump, not its INSERTs
_WATCHED_CHANGES: dict[str, tuple[str, ...]] = {}
_WRITES = ("INSERT INTO ", "UPDATE ", "DELETE FROM ")


def watch_tables(namespace: str, *tables: str, inserts: bool = True) -> None:
    """Bump ``namespace`` whenever a statement writes one of ``tables``; with
    ``inserts=False`` only when it changes or deletes rows (a new row of the table
    cannot change what the namespace holds: a new unit changes nobody's roles)."""
    registry = _WATCHED if inserts else _WATCHED_CHANGES
    for table in tables:
        registry[table] = tuple(sorted({*registry.get(table, ()), namespace}))


def watched_namespaces(table: str, *, insert: bool = False) -> tuple[str, ...]:
    """The namespaces a write to ``table`` bumps (an INSERT with ``insert``)."""
    found = set(_WATCHED.get(table, ()))
    if not insert:
        found.update(_WATCHED_CHANGES.get(table, ()))
    return tuple(sorted(found))


def _all_namespaces() -> set[str]:
    return {
        name
        for registry in (_WATCHED, _WATCHED_CHANGES)
        for names in registry.values()
        for name in names
    }


def written_table(sql: str) -> str | None:
    """The table an INSERT, UPDATE or DELETE statement writes (quoted or not); None
    for anything else."""
    head = sql.lstrip()
    start = head[:12].upper()
    for verb in _WRITES:
        if start.startswith(verb):
            rest = head[len(verb) :].lstrip()
            name = rest.split(None, 1)[0] if rest else ""
            return name.split("(", 1)[0].strip('"`')
    return None


class _PendingBumps:
    """The namespaces a transaction wrote, bumped once more when it commits."""

    def __init__(self):
        self.namespaces: set[str] = set()

    def __call__(self):
        _bump_now(sorted(self.namespaces))


def _bump_written(connection, namespaces) -> None:
    _bump_now(namespaces)
    if not connection.in_atomic_block:
        return  # autocommit: the write is committed already
    pending = getattr(connection, "_portal_cache_pending", None)
    # Still queued on this transaction? (gone once it committed or rolled back, or
    # with the savepoint it was queued in)
    if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
        pending = _PendingBumps()
        connection._portal_cache_pending = pending
        transaction.on_commit(pending, using=connection.alias)
    pending.namespaces.update(namespaces)


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _WATCHED or _WATCHED_CHANGES:
        table = written_table(sql)
        namespaces = (
            watched_namespaces(table, insert=sql.lstrip()[:6].upper() == "INSERT")
            if table
            else None
        )
        if namespaces:
            _bump_written(context["connection"], namespaces)
    return result


def _install(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch_writes)


def install_write_watch() -> None:
    """Watch every database connection's writes (``CommonConfig.ready``)."""
    connection_created.connect(_install, dispatch_uid="common.cache.watch_writes")


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
