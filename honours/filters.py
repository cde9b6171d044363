"""The honour board's filter form: what a visitor may narrow the board to.

The board reads two sources (decision lines and central awards, ``selectors``), so
there is no single queryset for a ``FilterSet``: this form checks the query string and
:meth:`BoardFilterForm.board_filter` hands the selector a plain
:class:`~honours.selectors.BoardFilter`.  A value that does not check out (a campaign
that is gone, a year out of range) is shown with its message and the rest still
filters.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import AwardLevel
from awards.models import AwardType
from common.forms import FilterForm
from common.widgets import AutocompleteSelect

from . import selectors

SUBJECT_CHOICES = [
    ("", _("Cá nhân và tập thể")),
    ("individual", _("Cá nhân")),
    ("collective", _("Tập thể")),
]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BoardFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Tìm theo tên"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Họ tên, tên tập thể (gõ không dấu cũng được)"),
            }
        ),
    )
    campaign = forms.ModelChoiceField(
        label=_("Phong trào"), queryset=None, required=False, empty_label=_("Tất cả phong trào")
    )
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardType.objects.only("name"),
        required=False,
        empty_label=_("Tất cả"),
    )
    level = forms.ChoiceField(
        label=_("Cấp khen"),
        choices=[("", _("Tất cả các cấp")), *AwardLevel.choices],
        required=False,
    )
    unit = UnitChoiceField(
        label=_("Đơn vị (gồm đơn vị trực thuộc)"),
        queryset=None,
        required=False,
        empty_label=_("Tất cả"),
        widget=AutocompleteSelect("honours:unit_autocomplete", placeholder=_("Tất cả đơn vị")),
    )
    year = forms.IntegerField(
        label=_("Năm quyết định"),
        required=False,
        min_value=1945,
        widget=forms.NumberInput(attrs={"placeholder": _("Ví dụ 2021")}),
        error_messages={"invalid": _("Nhập năm bằng số, ví dụ 2021.")},
    )
    subject = forms.ChoiceField(label=_("Đối tượng"), choices=SUBJECT_CHOICES, required=False)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = selectors.board_campaigns().only("title")
        self.fields["campaign"].label_from_instance = lambda c: c.title
        self.fields["unit"].queryset = selectors.board_units().only("name")
        self.fixed_campaign = campaign
        if campaign is not None:  # the campaign's own board: its campaign is the page's
            del self.fields["campaign"]

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year > datetime.date.today().year + 1:
            raise forms.ValidationError(_("Năm quyết định chưa tới."))
        return year

    def board_filter(self) -> selectors.BoardFilter:
        """The filter of every field that checked out (the others are left out)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        campaign = self.fixed_campaign or data.get("campaign")
        award_type, unit = data.get("award_type"), data.get("unit")
        return selectors.BoardFilter(
            campaign=campaign.pk if campaign else None,
            award_type=award_type.pk if award_type else None,
            level=data.get("level") or "",
            unit_path=unit.path if unit else "",
            year=data.get("year"),
            subject=data.get("subject") or "",
            query=(data.get("q") or "").strip(),
        )
