"""Test set-up shared by every test.

Without ``DATABASE_URL`` the tests run on SQLite; with it (CI), on PostgreSQL.
Tasks run eagerly in unit tests; the integration tests start a real worker.
Every test is exactly one kind, ``unit``, ``integration`` or ``e2e``, set by its
file's ``pytestmark``; collection stops on a test that is none or several.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import translation

from config.celery import app as celery_app
from units.rules import EMULATION_STAFF_GROUP

celery_app.conf.task_always_eager = True
celery_app.conf.task_eager_propagates = True

#: The kinds of test; each test file sets exactly one in ``pytestmark``.
TEST_KINDS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(config, items):
    """Refuse a test that is not exactly one kind, naming its file."""
    wrong = {}
    for item in items:
        kinds = {mark.name for mark in item.iter_markers() if mark.name in TEST_KINDS}
        if len(kinds) != 1:
            wrong.setdefault(item.nodeid.split("::")[0], sorted(kinds))
    if wrong:
        lines = [f"  {path}: {', '.join(kinds) or 'none'}" for path, kinds in sorted(wrong.items())]
        raise pytest.UsageError(
            "Each test must be exactly one of "
            + ", ".join(TEST_KINDS)
            + " (pytestmark = pytest.mark.unit at the top of its file):\n"
            + "\n".join(lines)
        )


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Each test writes its files to a folder of its own; passwords hash fast;
    and it starts in Vietnamese, whatever language an earlier request chose."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def staff_user(django_user_model):
    user = django_user_model.objects.create_user("staff_t", password="x-test-pass-1")
    group, _ = Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin_t", "admin@example.org", "x-test-pass-1"
    )


def reseed_reference_data():
    """Re-run the data migrations (catalogue, groups, reminder rules) after a transactional
    test's flush emptied every table.  Both are idempotent."""
    importlib.import_module("awards.migrations.0003_seed_catalogue").seed_catalogue(apps, None)
    importlib.import_module("units.migrations.0002_emulation_staff_group").create_group(apps, None)
    importlib.import_module("units.migrations.0004_emulation_lead_group").create_group(apps, None)
    importlib.import_module("campaign.migrations.0003_default_reminder_rules").seed_rules(
        apps, None
    )


@pytest.fixture
def reference_data(transactional_db):
    reseed_reference_data()
