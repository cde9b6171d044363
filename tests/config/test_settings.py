"""The project's set-up: migrations, production checks, settings read from the environment.

Settings are read once per process, so each environment is tried in a fresh
``manage.py`` subprocess with an environment of its own.
"""

import os
import secrets
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.unit

MANAGE = settings.BASE_DIR / "manage.py"

# What a clean machine has: no DATABASE_URL, REDIS_URL or DEBUG from the caller.
BASE_ENV = {
    key: os.environ[key] for key in ("PATH", "HOME", "LANG", "SYSTEMROOT") if key in os.environ
}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env={**BASE_ENV, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def shell(code, **env):
    """Run ``code`` in ``manage.py shell`` and return its stdout lines."""
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.django_db
def test_migrations_are_up_to_date():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit_:
        pytest.fail(f"Models changed without a migration (exit {exit_.code}):\n{out.getvalue()}")
    assert out.getvalue().strip() == "No changes detected"


PRODUCTION = {"DEBUG": "false", "ALLOWED_HOSTS": "thidua.example.gov.vn"}


def test_deploy_checks_are_clean_in_production_mode():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="https://thidua.example.gov.vn",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr


def check_errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("?: (common.")]


def test_deploy_checks_require_a_site_url_in_production_mode():
    result = manage("check", "--deploy", **PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode == 1, result.stdout + result.stderr
    assert check_errors(result) == ["?: (common.E001) SITE_URL is not set."]


def test_production_mode_refuses_localhost_as_site_url_before_migrating():
    result = manage(
        "migrate",
        "--check",
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="http://localhost:8000",
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert check_errors(result) == [
        "?: (common.E003) SITE_URL 'http://localhost:8000' points at this machine "
        "while DEBUG is off."
    ]


def test_production_mode_refuses_an_empty_secret_key():
    result = manage("check", DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="thidua.example.gov.vn")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is false." in result.stderr


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    lines = shell(
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode')\n"
        "    print('journal_mode=' + cursor.fetchone()[0])\n"
        "print('transaction_mode=' + str(connection.transaction_mode))\n",
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    )

    assert lines[-2:] == ["journal_mode=wal", "transaction_mode=IMMEDIATE"]


BROKER = (
    "from config.celery import app\n"
    "print(app.conf.broker_url)\n"
    "print(app.conf.broker_transport_options.get('control_folder', '-'))\n"
    "print(app.conf.result_backend)\n"
)


def test_without_redis_the_broker_is_the_embedded_filesystem_transport():
    broker, control_folder, result_backend = shell(BROKER)[-3:]

    assert broker == "filesystem://"
    assert control_folder == str(settings.BASE_DIR / "var" / "broker" / "control")
    assert result_backend == "None"


def test_with_redis_url_celery_uses_redis():
    broker, control_folder, result_backend = shell(BROKER, REDIS_URL="redis://127.0.0.1:6379/5")[
        -3:
    ]

    assert broker == "redis://127.0.0.1:6379/5"
    assert control_folder == "-"
    assert result_backend == "redis://127.0.0.1:6379/5"


STORAGE_REPORT = (
    "from django.conf import settings; from django.core.files.storage import storages; "
    "s = storages['default']; "
    "print(type(s).__name__); print(settings.STORAGES['staticfiles']['BACKEND']); "
    "print(getattr(s, 'bucket_name', '-'), getattr(s, 'endpoint_url', '-'), "
    "getattr(s, 'public_endpoint_url', '-'), getattr(s, 'region_name', '-'), "
    "getattr(s, 'addressing_style', '-'), getattr(s, 'file_overwrite', '-'), "
    "getattr(s, 'default_acl', '-')); print(settings.PRIVATE_FILE_DELIVERY)"
)


def test_files_stay_on_the_disk_without_s3_bucket():
    assert shell(STORAGE_REPORT) == [
        "FileSystemStorage",
        "django.contrib.staticfiles.storage.StaticFilesStorage",
        "- - - - - - -",
        "stream",
    ]


def test_s3_bucket_puts_the_files_in_object_storage_and_static_stays_with_whitenoise():
    lines = shell(
        STORAGE_REPORT,
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="https://thidua.example.gov.vn",
        S3_BUCKET="portal",
        S3_ENDPOINT_URL="http://minio:9000",
        S3_PUBLIC_ENDPOINT_URL="https://tep.thidua.example.gov.vn",
        S3_REGION="us-east-1",
        S3_ACCESS_KEY="portal",
        S3_SECRET_KEY="portal-secret",
        PRIVATE_FILE_DELIVERY="signed",
    )

    assert lines == [
        "PrivateS3Storage",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "portal http://minio:9000 https://tep.thidua.example.gov.vn us-east-1 path False None",
        "signed",
    ]
