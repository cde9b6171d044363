"""The staff-list import's upload form: the unit the people belong to, and the workbook.
It validates (the workbook's safety and size, the unit among those the user sees); the
service writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.excel.forms import WorkbookField
from common.widgets import AutocompleteSelect

from ..models import Unit
from ..selectors import units_visible_to


class StaffImportForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị của những người trong danh sách"),
        queryset=Unit.objects.none(),
        widget=AutocompleteSelect("units:unit_autocomplete", placeholder=_("Gõ tên để tìm…")),
        error_messages={
            "invalid_choice": _("Chỉ chọn được đơn vị mình phụ trách hoặc đơn vị trực thuộc.")
        },
    )
    file = WorkbookField(
        help_text=_("Dùng mẫu tải về ở trên. Tệp chỉ được ghi sau khi kiểm tra và bạn xác nhận.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_visible_to(user)
        self.fields["unit"].queryset = units
        if not self.is_bound and "unit" not in self.initial:
            only = list(units.order_by("path")[:2])
            if len(only) == 1:
                self.initial["unit"] = only[0].pk
