"""Browser tests: Debian's Chromium driven by Playwright against a live server.

Playwright's own browser download does not work on these machines, so the
tests launch /usr/bin/chromium (override with CHROMIUM_PATH).  They are
skipped when no Chromium is installed.  Screenshots go to test-artifacts/.

Each journey starts in the demo.  The first loads it (``manage.py load_demo``, about
ten seconds) and keeps what it wrote, its rows in snapshot tables beside the real
ones and its files in a folder (:class:`DemoSnapshot`); the others get the same rows
and files back from there in a fraction of a second.  A journey commits (the live
server reads what it writes), and the database is emptied after it, as after any
test that commits.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from common.text import fold
from tests.support.twofactor import totp_code

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
#: the password of every demo account
PASSWORD = "demo12345"

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


class DemoSnapshot:
    """The demo as ``load_demo`` left it: every table's rows copied into a table of
    the same name with :attr:`PREFIX` in the test database (emptying the database
    after a test that commits leaves them alone: they belong to no model), and the
    media folder copied into ``folder``.  Taken on one day: a journey on a later day
    loads the demo afresh, since the demo's deadlines count from the day it is loaded."""

    PREFIX = "demo_snapshot__"

    def __init__(self, folder: Path):
        self.media = folder / "media"
        self.tables: list[str] = []
        self.day = None

    def _pairs(self):
        quote = connection.ops.quote_name
        return [(quote(table), quote(self.PREFIX + table)) for table in self.tables]

    def take(self, media_root: Path) -> None:
        self.tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        with transaction.atomic(), connection.cursor() as cursor:
            for table, copy in self._pairs():
                cursor.execute(f"DROP TABLE IF EXISTS {copy}")  # a reused database's
                cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM {table}")  # noqa: S608 - ours
        shutil.rmtree(self.media, ignore_errors=True)
        if Path(media_root).exists():
            shutil.copytree(media_root, self.media)
        self.day = timezone.localdate()

    def restore(self, media_root: Path) -> None:
        """Every table holds exactly the rows it held when the snapshot was taken (the
        foreign keys are checked at the commit), and ``media_root`` its files."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table, copy in self._pairs():
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our tables
                cursor.execute(f"INSERT INTO {table} SELECT * FROM {copy}")  # noqa: S608 - ours
        # The content types are the snapshot's again, under the ids it had.
        ContentType.objects.clear_cache()
        if self.media.exists():
            shutil.copytree(self.media, media_root, dirs_exist_ok=True)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for _table, copy in self._pairs():
                cursor.execute(f"DROP TABLE IF EXISTS {copy}")
        self.tables = []


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory, django_db_setup, django_db_blocker):
    snapshot = DemoSnapshot(tmp_path_factory.mktemp("demo-snapshot"))
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def demo(reference_data, live_server, settings, demo_snapshot):
    """The demo, loaded by the first journey of the day and restored for the others."""
    if demo_snapshot.day == timezone.localdate():
        demo_snapshot.restore(settings.MEDIA_ROOT)
    else:
        call_command("load_demo", force=True, verbosity=0)
        demo_snapshot.take(settings.MEDIA_ROOT)
    # Eager tasks run inside the request; keep email on locmem.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


def log_in(page, base, username):
    """Sign in through the login form; an account with an authenticator (the demo's
    admin, staff and council) then types the code its phone would show, computed from
    the device's key."""
    page.context.clear_cookies()
    page.goto(f"{base}{reverse('login')}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#main form button[type=submit]").click()
    expect(page.locator("#main")).to_be_visible()
    assert "/accounts/login/" not in page.url
    if reverse("twofactor:verify") in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.fill("#id_code", totp_code(device))
        page.locator("#twofactor-verify-form button[type=submit]").click()
        expect(page.locator("#main")).to_be_visible()
        assert reverse("twofactor:verify") not in page.url


def pick_in_search_box(page, field, person):
    """Type ``person``'s name without diacritics into the search box of ``field`` and pick
    the person among the answers, as an officer does."""
    page.locator(f"#id_{field}-ts-control").fill(fold(person.full_name))
    page.locator(".ts-dropdown .option", has_text=person.full_name).first.click()
