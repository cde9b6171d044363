"""The staff's and officers' forms for what the board shows of a person or a unit.
Forms validate; ``units.services.publicity`` writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.uploads import IMAGE, EvidenceFileField


class VisibilityForm(forms.Form):
    """Hide from the board, or show again: the reason is required either way."""

    reason = forms.CharField(
        label=_("Lý do"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Cần ghi lý do.")},
    )


class PhotoConsentForm(forms.Form):
    photo = EvidenceFileField(
        label=_("Ảnh được phép công khai"),
        allow=(IMAGE,),
        error_messages={"required": _("Chọn ảnh của người này.")},
        help_text=_("Ảnh JPEG, PNG hoặc WebP; thông tin EXIF (vị trí, máy chụp) được xóa."),
    )
    basis = forms.CharField(
        label=_("Căn cứ đồng ý"),
        max_length=255,
        help_text=_("Ví dụ “Phiếu đồng ý ký ngày 10/9/2021, lưu tại văn phòng đơn vị”."),
        error_messages={"required": _("Cần ghi căn cứ của sự đồng ý.")},
    )
    confirm = forms.BooleanField(
        label=_("Người này đã đồng ý cho công khai ảnh trên bảng vàng."),
        error_messages={"required": _("Cần xác nhận người này đã đồng ý.")},
    )


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút lại"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Cần ghi lý do.")},
    )
