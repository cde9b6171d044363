"""Test set-up shared by every test.

Without ``DATABASE_URL`` the tests run on SQLite; with it (CI), on PostgreSQL.
Tasks run eagerly in unit tests; the integration tests start a real worker.
"""

import pytest
from django.contrib.auth.models import Group

from config.celery import app as celery_app
from units.rules import EMULATION_STAFF_GROUP

celery_app.conf.task_always_eager = True
celery_app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Each test writes its files to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
