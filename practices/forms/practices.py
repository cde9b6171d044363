"""The practice form with its result rows and files, the review form and the adoption
form.  Forms validate; ``services.practices`` writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.forms.achievements import EvidenceFilesField
from awards.rules import is_officer_for_unit
from awards.selectors import published_campaigns
from common.dates import validate_happened_date
from common.uploads import max_upload_files
from common.widgets import AutocompleteSelect
from units.models import Unit
from units.rules import is_emulation_staff
from units.selectors import units_visible_to

from .. import selectors
from ..models import Adoption, Practice


def _subject_label(line) -> str:
    decision = line.decision
    return f"{line.subject_name} – {decision.award_type} ({decision.reference})"


class PracticeForm(forms.ModelForm):
    files = EvidenceFilesField(
        label=_("Ảnh, tài liệu (ảnh JPEG, PNG, WebP hoặc PDF; chọn được nhiều tệp)"),
        required=False,
    )

    class Meta:
        model = Practice
        fields = [
            "unit",
            "campaign",
            "kind",
            "field",
            "title",
            "summary",
            "description",
            "people",
            "started_on",
            "achievements",
            "awards",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "people": forms.Textarea(attrs={"rows": 3}),
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "achievements": forms.CheckboxSelectMultiple,
            "awards": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        unit_field = self.fields["unit"]
        if self.instance.pk and not is_officer_for_unit(user, self.instance.unit):
            # The staff correct a submitted or published practice: its unit stays.
            unit_field.disabled = True
            unit_field.queryset = Unit.objects.filter(pk=self.instance.unit_id)
        else:
            unit_field.queryset = units_visible_to(user).order_by("path")
        unit_field.empty_label = _("Chọn đơn vị…")
        self.fields["campaign"].queryset = published_campaigns()
        self.fields["campaign"].empty_label = _("(Không gắn với phong trào)")
        for name, prompt in (("kind", _("Chọn loại…")), ("field", _("Chọn lĩnh vực…"))):
            choices = [c for c in self.fields[name].choices if c[0] != ""]
            self.fields[name].choices = [("", prompt), *choices]
        scope = self._scope_units()
        self.fields["achievements"].queryset = selectors.achievement_choices_in(scope)
        self.fields["achievements"].help_text = _(
            "Các thành tích của đơn vị (và đơn vị trực thuộc) mà sáng kiến này đem lại."
        )
        awards = self.fields["awards"]
        awards.queryset = selectors.award_choices_in(scope)
        awards.label_from_instance = _subject_label
        awards.help_text = _(
            "Các khen thưởng đã ban hành (còn hiệu lực) của đơn vị, người trong đơn vị "
            "nhờ sáng kiến này."
        )
        self.fields["files"].help_text = _(
            "Tối đa %(limit)s tệp mỗi lần lưu. Ảnh được công khai cùng sáng kiến khi đã "
            "công bố; tài liệu PDF chỉ cán bộ xem được."
        ) % {"limit": max_upload_files()}
        if self.instance.pk:
            self.fields["remove_files"] = forms.ModelMultipleChoiceField(
                label=_("Xóa ảnh, tài liệu"),
                queryset=self.instance.files.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def _scope_units(self):
        """The units whose achievements and awards may be linked: the practice's branch
        when its unit is fixed, else every unit the officer acts for."""
        if self.fields["unit"].disabled:
            return Unit.objects.filter(path__startswith=self.instance.unit.path)
        return self.fields["unit"].queryset

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if unit is None:
            return cleaned
        outside = [
            a
            for a in cleaned.get("achievements") or []
            if not a.owner_unit.path.startswith(unit.path)
        ]
        if outside:
            self.add_error(
                "achievements",
                _("Chỉ chọn thành tích của đơn vị “%(unit)s” và đơn vị trực thuộc.")
                % {"unit": unit.name},
            )
        outside = [
            line
            for line in cleaned.get("awards") or []
            if not _line_unit_path(line).startswith(unit.path)
        ]
        if outside:
            self.add_error(
                "awards",
                _("Chỉ chọn khen thưởng của đơn vị “%(unit)s” và đơn vị trực thuộc.")
                % {"unit": unit.name},
            )
        return cleaned


def _line_unit_path(line) -> str:
    unit = line.unit if line.unit_id else line.individual.unit
    return unit.path if unit is not None else ""


class ResultForm(forms.Form):
    label = forms.CharField(label=_("Chỉ tiêu"), max_length=255, required=False)
    value = forms.DecimalField(
        label=_("Số liệu"),
        max_digits=16,
        decimal_places=2,
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=32, required=False)

    def clean(self):
        cleaned = super().clean()
        label, value = cleaned.get("label"), cleaned.get("value")
        if label and value is None and not self.has_error("value"):
            self.add_error("value", _("Nhập số liệu cho chỉ tiêu này."))
        if value is not None and not label:
            self.add_error("label", _("Nhập tên chỉ tiêu cho số liệu này."))
        return cleaned


ResultFormSet = forms.formset_factory(ResultForm, extra=2, max_num=30, validate_max=True)


def result_rows(formset) -> list[tuple[str, object, str]]:
    """(label, value, measure) of the filled rows of a valid ``ResultFormSet``."""
    return [
        (row["label"].strip(), row["value"], row.get("measure", ""))
        for row in (f.cleaned_data for f in formset)
        if row.get("label")
    ]


def result_initial(practice) -> list[dict]:
    if practice is None or practice.pk is None:
        return []
    return [
        {"label": r.label, "value": r.value, "measure": r.measure} for r in practice.results.all()
    ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do, nội dung cần bổ sung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["unit", "adopted_on", "place", "result"]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "result": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, practice, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        unit.queryset = units_visible_to(user).exclude(pk=practice.unit_id).order_by("path")
        if is_emulation_staff(user):
            # Any unit of the province: searched, not listed.
            unit.widget = AutocompleteSelect(
                "units:unit_autocomplete", placeholder=_("Gõ tên đơn vị để tìm…")
            )
        unit.empty_label = _("Chọn đơn vị…")
        self.fields["adopted_on"].validators.append(validate_happened_date)
        self.fields["place"].help_text = _("Ví dụ: chợ xã Phú Túc, 5 ấp của xã.")
