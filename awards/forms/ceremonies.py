"""The award ceremony form: which lines, when, where, by whom, one photo, notes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.uploads import EvidenceFileField


class LineChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.subject_name


class CeremonyForm(forms.Form):
    lines = LineChoiceField(
        label=_("Người, tập thể được trao"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một người, tập thể được trao thưởng.")},
    )
    held_at = forms.DateTimeField(
        label=_("Thời điểm trao thưởng"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        validators=[validate_happened_date],
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    presented_by = forms.CharField(
        label=_("Người trao"),
        max_length=255,
        help_text=_("Họ tên, chức vụ, ví dụ “Trần Văn Minh, Giám đốc Sở Y tế”."),
    )
    photo = EvidenceFileField(label=_("Ảnh buổi trao thưởng"), allow=("image",), required=False)
    notes = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = decision.recipients.filter(
            revoked_at__isnull=True
        ).order_by("sort_order", "id")
        self.fields["photo"].widget.attrs["capture"] = "environment"
        if not self.is_bound:
            self.initial.setdefault(
                "held_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            self.initial.setdefault("lines", list(self.fields["lines"].queryset))

    def clean_held_at(self):
        value = self.cleaned_data["held_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("Thời điểm trao thưởng không được ở tương lai."))
        return value
