"""The form of a certificate's reissue."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do cấp lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: sửa tên viết sai. Sửa thông tin người được khen trước khi cấp lại."),
    )
