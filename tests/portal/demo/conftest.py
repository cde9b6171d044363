from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import transaction

from portal.demo import loader


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
    building = loader.follow_ups_here_without_email

    @contextmanager
    def at_once():
        def now(func, using=None, robust=False):
            func()

        with building(), mock.patch.object(transaction, "on_commit", now):
            yield

    monkeypatch.setattr(loader, "follow_ups_here_without_email", at_once)
