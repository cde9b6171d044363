"""The authenticator devices as the admin lists them: a proxy of django-otp's TOTP
device, named in Vietnamese under this app. The rows are django-otp's own."""

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class AuthenticatorDevice(TOTPDevice):
    class Meta:
        proxy = True
        verbose_name = _("thiết bị xác thực hai bước")
        verbose_name_plural = _("thiết bị xác thực hai bước")
