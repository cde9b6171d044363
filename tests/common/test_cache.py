"""common/cache.py: versioned namespaces, fragments and anonymous public pages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import translation

from common import cache as portal_cache

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_bump_gives_a_new_version_and_leaves_others_alone():
    before = portal_cache.versions("a", "b")
    portal_cache.bump("a")
    after = portal_cache.versions("a", "b")
    assert after[0] != before[0]
    assert after[1] == before[1]


def test_a_new_namespace_starts_at_the_clock_not_at_one():
    (start,) = portal_cache.versions("fresh")
    assert start > 1_000_000_000_000_000_000  # nanoseconds since 1970: after 2001
    assert portal_cache.versions("fresh") == (start,)


def test_bump_inside_a_transaction_bumps_again_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (v0,) = portal_cache.versions("rows")
        portal_cache.bump("rows")
        (v1,) = portal_cache.versions("rows")
    assert v1 != v0
    assert len(callbacks) == 1
    callbacks[0]()
    assert portal_cache.versions("rows") != (v1,)


def test_fragment_is_rendered_once_per_parts_language_and_version():
    calls = []

    def render():
        calls.append(1)
        return f"html {len(calls)}"

    assert portal_cache.fragment("f", ["rows"], ["u1"], render) == "html 1"
    assert portal_cache.fragment("f", ["rows"], ["u1"], render) == "html 1"
    assert portal_cache.fragment("f", ["rows"], ["u2"], render) == "html 2"
    with translation.override("en"):
        assert portal_cache.fragment("f", ["rows"], ["u1"], render) == "html 3"
    portal_cache.bump("rows")
    assert portal_cache.fragment("f", ["rows"], ["u1"], render) == "html 4"
    assert len(calls) == 4


def test_a_retired_fragment_is_served_until_it_is_stale_for_old(monkeypatch):
    calls, now = [], [1_000.0]
    monkeypatch.setattr(portal_cache.time, "time", lambda: now[0])

    def render():
        calls.append(1)
        return f"figures {len(calls)}"

    def figures():
        return portal_cache.fragment("stats", ["rows"], ["u1"], render, stale_for=60)

    assert figures() == "figures 1"
    portal_cache.bump("rows")
    now[0] += 59
    assert figures() == "figures 1"  # retired, but younger than 60 s
    now[0] += 2
    assert figures() == "figures 2"  # 61 s old: built again
    assert figures() == "figures 2"
    assert len(calls) == 2


def _counting_view():
    calls = []

    @portal_cache.public_page("board")
    def view(request):
        calls.append(request.get_full_path())
        return HttpResponse(f"page {len(calls)}", content_type="text/html; charset=utf-8")

    return view, calls


def _get(path, user=None):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return request


def test_public_page_is_served_from_the_cache_until_its_namespace_changes():
    view, calls = _counting_view()
    first = view(_get("/honours/?q=a"))
    second = view(_get("/honours/?q=a"))
    assert first.content == second.content == b"page 1"
    assert second["X-Portal-Cache"] == "hit"
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert view(_get("/honours/?q=b")).content == b"page 2"  # the query string is in the key
    portal_cache.bump("board")
    assert view(_get("/honours/?q=a")).content == b"page 3"


def test_public_page_is_never_cached_for_a_signed_in_user(django_user_model):
    view, calls = _counting_view()
    user = django_user_model.objects.create_user("reader")
    view(_get("/honours/"))
    assert view(_get("/honours/", user)).content == b"page 2"
    assert view(_get("/honours/", user)).content == b"page 3"


def test_public_page_that_used_a_csrf_token_or_set_a_cookie_is_not_stored():
    calls = []

    @portal_cache.public_page("board")
    def with_token(request):
        calls.append(1)
        get_token(request)
        return HttpResponse("form")

    @portal_cache.public_page("board")
    def with_cookie(request):
        calls.append(1)
        response = HttpResponse("cookie")
        response.set_cookie("seen", "1")
        return response

    for _ in range(2):
        with_token(_get("/a/"))
        with_cookie(_get("/b/"))
    assert len(calls) == 4


def test_public_page_does_not_store_errors():
    calls = []

    @portal_cache.public_page("board")
    def missing(request):
        calls.append(1)
        return HttpResponse("gone", status=404)

    missing(_get("/x/"))
    missing(_get("/x/"))
    assert len(calls) == 2


# --- Namespaces tied to tables (watch_tables) ---------------------------------------


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "awards_nomination" ("state") VALUES (%s)', "awards_nomination"),
        ('UPDATE "units_unit" SET "name" = %s WHERE "id" = %s', "units_unit"),
        ('DELETE FROM "common_notification" WHERE "id" IN (%s)', "common_notification"),
        ("  update awards_nomination set state = 'draft'", "awards_nomination"),
        ('SELECT "id" FROM "awards_nomination" FOR UPDATE', None),
        ("SAVEPOINT s1", None),
    ],
)
def test_written_table_names_the_table_a_write_statement_writes(sql, table):
    assert portal_cache.written_table(sql) == table


@pytest.fixture
def watched_notes():
    """The namespace "notes" watches the notifications table for one test."""
    from common.models import Notification

    table = Notification._meta.db_table
    before = portal_cache._WATCHED.get(table)
    portal_cache.watch_tables("notes", table)
    yield
    if before is None:
        del portal_cache._WATCHED[table]
    else:
        portal_cache._WATCHED[table] = before


def test_a_write_to_a_watched_table_bumps_now_and_once_on_commit(
    watched_notes, django_capture_on_commit_callbacks
):
    from common.models import Notification
    from tests.factories import UserFactory

    (before,) = portal_cache.versions("notes")
    (other,) = portal_cache.versions("other")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user = UserFactory()  # a watched table too (the roles'): the same callback
        Notification.objects.create(recipient=user, title="Một")
        Notification.objects.filter(recipient=user).update(title="Hai")
        (during,) = portal_cache.versions("notes")

    assert during != before
    assert len(callbacks) == 1  # one bump on commit however many writes
    callbacks[0]()
    assert portal_cache.versions("notes") != (during,)
    assert portal_cache.versions("other") == (other,)


def test_a_read_of_a_watched_table_bumps_nothing(watched_notes):
    from common.models import Notification

    (before,) = portal_cache.versions("notes")
    list(Notification.objects.select_for_update().all())
    assert portal_cache.versions("notes") == (before,)


def test_raw_sql_on_the_connection_is_watched_too(watched_notes):
    from django.db import connection

    from common.models import Notification

    (before,) = portal_cache.versions("notes")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Notification._meta.db_table}")  # noqa: S608 - our table
    assert portal_cache.versions("notes") != (before,)
