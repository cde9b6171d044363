"""The staff's indicator list of a campaign (a formset: add, change, reorder, delete).  It
validates; ``campaign.services.indicators`` checks who may change them and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Indicator

#: Empty rows offered below the indicators already there.
EXTRA_ROWS = 3
#: At most this many indicators on a campaign.
MAX_INDICATORS = 50


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "measure", "kind", "position"]
        widgets = {"position": forms.NumberInput(attrs={"min": 0, "class": "form-control"})}


class BaseIndicatorFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        names = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            name = " ".join((form.cleaned_data.get("name") or "").split()).casefold()
            if name in names:
                form.add_error("name", _("Tên chỉ tiêu bị trùng với một chỉ tiêu khác."))
            names.append(name)


IndicatorFormSet = forms.modelformset_factory(
    Indicator,
    form=IndicatorForm,
    formset=BaseIndicatorFormSet,
    extra=EXTRA_ROWS,
    can_delete=True,
    max_num=MAX_INDICATORS,
    validate_max=True,
)


def indicator_formset(campaign, data=None):
    return IndicatorFormSet(data, queryset=campaign.indicators.order_by("position", "id"))
