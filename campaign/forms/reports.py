"""Forms of reporting rounds: the staff's round, and a unit's progress report (a figure per
indicator, a narrative, attachments).  They validate; ``campaign.services.reports`` checks
who may write and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.forms.achievements import EvidenceFilesField

from ..models import ReportingRound
from .campaigns import DATE_FORMATS, date_input
from .indicators import indicator_value_field

#: The longest narrative a report takes.
MAX_NARRATIVE = 20_000


def figure_field_name(indicator) -> str:
    return f"figure_{indicator.pk}"


class RoundForm(forms.ModelForm):
    class Meta:
        model = ReportingRound
        fields = ["kind", "title", "period_start", "period_end", "due_date"]
        widgets = {
            "period_start": date_input(),
            "period_end": date_input(),
            "due_date": date_input(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("period_start", "period_end", "due_date"):
            self.fields[name].input_formats = DATE_FORMATS

    def clean(self):
        cleaned = super().clean()
        start, end, due = (cleaned.get(k) for k in ("period_start", "period_end", "due_date"))
        if start and end and end < start:
            self.add_error("period_end", _("Kỳ báo cáo phải kết thúc sau khi bắt đầu."))
        if start and due and due < start:
            self.add_error(
                "due_date", _("Hạn gửi báo cáo không thể trước ngày bắt đầu kỳ báo cáo.")
            )
        return cleaned


class ReportForm(forms.Form):
    narrative = forms.CharField(
        label=_("Báo cáo tóm tắt"),
        required=False,
        max_length=MAX_NARRATIVE,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Kết quả nổi bật, cách làm hay, khó khăn, kiến nghị."),
    )
    attachments = EvidenceFilesField(
        label=_("Tệp đính kèm (PDF hoặc ảnh; chọn được nhiều tệp)"), required=False
    )

    def __init__(self, *args, indicators, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        current = {f.indicator_id: f.value for f in report.figures.all()} if report else {}
        if report is not None:
            self.fields["narrative"].initial = report.narrative
        for indicator in self.indicators:
            self.fields[figure_field_name(indicator)] = indicator_value_field(
                indicator, initial=current.get(indicator.pk)
            )

    @property
    def figure_fields(self):
        return [self[figure_field_name(indicator)] for indicator in self.indicators]

    def figures(self) -> dict:
        """Indicator -> the figure typed (``None``: none), once valid."""
        return {
            indicator: self.cleaned_data.get(figure_field_name(indicator))
            for indicator in self.indicators
        }
