"""The demo's tests: its follow-ups run at once, and one demo shared by a module's tests.

Loading the demo takes about ten seconds, and most tests here only read it.  A
module's tests that ask for ``demo`` therefore share one load (:func:`demo_world`),
made inside a transaction that stays open until the module's last test is over and
is then rolled back.  Each test runs inside that transaction in a savepoint of its
own (its ``django_db`` mark), rolled back after it, as Django's ``setUpTestData``
does: every test meets the demo exactly as loaded, and none sees another's writes.
What the load left outside the database is handed to each test afresh: a copy of
its files in the test's own media folder, and the emails it sent in the outbox
the test starts with.  The test's cache starts empty, as every test's does.
"""

import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from portal.demo import loader
from tests.conftest import settings_for_test


def _follow_ups_at_once(building):
    """``building`` (the loader's ``follow_ups_here_without_email``), and what the
    services queue "after commit" run when queued."""

    @contextmanager
    def at_once():
        def now(func, using=None, robust=False):
            func()

        with building(), mock.patch.object(transaction, "on_commit", now):
            yield

    return at_once


@pytest.fixture(autouse=True)
def history_follow_ups_run_at_once(monkeypatch):
    """While the loader builds its history, run what the services queue "after commit"
    at once.

    A test's transaction never commits, so the notifications and renderings the
    services queue would never happen.  The loader has them run right after its
    own commits; running them when queued gives the same rows, before the loader
    sets the clock, as in real use.  What the loader queues afterwards (the
    reminders' emails) stays queued, as for the worker in real use.
    """
    monkeypatch.setattr(
        loader,
        "follow_ups_here_without_email",
        _follow_ups_at_once(loader.follow_ups_here_without_email),
    )


@dataclass(frozen=True)
class LoadedDemo:
    #: what ``manage.py load_demo`` printed
    output: str
    #: the media folder the load wrote its files to
    media: Path
    #: the emails the load sent
    sent: tuple


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module in a transaction rolled back after its last
    test, with the settings each test has (tests/conftest.py:settings_for_test) and its
    follow-ups run at once (:func:`history_follow_ups_run_at_once`)."""
    folder = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        override_settings(**settings_for_test(folder)),
        translation.override(django_settings.LANGUAGE_CODE),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(
            loader,
            "follow_ups_here_without_email",
            _follow_ups_at_once(loader.follow_ups_here_without_email),
        )
        outer = transaction.atomic()
        outer.__enter__()
        try:
            earlier = mail.outbox[:]
            mail.outbox.clear()
            out = StringIO()
            call_command("load_demo", force=True, stdout=out)
            world = LoadedDemo(out.getvalue(), folder / "media", tuple(mail.outbox))
            mail.outbox[:] = earlier
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_world, settings):
    """The module's demo, as a test that had just loaded it finds it: its files in this
    test's media folder and its emails in the outbox.  What the load printed."""
    if demo_world.media.exists():
        shutil.copytree(demo_world.media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    mail.outbox[:] = demo_world.sent
    return demo_world.output
