import pytest
from django.db import transaction


@pytest.fixture(autouse=True)
def after_commit_runs_at_once(monkeypatch):
    """Run what the services queue "after commit" at once.

    A test's transaction never commits, so the notifications and renderings the
    services queue for after the commit would never happen.  The loader runs
    them right after its own commit; running them when queued gives the same
    rows, before the loader sets the clock, as in real use.
    """

    def now(func, using=None, robust=False):
        func()

    monkeypatch.setattr(transaction, "on_commit", now)
