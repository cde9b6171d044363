"""The administrator's view of second-factor devices: who has one, since when, last
used; and removal for a lost phone, through ``remove_two_factor`` (audit-logged, and
the user is signed out everywhere).

django-otp's own admins are replaced: they show and edit the secret keys (and their
QR codes), which nobody but the phone should hold, and would delete a device without
a log entry. Adding a device here is not offered: the user enrols on the portal.
"""

import contextlib

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuthenticatorDevice
from .services import remove_two_factor

for _model in (TOTPDevice, StaticDevice):
    with contextlib.suppress(NotRegistered):
        admin.site.unregister(_model)

#: The note logged when an administrator removes a user's devices.
ADMIN_REMOVAL_NOTE = "admin"


@admin.register(AuthenticatorDevice)
class AuthenticatorDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "confirmed", "created_at", "last_used_at", "throttling_failure_count"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    list_select_related = ["user"]
    fields = [
        "user",
        "confirmed",
        "created_at",
        "last_used_at",
        "throttling_failure_count",
        "throttling_failure_timestamp",
    ]
    readonly_fields = fields
    actions = ["remove_devices"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # removal goes through the service below
        return actions

    @staticmethod
    def _remove(request, user):
        """The service, ending the user's sessions (but the administrator's own)."""
        own = request.session.session_key if user.pk == request.user.pk else ""
        remove_two_factor(user, by=request.user, note=ADMIN_REMOVAL_NOTE, keep_session=own)

    def delete_model(self, request, obj):
        self._remove(request, obj.user)

    def delete_queryset(self, request, queryset):
        for user in {device.user for device in queryset.select_related("user")}:
            self._remove(request, user)

    @admin.action(
        description=_("Gỡ thiết bị xác thực hai bước (mất điện thoại): người dùng cài lại"),
        permissions=["delete"],
    )
    def remove_devices(self, request, queryset):
        users = {device.user for device in queryset.select_related("user")}
        for user in users:
            self._remove(request, user)
        self.message_user(
            request,
            _("Đã gỡ thiết bị của %(n)d tài khoản; lần đăng nhập tới, họ cài lại ứng dụng.")
            % {"n": len(users)},
            messages.SUCCESS,
        )
