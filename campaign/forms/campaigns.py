"""The staff's campaign forms: the plan's fields, and closing by a decision.  They validate;
``campaign.services.campaigns`` checks who may act and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from common.dates import validate_plan_date
from common.uploads import EvidenceFileField
from common.widgets import AutocompleteSelect

from ..models import Campaign

DATE_WIDGET = {"type": "date"}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
#: At most this many content items, each at most this long.
MAX_ITEMS = 50
MAX_ITEM_LENGTH = 1000


def date_input():
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


class ItemsField(forms.CharField):
    """A list of strings typed one a line."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        items = [line.strip() for line in (text or "").splitlines() if line.strip()]
        if len(items) > MAX_ITEMS:
            raise forms.ValidationError(
                _("Tối đa %(max)d nội dung; đã nhập %(count)d.")
                % {"max": MAX_ITEMS, "count": len(items)}
            )
        if any(len(item) > MAX_ITEM_LENGTH for item in items):
            raise forms.ValidationError(
                _("Mỗi nội dung tối đa %(max)d ký tự.") % {"max": MAX_ITEM_LENGTH}
            )
        return items


class CampaignForm(forms.ModelForm):
    content_items = ItemsField(
        label=_("Các nội dung thi đua"),
        required=False,
        help_text=_("Mỗi nội dung một dòng, theo thứ tự trong kế hoạch."),
    )
    plan_upload = EvidenceFileField(
        label=_("Tệp kế hoạch (PDF)"),
        allow=("pdf",),
        required=False,
        help_text=_("Bản kế hoạch đã ký, định dạng PDF. Để trống nếu giữ tệp đã tải lên."),
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "plan_number",
            "plan_symbol",
            "issue_date",
            "issuing_unit",
            "kind",
            "purpose",
            "content_items",
            "content",
            "slogan",
            "target_unit_types",
            "target_individual_categories",
            "allowed_award_types",
            "start_date",
            "end_date",
            "end_condition",
            "registration_required",
            "registration_deadline",
            "nomination_deadline",
            "interim_review_date",
            "final_review_date",
        ]
        widgets = {
            "issuing_unit": AutocompleteSelect("units:unit_autocomplete"),
            "allowed_award_types": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "content": forms.Textarea(attrs={"rows": 3}),
            "slogan": forms.Textarea(attrs={"rows": 2}),
            **{
                name: date_input()
                for name in (
                    "issue_date",
                    "start_date",
                    "end_date",
                    "registration_deadline",
                    "nomination_deadline",
                    "interim_review_date",
                    "final_review_date",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allowed_award_types"].queryset = AwardType.objects.filter(is_active=True)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_FORMATS

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không thể trước ngày bắt đầu."))
        if not end and not (cleaned.get("end_condition") or "").strip():
            self.add_error(
                "end_condition",
                _(
                    "Ghi ngày kết thúc, hoặc điều kiện kết thúc nếu phong trào chưa có hạn "
                    "(ví dụ “đến khi hết dịch bệnh theo công bố của Chính phủ”)."
                ),
            )
        interim, final = cleaned.get("interim_review_date"), cleaned.get("final_review_date")
        if interim and final and final < interim:
            self.add_error("final_review_date", _("Ngày tổng kết không thể trước ngày sơ kết."))
        if cleaned.get("registration_required") and not cleaned.get("registration_deadline"):
            self.add_error(
                "registration_deadline",
                _("Phong trào yêu cầu đăng ký thi đua: vui lòng ghi hạn đăng ký."),
            )
        return cleaned


class CloseCampaignForm(forms.Form):
    closing_number = forms.CharField(
        label=_("Số quyết định kết thúc"),
        max_length=32,
        help_text=_("Ví dụ 1520/QĐ-UBND."),
        error_messages={"required": _("Vui lòng ghi số quyết định kết thúc phong trào.")},
    )
    closing_date = forms.DateField(
        label=_("Ngày quyết định"),
        widget=date_input(),
        input_formats=DATE_FORMATS,
        validators=[validate_plan_date],
        error_messages={
            "required": _("Vui lòng ghi ngày của quyết định."),
            "invalid": _("Ngày chưa đúng, ví dụ đúng: 04/05/2022."),
        },
    )
