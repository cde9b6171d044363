"""The emulation registration form (đăng ký thi đua).  It validates; the registrations
service checks who may register and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType

from ..models import Registration


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

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        exists = Registration.objects.filter(campaign=self.campaign, unit=unit)
        if unit and not self.instance.pk and exists.exists():
            self.add_error("unit", _("Đơn vị này đã đăng ký thi đua cho phong trào."))
        return cleaned
