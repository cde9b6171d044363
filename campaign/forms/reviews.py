"""The form that opens a review (sơ kết, tổng kết) of a campaign: its kind, period, the
report's date and signer.  It validates; ``campaign.services.reviews`` checks who may
open it, numbers the report and writes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from units.forms import SignerChoiceField, check_signer
from units.selectors import signers_of

from ..enums import ReviewKind
from .campaigns import DATE_FORMATS, date_input


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ReviewKind.choices)
    period_start = forms.DateField(
        label=_("Từ ngày"), widget=date_input(), input_formats=DATE_FORMATS
    )
    period_end = forms.DateField(
        label=_("Đến ngày"), widget=date_input(), input_formats=DATE_FORMATS
    )
    date = forms.DateField(
        label=_("Ngày báo cáo"),
        widget=date_input(),
        input_formats=DATE_FORMATS,
        validators=[validate_happened_date],
        help_text=_("Số báo cáo được cấp tự động theo cơ quan và năm."),
    )
    signer = SignerChoiceField()
    signer_authority = forms.CharField(
        label=_("Thẩm quyền ký"),
        max_length=64,
        required=False,
        help_text=_("Ví dụ “KT. CHỦ TỊCH”."),
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=128, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=128, required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        today = timezone.localdate()
        self.fields["signer"].set_signers(signers_of([campaign.issuing_unit], day=today))
        if not self.is_bound:
            self.initial.setdefault("date", today)
            self.initial.setdefault("period_start", campaign.start_date)
            self.initial.setdefault("period_end", min(today, campaign.end_date or today))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc kỳ phải sau ngày bắt đầu."))
        check_signer(
            self,
            issuer=self.campaign.issuing_unit,
            day=cleaned.get("date"),
            signer=cleaned.get("signer"),
        )
        return cleaned
