"""The nominations import's upload form: the campaign, the unit that puts the list
forward, and the workbook.  It validates; the service writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.excel.forms import WorkbookField
from common.widgets import AutocompleteSelect
from units.models import Unit
from units.selectors import units_visible_to

from ..selectors import open_campaigns


class NominationImportForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Phong trào thi đua"), queryset=None, empty_label=_("Chọn phong trào…")
    )
    nominating_unit = forms.ModelChoiceField(
        label=_("Đơn vị đề nghị"),
        queryset=Unit.objects.none(),
        widget=AutocompleteSelect("units:unit_autocomplete", placeholder=_("Gõ tên để tìm…")),
        error_messages={
            "invalid_choice": _("Chỉ chọn được đơn vị mình phụ trách hoặc đơn vị trực thuộc.")
        },
    )
    file = WorkbookField(
        help_text=_(
            "Dùng mẫu của phong trào (tải ở trên). Hồ sơ chỉ được tạo sau khi kiểm tra và "
            "bạn xác nhận; hồ sơ tạo ra ở trạng thái dự thảo."
        )
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns = open_campaigns().order_by("-start_date", "pk")
        self.fields["campaign"].queryset = campaigns
        units = units_visible_to(user)
        self.fields["nominating_unit"].queryset = units
        if not self.is_bound:
            if len(only := list(campaigns[:2])) == 1:
                self.initial.setdefault("campaign", only[0].pk)
            if len(mine := list(units.order_by("path")[:2])) == 1:
                self.initial.setdefault("nominating_unit", mine[0].pk)


class TemplateCampaignForm(forms.Form):
    """Which campaign's template to download (its forms fill the drop-down list)."""

    campaign = forms.ModelChoiceField(
        label=_("Mẫu của phong trào"), queryset=None, empty_label=_("Chọn phong trào…")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = open_campaigns().order_by("-start_date", "pk")
