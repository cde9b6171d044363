"""Every activity-log action of the units app, with the label its history shows."""

from django.utils.translation import gettext_lazy as _

from common.activity import action
from common.excel.jobs import ImportStage

STAFF_IMPORT_WRITE = action(
    "staff_import.write", _("Nhập danh sách cán bộ từ Excel"), states=ImportStage
)
