"""Every activity-log action of the units app, with the label its history shows."""

from django.utils.translation import gettext_lazy as _

from common.activity import action
from common.excel.jobs import ImportStage

STAFF_IMPORT_WRITE = action(
    "staff_import.write", _("Nhập danh sách cán bộ từ Excel"), states=ImportStage
)
PUBLIC_HIDE = action("public.hide", _("Ẩn khỏi bảng vàng"))
PUBLIC_SHOW = action("public.show", _("Hiển thị lại trên bảng vàng"))
PHOTO_CONSENT_RECORD = action("public.photo_consent", _("Ghi nhận đồng ý công khai ảnh"))
PHOTO_CONSENT_WITHDRAW = action("public.photo_withdraw", _("Rút lại đồng ý công khai ảnh"))
