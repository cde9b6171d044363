"""The emulation registration form (đăng ký thi đua): the unit, its target for each of the
campaign's indicators (``target_<indicator id>``, optional), its other targets as free
text and the titles it aims for.  It validates; the registrations service checks who may
register and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType

from ..models import Registration
from .indicators import indicator_value_field


def target_field_name(indicator) -> str:
    return f"target_{indicator.pk}"


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["unit", "targets", "intended_award_types"]
        widgets = {
            "targets": forms.Textarea(attrs={"rows": 6}),
            "intended_award_types": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, campaign, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None
        self.fields["intended_award_types"].queryset = campaign.allowed_award_types.all() or (
            AwardType.objects.filter(is_active=True)
        )
        self.fields["intended_award_types"].required = False
        if self.instance.pk:
            self.fields["unit"].disabled = True
        self.indicators = list(campaign.indicators.order_by("position", "id"))
        current = {}
        if self.instance.pk:
            current = {t.indicator_id: t.value for t in self.instance.target_values.all()}
        for indicator in self.indicators:
            self.fields[target_field_name(indicator)] = indicator_value_field(
                indicator,
                initial=current.get(indicator.pk),
                negative=_("Chỉ tiêu không thể là số âm."),
            )
        self.fields["targets"].required = False

    @property
    def target_fields(self):
        return [self[target_field_name(indicator)] for indicator in self.indicators]

    def target_values(self) -> dict:
        """Indicator -> the value typed (``None``: no target), once valid."""
        return {
            indicator: self.cleaned_data.get(target_field_name(indicator))
            for indicator in self.indicators
        }

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        exists = Registration.objects.filter(campaign=self.campaign, unit=unit)
        if unit and not self.instance.pk and exists.exists():
            self.add_error("unit", _("Đơn vị này đã đăng ký thi đua cho phong trào."))
        typed = [cleaned.get(target_field_name(i)) for i in self.indicators]
        if not (cleaned.get("targets") or "").strip() and all(v is None for v in typed):
            self.add_error(None, _("Vui lòng ghi ít nhất một chỉ tiêu đăng ký."))
        return cleaned
