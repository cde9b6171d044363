"""The pages of two-factor sign-in: verify, enrol, recovery codes, the user's own settings.

Each page acts on the signed-in user only. A session that still owes its second factor
(``SessionState.PENDING``) reaches the verify and enrol pages and nothing else; the
settings, new recovery codes and removal need a verified session.
"""

from base64 import b32encode
from functools import wraps

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from common.lockout import client_address, current_lock, lockout_response

from .enums import NEW_CODES_SESSION_KEY, SESSION_KEY, SessionState
from .forms import CodeForm, EnrolForm, RemoveForm
from .rules import requires_two_factor
from .selectors import confirmed_totp_device, has_two_factor, remaining_recovery_codes
from .services import (
    ThrottledError,
    TwoFactorError,
    confirm_totp_enrolment,
    regenerate_recovery_codes,
    remove_two_factor,
    start_totp_enrolment,
    verify_second_factor,
)


def _state(request):
    return request.session.get(SESSION_KEY)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _mark_verified(request):
    request.session.cycle_key()  # a new session id once the second factor is given
    request.session[SESSION_KEY] = SessionState.VERIFIED


def verified_session_required(view):
    """The user's own settings: signed in, and the second factor given if one is owed."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if _state(request) == SessionState.PENDING:
            return redirect(f"{reverse('twofactor:verify')}?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapper


def _locked_out(request):
    """The sign-in lock in force on this user or address, as the lockout page (signing
    the user out), or None."""
    lock = current_lock(request.user.get_username(), client_address(request))
    if lock is None:
        return None
    credentials = {"username": request.user.get_username()}
    logout(request)
    return lockout_response(request, credentials=credentials)


@login_required
def verify(request):
    if _state(request) != SessionState.PENDING:
        return redirect(_next_url(request))
    if not has_two_factor(request.user):
        return redirect(f"{reverse('twofactor:enrol')}?next={_next_url(request)}")
    locked = _locked_out(request)
    if locked is not None:
        return locked
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = verify_second_factor(request.user, form.cleaned_data["code"])
        except ThrottledError as error:
            form.add_error(None, str(error))
        except TwoFactorError as error:
            # A wrong code counts as a failed sign-in of the account (django-axes).
            credentials = {"username": request.user.get_username()}
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return lockout_response(request, credentials=credentials)
            form.add_error(None, str(error))
        else:
            _mark_verified(request)
            if isinstance(device, StaticDevice):
                left = remaining_recovery_codes(request.user)
                messages.warning(
                    request,
                    _(
                        "Bạn vừa đăng nhập bằng một mã khôi phục; mã đó không dùng lại được. "
                        "Còn %(left)d mã. Nếu mất điện thoại, hãy vào Xác thực hai bước để "
                        "đổi thiết bị."
                    )
                    % {"left": left},
                )
            return redirect(_next_url(request))
    return render(
        request,
        "twofactor/verify.html",
        {"form": form, "next": _next_url(request)},
    )


def _key_groups(device) -> str:
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@login_required
def enrol(request):
    if has_two_factor(request.user):
        if _state(request) == SessionState.PENDING:
            return redirect(f"{reverse('twofactor:verify')}?next={_next_url(request)}")
        messages.info(request, _("Tài khoản đã bật xác thực hai bước."))
        return redirect("twofactor:manage")
    device = start_totp_enrolment(request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = confirm_totp_enrolment(device, form.cleaned_data["code"], by=request.user)
        except TwoFactorError as error:
            form.add_error(None, str(error))
        else:
            _mark_verified(request)
            request.session[NEW_CODES_SESSION_KEY] = codes
            messages.success(request, _("Đã bật xác thực hai bước."))
            return redirect(f"{reverse('twofactor:recovery_codes')}?next={_next_url(request)}")
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return render(
        request,
        "twofactor/enrol.html",
        {
            "form": form,
            "qr_svg": mark_safe(qr),  # noqa: S308 (segno's own SVG: paths only, no text)
            "manual_key": _key_groups(device),
            "required": requires_two_factor(request.user),
            "pending": _state(request) == SessionState.PENDING,
            "next": _next_url(request),
        },
    )


@verified_session_required
def recovery_codes(request):
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        messages.info(
            request,
            _("Mã khôi phục chỉ hiện một lần, ngay khi tạo. Cần mã mới thì bấm Tạo mã mới."),
        )
        return redirect("twofactor:manage")
    return render(
        request, "twofactor/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


@verified_session_required
def manage(request):
    device = confirmed_totp_device(request.user)
    return render(
        request,
        "twofactor/manage.html",
        {
            "device": device,
            "remaining": remaining_recovery_codes(request.user) if device else 0,
            "required": requires_two_factor(request.user),
            "remove_form": RemoveForm(),
        },
    )


@require_POST
@verified_session_required
def regenerate(request):
    try:
        codes = regenerate_recovery_codes(request.user, by=request.user)
    except TwoFactorError as error:
        messages.error(request, str(error))
        return redirect("twofactor:manage")
    request.session[NEW_CODES_SESSION_KEY] = codes
    messages.success(request, _("Đã tạo 10 mã khôi phục mới; các mã cũ không còn dùng được."))
    return redirect("twofactor:recovery_codes")


@require_POST
@verified_session_required
def remove(request):
    device = confirmed_totp_device(request.user)
    form = RemoveForm(request.POST)
    if device is None:
        messages.info(request, _("Tài khoản chưa bật xác thực hai bước."))
        return redirect("twofactor:manage")
    if form.is_valid():
        try:
            verify_second_factor(request.user, form.cleaned_data["code"])
            # The other sessions end; this one goes on, to enrol again or without.
            remove_two_factor(
                request.user, by=request.user, keep_session=request.session.session_key
            )
        except TwoFactorError as error:
            form.add_error(None, str(error))
        else:
            if requires_two_factor(request.user):
                request.session[SESSION_KEY] = SessionState.PENDING
                messages.success(
                    request,
                    _(
                        "Đã gỡ thiết bị cũ. Tài khoản của bạn bắt buộc xác thực hai bước: "
                        "hãy cài ứng dụng xác thực trên thiết bị mới."
                    ),
                )
                return redirect("twofactor:enrol")
            request.session[SESSION_KEY] = SessionState.NOT_NEEDED
            messages.success(request, _("Đã tắt xác thực hai bước."))
            return redirect("twofactor:manage")
    return render(
        request,
        "twofactor/manage.html",
        {
            "device": device,
            "remaining": remaining_recovery_codes(request.user),
            "required": requires_two_factor(request.user),
            "remove_form": form,
        },
        status=200,
    )
