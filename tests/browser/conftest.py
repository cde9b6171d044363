"""Browser tests: Debian's Chromium driven by Playwright against a live server.

Playwright's own browser download does not work on these machines, so the
tests launch /usr/bin/chromium (override with CHROMIUM_PATH).  They are
skipped when no Chromium is installed.  Screenshots go to test-artifacts/.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
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


@pytest.fixture
def demo(reference_data, live_server, settings):
    call_command("load_demo", force=True, verbosity=0)
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
