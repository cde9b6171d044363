"""Two-factor sign-in: enrolment, verification, recovery codes, removal.

A user has at most one confirmed authenticator (TOTP) device and one recovery device
holding ``RECOVERY_CODE_COUNT`` single-use codes. Enrolment confirms a device only
with a right code from it, replaces any earlier device and issues fresh recovery
codes. Every wrong code counts on the device (django-otp's throttle: each failure
doubles the wait before the next try) and the refusal says so in Vietnamese.
Enrolment, new recovery codes, a recovery code used and a removal are written to
the activity log on the user. Services never touch the request's session (views do);
a removal signs the user out of every other session, in the session store, so that a
session verified with the removed device does not outlive it.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY as USER_ID_SESSION_KEY
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.models import log_activity

from .activity import (
    TWO_FACTOR_ENROL,
    TWO_FACTOR_RECOVERY_CODES,
    TWO_FACTOR_RECOVERY_USED,
    TWO_FACTOR_REMOVE,
)
from .rules import can_reset_two_factor
from .selectors import (
    RECOVERY_DEVICE_NAME,
    confirmed_totp_device,
    recovery_device,
    unconfirmed_totp_device,
)

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"


class TwoFactorError(Exception):
    """A refusal whose message is shown to the user as is."""


class ThrottledError(TwoFactorError):
    """Too early after wrong codes: the try was not checked, nor counted."""


def normalise_code(code: str) -> str:
    """A code as typed, without spaces or dashes, in lower case."""
    return "".join(ch for ch in (code or "") if ch not in " -\t").lower()


def is_totp_code(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


def start_totp_enrolment(user, *, key: str = "") -> TOTPDevice:
    """The unconfirmed device of the enrolment under way, made on first call (so the QR
    code stays the same when the page is reloaded). ``key`` (hex) sets its secret instead
    of a random one: only the demo does, with its published key."""
    device = unconfirmed_totp_device(user)
    if device is None:
        device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    if key:
        device.key = key
    if device.pk is None or key:
        device.save()
    return device


def _throttled_message(device) -> str | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    seconds = max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)
    wrong = data["failure_count"]
    if seconds < 120:
        wait = ngettext("%(n)d giây", "%(n)d giây", seconds) % {"n": seconds}
    else:
        until = timezone.localtime(data["locked_until"])
        wait = until.strftime("%H:%M ngày %d/%m/%Y")
    return _(
        "Đã nhập sai mã %(wrong)d lần liên tiếp. Để bảo vệ tài khoản, hãy đợi %(wait)s "
        "rồi nhập mã mới."
    ) % {"wrong": wrong, "wait": wait}


def _verify(device, code: str) -> bool:
    """django-otp's check of ``code`` on ``device`` under a row lock; a wrong code is
    counted on the device (committed: the refusal is raised after the transaction)."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        ok = locked.verify_token(code)
    device.refresh_from_db()
    return ok


def confirm_totp_enrolment(device, code: str, *, by) -> list[str]:
    """Confirm ``device`` with a code read from the app; returns the new recovery codes.

    Refuses a wrong or throttled code (counted), and a device already confirmed."""
    if device.confirmed:
        raise TwoFactorError(_("Thiết bị này đã được xác nhận."))
    code = normalise_code(code)
    waiting = _throttled_message(device)
    if waiting:
        raise ThrottledError(waiting)
    if not is_totp_code(code) or not _verify(device, code):
        raise TwoFactorError(
            _(
                "Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực "
                "(mã đổi sau mỗi 30 giây) và kiểm tra giờ của điện thoại."
            )
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(device.user)
        log_activity(device.user, TWO_FACTOR_ENROL, actor=by)
    return codes


def _replace_recovery_codes(user, codes=None) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    device.throttle_reset(commit=False)
    device.confirmed = True
    device.save()
    codes = [normalise_code(code) for code in codes] if codes else []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def regenerate_recovery_codes(user, *, by, codes=None) -> list[str]:
    """Ten new recovery codes for a user with an authenticator; the old ones stop working.
    ``codes`` gives them instead of random ones: only the demo does, with its published
    codes."""
    if not can_reset_two_factor(by, user):
        raise TwoFactorError(_("Bạn không có quyền đổi mã khôi phục của tài khoản này."))
    if confirmed_totp_device(user) is None:
        raise TwoFactorError(_("Tài khoản chưa bật xác thực hai bước."))
    with transaction.atomic():
        codes = _replace_recovery_codes(user, codes)
        log_activity(user, TWO_FACTOR_RECOVERY_CODES, actor=by)
    return codes


def verify_second_factor(user, code: str):
    """The device that accepts ``code`` (6 digits: the authenticator; otherwise a recovery
    code, used up); raises ``TwoFactorError`` for a wrong code or while throttled."""
    code = normalise_code(code)
    if not code:
        raise TwoFactorError(_("Hãy nhập mã xác thực."))
    if is_totp_code(code):
        device = confirmed_totp_device(user)
    else:
        device = recovery_device(user)
        if device is not None and not device.confirmed:
            device = None
    if device is None:
        raise TwoFactorError(
            _("Mã không đúng.")
            if is_totp_code(code)
            else _("Mã khôi phục không đúng hoặc đã được dùng.")
        )
    waiting = _throttled_message(device)
    if waiting:
        raise ThrottledError(waiting)
    if not _verify(device, code):
        if is_totp_code(code):
            raise TwoFactorError(
                _(
                    "Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực "
                    "(mã đổi sau mỗi 30 giây), hoặc một mã khôi phục."
                )
            )
        raise TwoFactorError(_("Mã khôi phục không đúng hoặc đã được dùng."))
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        log_activity(user, TWO_FACTOR_RECOVERY_USED, actor=user, data={"remaining": left})
    return device


def end_user_sessions(user, *, keep: str = "") -> int:
    """Sign ``user`` out of every session but the one keyed ``keep``; returns how many
    ended.

    The sessions live in the database (``SESSION_ENGINE``, cached_db), which does not
    index them by user: every unexpired one is read once and those of ``user`` are
    deleted, in the caller's transaction.  Their cached copies are dropped after the
    commit (dropped earlier, a request of that session could cache its row again from
    the database before the deletion is visible)."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    store = store_class()
    user_id = str(user.pk)
    sessions = (
        store_class.get_model_class()
        .objects.filter(expire_date__gt=timezone.now())
        .exclude(session_key=keep)
        .values_list("session_key", "session_data")
    )
    ended = [
        key
        for key, data in sessions.iterator(chunk_size=2000)
        if store.decode(data).get(USER_ID_SESSION_KEY) == user_id
    ]
    if not ended:
        return 0
    store_class.get_model_class().objects.filter(session_key__in=ended).delete()

    def drop_cached_copies():
        for key in ended:
            store_class().delete(key)

    transaction.on_commit(drop_cached_copies)
    return len(ended)


def remove_two_factor(user, *, by, note: str = "", keep_session: str = "") -> int:
    """Remove every second-factor device of ``user`` (a lost phone, a new phone) and end
    the user's sessions but ``keep_session`` (the key of the session making the change,
    when it is the user's own); returns how many devices were removed. A user whose
    role requires a second factor enrols again at the next page."""
    if not can_reset_two_factor(by, user):
        raise TwoFactorError(_("Bạn không có quyền gỡ thiết bị của tài khoản này."))
    with transaction.atomic():
        totps = TOTPDevice.objects.filter(user=user)
        statics = StaticDevice.objects.filter(user=user)
        removed = totps.count() + statics.count()
        totps.delete()
        statics.delete()
        ended = end_user_sessions(user, keep=keep_session or "")
        log_activity(user, TWO_FACTOR_REMOVE, actor=by, note=note, data={"sessions_ended": ended})
    return removed
