"""The staff's indicator list of a campaign (a formset: add, change, reorder, delete).  It
validates; ``campaign.services.indicators`` checks who may change them and writes."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import IndicatorKind
from ..models import Indicator
from ..models.indicators import VALUE_DECIMALS, VALUE_DIGITS

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


#: "1.500", "20.000.000": dots between groups of three digits are thousands separators.
THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def vietnamese_number(text: str) -> str:
    """A number as Vietnamese type it, in Python's notation: "1.500" -> "1500",
    "12,5" -> "12.5", "1.500,75" -> "1500.75"; "12.5" stays a decimal point."""
    text = "".join(text.split())
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if THOUSANDS.match(text.lstrip("-")):
        return text.replace(".", "")
    return text


class FigureField(forms.DecimalField):
    """A target or figure typed as Vietnamese write numbers (decimal comma, dots between
    thousands), shown back the same way without thousands separators ("1500", "12,5")."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = vietnamese_number(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = f"{value.normalize():f}"
            return text.replace(".", ",")
        return value

    def widget_attrs(self, widget):
        return {}  # no min/step: the text box takes commas


def indicator_value_field(indicator, *, initial=None, negative=None) -> forms.DecimalField:
    """The field of one indicator's value (a target, a figure): optional, not negative,
    whole đồng for money."""
    money = indicator.kind == IndicatorKind.MONEY
    return FigureField(
        label=str(indicator),
        required=False,
        min_value=0,
        max_digits=VALUE_DIGITS,
        decimal_places=0 if money else VALUE_DECIMALS,
        initial=initial,
        error_messages={
            "invalid": _("Nhập một số, ví dụ 1500 hoặc 12,5."),
            "min_value": negative or _("Số liệu không thể là số âm."),
            "max_digits": _("Số quá lớn."),
            "max_decimal_places": _("Số tiền ghi bằng đồng, không có phần lẻ.")
            if money
            else _("Tối đa %(max)s chữ số sau dấu phẩy."),
            "max_whole_digits": _("Số quá lớn."),
        },
    )
