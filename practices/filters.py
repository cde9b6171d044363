"""Filters of the library's lists: the staff's review queue (and the officers' list)
and the public list.  A unit filter takes the unit with every unit below it."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import FilterForm
from common.widgets import AutocompleteSelect
from units.selectors import units_visible_to

from . import selectors
from .enums import PracticeField, PracticeKind, PracticeState
from .models import Practice


def _indented(unit) -> str:
    return "\u2003" * unit.depth + unit.name


class _PracticeFilterBase(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="search",
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Tên, cách làm, đơn vị… (gõ có dấu hay không dấu)"),
                "type": "search",
            }
        ),
    )
    field = django_filters.ChoiceFilter(
        label=_("Lĩnh vực"), choices=PracticeField.choices, empty_label=_("Tất cả")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại"), choices=PracticeKind.choices, empty_label=_("Tất cả")
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Phong trào"), queryset=None, empty_label=_("Tất cả")
    )

    class Meta:
        model = Practice
        fields = []
        form = FilterForm

    def search(self, queryset, name, value):
        return selectors.search_practices(queryset, value)

    def under_unit(self, queryset, name, unit):
        return queryset.filter(unit__path__startswith=unit.path)


class PracticeFilter(_PracticeFilterBase):
    """The staff's review queue and the officers' list of their units' practices."""

    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=PracticeState.choices, empty_label=_("Tất cả")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (gồm đơn vị trực thuộc)"),
        queryset=None,
        method="under_unit",
        empty_label=_("Tất cả"),
        widget=AutocompleteSelect("units:unit_autocomplete", placeholder=_("Tất cả đơn vị")),
    )

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = units_visible_to(user)
        self.filters["campaign"].queryset = selectors.Campaign.objects.only("title")


class PublicPracticeFilter(_PracticeFilterBase):
    """The public library: published practices by text, field, kind, unit, campaign."""

    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (gồm đơn vị trực thuộc)"),
        queryset=None,
        method="under_unit",
        empty_label=_("Tất cả"),
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = selectors.public_units()
        self.filters["campaign"].queryset = selectors.public_campaigns()
        # The tree shows in the list: each unit indented under the one above it.
        self.form.fields["unit"].label_from_instance = _indented
