"""Forms of the public consultation: the public's comment, and the staff's moderation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.consultation import BODY_MAX, NAME_MAX


class CommentForm(forms.Form):
    author_name = forms.CharField(label=_("Họ và tên"), max_length=NAME_MAX)
    body = forms.CharField(
        label=_("Nội dung góp ý"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tối đa 2.000 ký tự. Góp ý được cơ quan xem xét trước khi công khai."),
    )


class ModerationForm(forms.Form):
    publish = forms.TypedChoiceField(
        label=_("Công khai"),
        choices=[("1", _("Công khai")), ("0", _("Không công khai"))],
        coerce=lambda value: value == "1",
    )
    answer = forms.CharField(
        label=_("Trả lời"),
        required=False,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
