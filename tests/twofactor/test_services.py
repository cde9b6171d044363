"""twofactor/services.py: enrolment, verification, recovery codes, removal."""

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY as USER_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.models import ActivityLog
from tests.support.twofactor import totp_code
from tests.twofactor.conftest import enrol
from twofactor.activity import (
    TWO_FACTOR_ENROL,
    TWO_FACTOR_RECOVERY_CODES,
    TWO_FACTOR_RECOVERY_USED,
    TWO_FACTOR_REMOVE,
)
from twofactor.selectors import remaining_recovery_codes
from twofactor.services import (
    ThrottledError,
    TwoFactorError,
    confirm_totp_enrolment,
    regenerate_recovery_codes,
    remove_two_factor,
    start_totp_enrolment,
    verify_second_factor,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _actions(user):
    return list(
        ActivityLog.objects.filter(object_id=str(user.pk), action__startswith="twofactor.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_start_totp_enrolment_keeps_the_same_key_until_confirmed(staff):
    first = start_totp_enrolment(staff)
    again = start_totp_enrolment(staff)
    assert again.pk == first.pk
    assert again.key == first.key
    assert first.confirmed is False


def test_confirm_totp_enrolment_right_code_confirms_and_gives_ten_codes(staff):
    device = start_totp_enrolment(staff)
    codes = confirm_totp_enrolment(device, totp_code(device), by=staff)
    device.refresh_from_db()
    assert device.confirmed is True
    assert len(codes) == 10
    assert len(set(codes)) == 10
    stored = StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    assert sorted(stored) == sorted(codes)
    assert _actions(staff) == [TWO_FACTOR_ENROL]


def test_confirm_totp_enrolment_wrong_code_is_refused_and_counted(staff):
    device = start_totp_enrolment(staff)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    with pytest.raises(TwoFactorError, match="Mã không đúng"):
        confirm_totp_enrolment(device, wrong, by=staff)
    device.refresh_from_db()
    assert device.confirmed is False
    assert device.throttling_failure_count == 1
    assert StaticDevice.objects.filter(user=staff).count() == 0
    assert _actions(staff) == []


def test_confirm_totp_enrolment_replaces_an_earlier_device(staff):
    old, _codes = enrol(staff)
    new = TOTPDevice.objects.create(user=staff, name="new phone", confirmed=False)
    confirm_totp_enrolment(new, totp_code(new), by=staff)
    assert list(TOTPDevice.objects.filter(user=staff).values_list("pk", flat=True)) == [new.pk]


def test_verify_second_factor_accepts_the_current_code_once(staff):
    device, _codes = enrol(staff)
    code = totp_code(device)
    assert verify_second_factor(staff, code) == device
    with pytest.raises(TwoFactorError, match="Mã không đúng"):
        verify_second_factor(staff, code)  # the same code again: a replay


def test_verify_second_factor_recovery_code_works_once(staff):
    _device, codes = enrol(staff)
    used = verify_second_factor(staff, codes[0].upper()[:4] + " " + codes[0][4:])
    assert isinstance(used, StaticDevice)
    assert remaining_recovery_codes(staff) == 9
    assert _actions(staff) == [TWO_FACTOR_ENROL, TWO_FACTOR_RECOVERY_USED]
    used.throttle_reset()
    with pytest.raises(TwoFactorError, match="Mã khôi phục không đúng hoặc đã được dùng"):
        verify_second_factor(staff, codes[0])
    assert remaining_recovery_codes(staff) == 9


def test_verify_second_factor_waits_after_a_wrong_code(staff):
    device, _codes = enrol(staff)
    right = totp_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    with pytest.raises(TwoFactorError, match="Mã không đúng"):
        verify_second_factor(staff, wrong)
    with pytest.raises(ThrottledError, match="Đã nhập sai mã 1 lần liên tiếp"):
        verify_second_factor(staff, right)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_verify_second_factor_without_device_is_refused(officer):
    with pytest.raises(TwoFactorError, match="Mã không đúng"):
        verify_second_factor(officer, "123456")


def test_regenerate_recovery_codes_old_codes_stop_working(staff):
    _device, old = enrol(staff)
    new = regenerate_recovery_codes(staff, by=staff)
    assert set(new).isdisjoint(old)
    with pytest.raises(TwoFactorError, match="Mã khôi phục không đúng"):
        verify_second_factor(staff, old[0])
    assert _actions(staff) == [TWO_FACTOR_ENROL, TWO_FACTOR_RECOVERY_CODES]


def test_regenerate_recovery_codes_without_authenticator_is_refused(officer):
    with pytest.raises(TwoFactorError, match="chưa bật xác thực hai bước"):
        regenerate_recovery_codes(officer, by=officer)
    assert StaticDevice.objects.filter(user=officer).count() == 0


def test_remove_two_factor_by_an_administrator_is_logged(staff, administrator):
    enrol(staff)
    assert remove_two_factor(staff, by=administrator, note="admin") == 2
    assert TOTPDevice.objects.filter(user=staff).count() == 0
    assert StaticDevice.objects.filter(user=staff).count() == 0
    entry = ActivityLog.objects.filter(action=TWO_FACTOR_REMOVE).get()
    assert (entry.actor, entry.object_id, entry.note) == (administrator, str(staff.pk), "admin")


def _session_of(user) -> str:
    """A signed-in session of ``user`` in the session store (database and cache)."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[USER_ID_SESSION_KEY] = str(user.pk)
    session.create()
    return session.session_key


def test_remove_two_factor_ends_the_users_other_sessions(
    staff, officer, django_capture_on_commit_callbacks
):
    enrol(staff)
    kept, phone, laptop = _session_of(staff), _session_of(staff), _session_of(staff)
    officers = _session_of(officer)

    with django_capture_on_commit_callbacks(execute=True):
        remove_two_factor(staff, by=staff, keep_session=kept)

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    # exists(): the cached copy, else the database row.
    assert [k for k in (kept, phone, laptop, officers) if store.exists(k)] == [kept, officers]
    entry = ActivityLog.objects.get(action=TWO_FACTOR_REMOVE)
    assert entry.data == {"sessions_ended": 2}


def test_remove_two_factor_by_an_administrator_ends_every_session_of_the_user(
    staff, administrator, django_capture_on_commit_callbacks
):
    enrol(staff)
    sessions = [_session_of(staff), _session_of(staff)]
    admins = _session_of(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        remove_two_factor(staff, by=administrator, note="admin")

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    assert [k for k in (*sessions, admins) if store.exists(k)] == [admins]


def test_remove_two_factor_by_another_user_is_refused(staff, officer):
    enrol(staff)
    session = _session_of(staff)
    with pytest.raises(TwoFactorError, match="không có quyền gỡ thiết bị"):
        remove_two_factor(staff, by=officer)
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1
    assert import_module(settings.SESSION_ENGINE).SessionStore().exists(session)
    assert _actions(staff) == [TWO_FACTOR_ENROL]
