"""Forms of the central submission pages.  They validate input; ``services.central`` writes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.uploads import EvidenceFileField
from units.enums import UnitLevel
from units.models import Unit

from ..enums import CentralAddressee, CentralOutcome

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class CentralSubmissionForm(forms.Form):
    """The header of a draft tờ trình: who proposes to whom, who signs."""

    issuer = forms.ModelChoiceField(label=_("Cơ quan trình"), queryset=Unit.objects.none())
    addressee = forms.ChoiceField(
        label=_("Kính gửi"),
        choices=CentralAddressee.choices,
        help_text=_("Hồ sơ được gửi qua Ban Thi đua – Khen thưởng Trung ương."),
    )
    subject = forms.CharField(
        label=_("Trích yếu"),
        max_length=255,
        required=False,
        help_text=_("Để trống: câu mặc định theo nơi nhận."),
    )
    place = forms.CharField(
        label=_("Địa danh"),
        max_length=64,
        required=False,
        help_text=_("Để trống: địa danh của cơ quan trình."),
    )
    signer_authority = forms.CharField(
        label=_("Dòng thẩm quyền ký"), max_length=128, required=False, initial="TM. ỦY BAN NHÂN DÂN"
    )
    signer_capacity = forms.CharField(
        label=_("Dòng ký thay"),
        max_length=128,
        required=False,
        help_text=_("Ví dụ “KT. CHỦ TỊCH”; để trống nếu Chủ tịch ký."),
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=128, initial="CHỦ TỊCH")
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=128)
    body = forms.CharField(
        label=_("Nội dung đề nghị"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Để trống để dùng câu mặc định (số tập thể, cá nhân và hình thức đề nghị)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Unit.objects.filter(level=UnitLevel.PROVINCE).active_on(timezone.localdate())
        self.fields["issuer"].queryset = provinces.order_by("path")
        if not self.is_bound and "issuer" not in self.initial:
            only = list(provinces[:2])
            if len(only) == 1:
                self.initial["issuer"] = only[0].pk

    @classmethod
    def initial_from(cls, submission) -> dict:
        return {name: getattr(submission, name) for name in cls.base_fields}

    def clean_body(self):
        return self.cleaned_data["body"].replace("\r\n", "\n").strip()


class CentralSendForm(forms.Form):
    letter_date = forms.DateField(
        label=_("Ngày tờ trình"),
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        validators=[validate_happened_date],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("letter_date", timezone.localdate())


#: The outcome a line may be given on the form; "pending" leaves it for a later decision.
OUTCOME_CHOICES = [
    (CentralOutcome.PENDING, _("Chưa có trong quyết định này")),
    (CentralOutcome.AWARDED, CentralOutcome.AWARDED.label),
    (CentralOutcome.NOT_AWARDED, CentralOutcome.NOT_AWARDED.label),
]


class CentralResultForm(forms.Form):
    """A decision of the central level, and the outcome of each waiting line."""

    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=64, help_text=_("Ví dụ “1234/QĐ-TTg”.")
    )
    decision_date = forms.DateField(
        label=_("Ngày quyết định"),
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        validators=[validate_happened_date],
    )
    issuer = forms.CharField(label=_("Cấp quyết định"), max_length=128)
    document = EvidenceFileField(label=_("Tệp quyết định (PDF)"), allow=("pdf",), required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"outcome_{line.pk}"] = forms.ChoiceField(
                label=_("Kết quả"), choices=OUTCOME_CHOICES, initial=CentralOutcome.PENDING
            )
            self.fields[f"reason_{line.pk}"] = forms.CharField(
                label=_("Lý do (nếu không được khen)"), max_length=2000, required=False
            )

    def line_fields(self):
        """(line, outcome field, reason field) for each waiting line, for the template."""
        return [
            (line, self[f"outcome_{line.pk}"], self[f"reason_{line.pk}"]) for line in self.lines
        ]

    def clean(self):
        cleaned = super().clean()
        for line in self.lines:
            outcome = cleaned.get(f"outcome_{line.pk}")
            if outcome == CentralOutcome.NOT_AWARDED and not cleaned.get(f"reason_{line.pk}"):
                self.add_error(f"reason_{line.pk}", _("Ghi rõ lý do không được khen."))
        if self.lines and all(
            cleaned.get(f"outcome_{line.pk}") == CentralOutcome.PENDING for line in self.lines
        ):
            raise forms.ValidationError(_("Chọn kết quả cho ít nhất một hồ sơ."))
        return cleaned

    def outcomes(self) -> dict:
        return {
            line.pk: (
                self.cleaned_data[f"outcome_{line.pk}"],
                self.cleaned_data[f"reason_{line.pk}"],
            )
            for line in self.lines
        }
