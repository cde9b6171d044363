"""The launch form: the branches of the unit tree to launch to, the units left out, and the
launch letter's number, date and signer.  It validates; ``campaign.services.launches``
checks who may launch, resolves the units and writes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.widgets import AutocompleteSelect
from units.forms import SignerChoiceField, check_signer
from units.models import Unit
from units.selectors import signers_of

from .campaigns import DATE_FORMATS, date_input

#: At most this many branches or exclusions in one launch.
MAX_PICKS = 200


class AutocompleteSelectMultiple(AutocompleteSelect, forms.SelectMultiple):
    """The unit search box, several units at once."""

    allow_multiple_selected = True


def unit_picker(placeholder):
    return AutocompleteSelectMultiple("units:unit_autocomplete", placeholder=placeholder)


class LaunchForm(forms.Form):
    branches = forms.ModelMultipleChoiceField(
        label=_("Phát động tới (cả nhánh)"),
        queryset=Unit.objects.all(),
        widget=unit_picker(_("Gõ tên đơn vị; đơn vị được chọn gồm cả các đơn vị trực thuộc")),
        help_text=_("Mỗi đơn vị được chọn kéo theo mọi đơn vị trực thuộc còn hoạt động."),
        error_messages={"required": _("Vui lòng chọn ít nhất một đơn vị hoặc một nhánh.")},
    )
    excluded = forms.ModelMultipleChoiceField(
        label=_("Trừ các đơn vị (cả nhánh)"),
        queryset=Unit.objects.all(),
        required=False,
        widget=unit_picker(_("Gõ tên đơn vị không tham gia")),
    )
    date = forms.DateField(
        label=_("Ngày công văn"),
        widget=date_input(),
        input_formats=DATE_FORMATS,
        validators=[validate_happened_date],
    )
    number = forms.CharField(
        label=_("Số"),
        max_length=16,
        required=False,
        help_text=_("Để trống để văn thư ghi số khi ban hành."),
    )
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=32, initial="UBND-TĐKT")
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

    def clean(self):
        cleaned = super().clean()
        for name in ("branches", "excluded"):
            if len(cleaned.get(name) or ()) > MAX_PICKS:
                self.add_error(name, _("Tối đa %(max)d đơn vị.") % {"max": MAX_PICKS})
        branches = set(cleaned.get("branches") or ())
        both = branches & set(cleaned.get("excluded") or ())
        if both:
            self.add_error(
                "excluded",
                _("%(unit)s vừa được chọn vừa bị loại trừ.")
                % {"unit": ", ".join(sorted(u.name for u in both))},
            )
        check_signer(
            self,
            issuer=self.campaign.issuing_unit,
            day=cleaned.get("date"),
            signer=cleaned.get("signer"),
        )
        return cleaned
