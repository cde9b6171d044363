"""Every activity-log action of two-factor sign-in, logged on the user concerned."""

from django.utils.translation import gettext_lazy as _

from common.activity import action

TWO_FACTOR_ENROL = action("twofactor.enrol", _("Bật xác thực hai bước"))
TWO_FACTOR_RECOVERY_CODES = action("twofactor.recovery_codes", _("Tạo mã khôi phục mới"))
TWO_FACTOR_RECOVERY_USED = action("twofactor.recovery_used", _("Đăng nhập bằng mã khôi phục"))
TWO_FACTOR_REMOVE = action("twofactor.remove", _("Gỡ thiết bị xác thực hai bước"))
