"""Every activity-log action of the good-practice library, with its label."""

from django.utils.translation import gettext_lazy as _

from common.activity import action

PRACTICE_CREATE = action("practice.create", _("Lập sáng kiến, mô hình"))
PRACTICE_EDIT = action("practice.edit", _("Sửa sáng kiến, mô hình"))
PRACTICE_STATE = action("practice.state", _("Chuyển trạng thái sáng kiến, mô hình"))
PRACTICE_ADOPT = action("practice.adopt", _("Ghi nhận đơn vị nhân rộng"))
