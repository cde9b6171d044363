"""The real sign-in flow through the login form: enrolment, verification with a code
computed from the device's key, recovery codes, the lockout, the user's own settings."""

import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.twofactor import totp_code
from tests.twofactor.conftest import enrol, sign_in
from twofactor.enums import SESSION_KEY, SessionState
from twofactor.selectors import remaining_recovery_codes

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

VERIFY = reverse("twofactor:verify")
ENROL = reverse("twofactor:enrol")
MANAGE = reverse("twofactor:manage")


def _wrong(device) -> str:
    return f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"


# --- Who must give a second factor -------------------------------------------------


@pytest.mark.parametrize("role", ["staff", "council_member", "administrator"])
def test_sign_in_of_a_required_role_without_device_goes_to_enrolment(client, request, role):
    user = request.getfixturevalue(role)
    response = sign_in(client, user)
    assert response["Location"] == reverse("home")
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2F"
    assert client.session[SESSION_KEY] == SessionState.PENDING


def test_an_is_staff_user_must_give_a_second_factor(client, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="x-test-pass-1", is_staff=True)
    sign_in(client, user)
    assert client.get(reverse("admin:index"))["Location"].startswith(ENROL)


STAFF_PAGES = [
    "home",
    "awards:nomination_list",
    "awards:decision_list",
    "awards:statistics",
    "campaign:campaign_list",
    "council:session_list",
    "activity_log",
    "notifications",
    "preferences",
    "password_change",
    "admin:index",
    "admin:auth_user_changelist",
]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_unverified_staff_are_sent_to_verify_from_every_page(client, staff, name):
    enrol(staff)
    staff.is_staff = staff.is_superuser = True
    staff.save()
    sign_in(client, staff)
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={url.replace('/', '%2F')}"


def test_a_post_while_pending_is_refused_and_changes_nothing(client, staff):
    enrol(staff)
    sign_in(client, staff)
    response = client.post(reverse("preferences"), {"email_mode": "off"})
    assert response["Location"] == VERIFY
    assert client.session[SESSION_KEY] == SessionState.PENDING


def test_an_htmx_request_while_pending_is_told_where_to_go(client, staff):
    enrol(staff)
    sign_in(client, staff)
    response = client.get(reverse("awards:nomination_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 302
    assert response["HX-Redirect"].startswith(VERIFY)


def test_logout_and_static_files_stay_reachable_while_pending(client, staff):
    enrol(staff)
    sign_in(client, staff)
    assert client.get("/static/css/app.css").status_code in (200, 404)  # not a redirect
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_session_from_before_two_factor_is_judged_on_its_next_request(client, staff):
    client.force_login(staff)  # verified by the test fixture, with a device of its own
    session = client.session
    del session[SESSION_KEY]
    session.save()
    assert client.get(reverse("home"))["Location"] == f"{VERIFY}?next=%2F"
    assert client.session[SESSION_KEY] == SessionState.PENDING


def test_officers_are_not_forced(client, officer):
    sign_in(client, officer)
    assert client.get(reverse("home")).status_code == 200
    assert client.session[SESSION_KEY] == SessionState.NOT_NEEDED


def test_an_officer_who_enrolled_verifies_at_each_sign_in(client, officer):
    device, _codes = enrol(officer)
    sign_in(client, officer)
    assert client.get(reverse("home"))["Location"] == f"{VERIFY}?next=%2F"
    response = client.post(VERIFY, {"code": totp_code(device), "next": "/"})
    assert response["Location"] == "/"
    assert client.get(reverse("home")).status_code == 200


# --- Enrolment -----------------------------------------------------------------------


def test_enrolment_shows_the_qr_code_and_key_then_the_recovery_codes_once(client, staff):
    sign_in(client, staff)
    page = client.get(f"{ENROL}?next=/campaigns/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<svg width="' in html
    device = TOTPDevice.objects.get(user=staff)
    key = re.search(r'id="twofactor-key">([A-Z2-7 ]+)<', html).group(1)
    assert key.replace(" ", "") == device.config_url.split("secret=")[1].split("&")[0]

    response = client.post(ENROL, {"code": totp_code(device), "next": "/campaigns/"})
    assert response["Location"] == f"{reverse('twofactor:recovery_codes')}?next=/campaigns/"
    codes_page = client.get(response["Location"])
    shown = re.findall(r"<li>([a-z2-7]{8})</li>", codes_page.content.decode())
    assert len(shown) == 10
    assert remaining_recovery_codes(staff) == 10
    again = client.get(reverse("twofactor:recovery_codes"))
    assert again["Location"] == MANAGE
    assert client.get(reverse("home")).status_code == 200


def test_enrolment_wrong_code_says_so_and_keeps_the_key(client, staff):
    sign_in(client, staff)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=staff)
    response = client.post(ENROL, {"code": _wrong(device)})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert list(TOTPDevice.objects.filter(user=staff).values_list("key", "confirmed")) == [
        (device.key, False)
    ]
    assert client.session[SESSION_KEY] == SessionState.PENDING


def test_a_password_alone_cannot_enrol_a_new_device_over_an_existing_one(client, staff):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    assert client.get(ENROL)["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"})["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=staff).values_list("pk", flat=True)) == [device.pk]


# --- Verification ----------------------------------------------------------------------


def test_verify_with_the_app_code_opens_the_page_asked_for(client, staff):
    device, _codes = enrol(staff)
    response = sign_in(client, staff, next_url="/decisions/")
    assert client.get(response["Location"])["Location"] == f"{VERIFY}?next=%2Fdecisions%2F"
    response = client.post(VERIFY, {"code": totp_code(device), "next": "/decisions/"})
    assert response["Location"] == "/decisions/"
    assert client.session[SESSION_KEY] == SessionState.VERIFIED


def test_the_code_page_shows_no_menu_until_the_code_is_given(client, staff):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    assert 'id="main-nav"' not in client.get(VERIFY).content.decode()
    client.post(VERIFY, {"code": totp_code(device)})
    assert 'id="main-nav"' in client.get(reverse("home")).content.decode()


def test_verify_does_not_follow_a_next_to_another_site(client, staff):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_verify_wrong_code_is_explained_and_counted_as_a_failed_sign_in(client, staff):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    response = client.post(VERIFY, {"code": _wrong(device)})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert AccessAttempt.objects.get(username=staff.username).failures_since_start == 1
    assert client.session[SESSION_KEY] == SessionState.PENDING


def test_verify_too_soon_after_a_wrong_code_asks_to_wait(client, staff):
    device, _codes = enrol(staff)
    sign_in(client, staff)
    client.post(VERIFY, {"code": _wrong(device)})
    response = client.post(VERIFY, {"code": totp_code(device)})
    assert "Đã nhập sai mã 1 lần liên tiếp" in response.content.decode()
    assert client.session[SESSION_KEY] == SessionState.PENDING


def test_five_wrong_codes_lock_the_account_with_the_vietnamese_page(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait between tries: only the lock stops them
    device, _codes = enrol(staff)
    sign_in(client, staff)
    for _try in range(4):
        assert client.post(VERIFY, {"code": _wrong(device)}).status_code == 200
    response = client.post(VERIFY, {"code": _wrong(device)})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "nhập sai mật khẩu hoặc mã xác thực hai bước quá nhiều lần" in html
    assert "_auth_user_id" not in client.session
    locked = sign_in(client, staff)
    assert locked.status_code == 429


def test_recovery_code_signs_in_once(client, staff):
    _device, codes = enrol(staff)
    sign_in(client, staff)
    response = client.post(VERIFY, {"code": codes[3]}, follow=True)
    assert "Còn 9 mã" in response.content.decode()
    assert client.session[SESSION_KEY] == SessionState.VERIFIED
    client.post(reverse("logout"))

    sign_in(client, staff)
    response = client.post(VERIFY, {"code": codes[3]})
    assert "Mã khôi phục không đúng hoặc đã được dùng" in response.content.decode()
    assert client.session[SESSION_KEY] == SessionState.PENDING


# --- The user's own settings ------------------------------------------------------------


def test_settings_need_sign_in(client):
    assert client.get(MANAGE)["Location"] == f"{reverse('login')}?next={MANAGE}"


def test_settings_need_the_second_factor_first(client, staff):
    enrol(staff)
    sign_in(client, staff)
    assert client.get(MANAGE)["Location"] == f"{VERIFY}?next={MANAGE}"
    assert client.post(reverse("twofactor:regenerate"))["Location"].startswith(VERIFY)


def test_officer_enrols_from_the_account_menu(client, officer):
    sign_in(client, officer)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{MANAGE}"' in home
    page = client.get(MANAGE).content.decode()
    assert "Chưa bật" in page
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=officer)
    client.post(ENROL, {"code": totp_code(device)})
    assert "Đang bật" in client.get(MANAGE).content.decode()


def test_regenerate_shows_ten_new_codes(client, staff):
    _device, old = enrol(staff)
    client.force_login(staff)
    response = client.post(reverse("twofactor:regenerate"), follow=True)
    shown = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(shown) == 10
    assert set(shown).isdisjoint(old)


def test_staff_removing_their_device_must_enrol_again(client, staff):
    device, _codes = enrol(staff)
    client.force_login(staff)
    response = client.post(reverse("twofactor:remove"), {"code": totp_code(device)})
    assert response["Location"] == ENROL
    assert TOTPDevice.objects.filter(user=staff).count() == 0
    assert client.get(reverse("home"))["Location"].startswith(ENROL)


def test_removing_the_device_signs_the_users_other_sessions_out(
    client, staff, django_capture_on_commit_callbacks
):
    device, _codes = enrol(staff)
    client.force_login(staff)
    laptop = Client()
    laptop.force_login(staff)
    assert laptop.get(reverse("home")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("twofactor:remove"), {"code": totp_code(device)})

    assert response["Location"] == ENROL
    assert laptop.get(reverse("home"))["Location"].startswith(reverse("login"))
    # This session goes on, to enrol the new phone.
    assert client.get(ENROL).status_code == 200


def test_removing_with_a_wrong_code_keeps_the_device(client, staff):
    device, _codes = enrol(staff)
    client.force_login(staff)
    response = client.post(reverse("twofactor:remove"), {"code": _wrong(device)})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert list(TOTPDevice.objects.filter(user=staff).values_list("pk", flat=True)) == [device.pk]


def test_an_officer_turns_two_factor_off(client, officer):
    device, _codes = enrol(officer)
    sign_in(client, officer)
    client.post(VERIFY, {"code": totp_code(device)})
    response = client.post(reverse("twofactor:remove"), {"code": totp_code(device)})
    assert response["Location"] == MANAGE
    assert TOTPDevice.objects.filter(user=officer).count() == 0
    assert client.get(reverse("home")).status_code == 200
