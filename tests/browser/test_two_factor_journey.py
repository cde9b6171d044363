"""Two-factor sign-in as users meet it: the demo's staff type the code of their
authenticator app (and a recovery code another time); an officer turns it on from
the account menu, scanning nothing but typing the key into an "app" (computed here)."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import expect

from portal.demo import data
from portal.demo.second_factor import demo_code

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.e2e


def _password_step(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}{reverse('login')}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#main form button[type=submit]").click()


def test_staff_verify_with_a_recovery_code_then_the_app(demo, live_server, page, shot, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no wait
    page.set_default_timeout(15_000)
    base = live_server.url
    _password_step(page, base, "staff")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    shot(page, "two-factor-1-verify")

    # The admin is behind the second step too.
    page.goto(f"{base}{reverse('admin:index')}")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/\?next=%2Fadmin%2F"))

    page.fill("#id_code", "000000" if demo_code() != "000000" else "111111")
    page.locator("#twofactor-verify-form button[type=submit]").click()
    expect(page.locator("#twofactor-error")).to_contain_text("Mã không đúng")
    shot(page, "two-factor-2-wrong-code")

    page.fill("#id_code", data.DEMO_RECOVERY_CODES[0])
    page.locator("#twofactor-verify-form button[type=submit]").click()
    expect(page.locator("#main")).to_contain_text("Còn 9 mã")
    shot(page, "two-factor-3-recovery-code-used")

    log_in(page, base, "staff")  # the app's code, from the device's key
    expect(page.locator("#main")).to_be_visible()
    assert "/accounts/" not in page.url


def test_officer_turns_two_factor_on_from_the_account_menu(demo, live_server, page, shot):
    page.set_default_timeout(15_000)
    base = live_server.url
    log_in(page, base, "officer1")
    assert "/accounts/two-factor/" not in page.url  # officers are not forced

    page.locator("#main-nav .dropdown-toggle").last.click()
    page.get_by_role("link", name="Xác thực hai bước").click()
    page.locator("#twofactor-enrol").click()
    expect(page.locator("#twofactor-qr svg")).to_be_visible()
    shot(page, "two-factor-4-enrol")

    key = page.locator("#twofactor-key").inner_text().replace(" ", "")
    code = f"{TOTP(b32decode(key)).token():06d}"
    page.fill("#id_code", code)
    page.locator("#twofactor-enrol-form button[type=submit]").click()
    codes = page.locator("#recovery-codes li")
    expect(codes).to_have_count(10)
    shot(page, "two-factor-5-recovery-codes")

    page.locator("#recovery-codes-done").click()
    page.goto(f"{base}{reverse('twofactor:manage')}")
    expect(page.locator("#twofactor-status")).to_contain_text("Đang bật")
    expect(page.locator("#main")).to_contain_text("Còn 10 mã khôi phục")
    shot(page, "two-factor-6-manage")
