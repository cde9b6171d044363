"""Filters of the nomination review queue (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaign.models import Campaign
from common.text import fold
from units.selectors import units_visible_to

from .enums import NominationState
from .models import AwardType, Nomination


class NominationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm theo tên"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Họ tên, tên tập thể…"), "type": "search"}),
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Phong trào"), queryset=Campaign.objects.all(), empty_label=_("Tất cả")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (gồm đơn vị trực thuộc)"),
        queryset=None,
        method="under_unit",
        empty_label=_("Tất cả"),
    )
    award_type = django_filters.ModelChoiceFilter(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardType.objects.filter(is_active=True),
        empty_label=_("Tất cả"),
    )
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=NominationState.choices, empty_label=_("Tất cả")
    )
    is_fast_track = django_filters.BooleanFilter(
        label=_("Khen đột xuất"),
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Có")), ("false", _("Không"))]),
    )
    submitted_from = django_filters.DateFilter(
        label=_("Gửi từ ngày"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_to = django_filters.DateFilter(
        label=_("đến ngày"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.OrderingFilter(
        label=_("Sắp xếp"),
        fields=(
            ("submitted_at", "submitted"),
            ("state_changed_at", "changed"),
            ("nominating_unit__name", "unit"),
            ("award_type__sort_order", "award"),
            ("state", "state"),
        ),
        field_labels={
            "submitted": _("Ngày gửi"),
            "changed": _("Ngày cập nhật"),
            "unit": _("Đơn vị"),
            "award": _("Hình thức"),
            "state": _("Trạng thái"),
        },
    )

    class Meta:
        model = Nomination
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units_visible_to(user)

    def search(self, queryset, name, value):
        folded = fold(value.strip())
        if not folded:
            return queryset
        return queryset.filter(
            Q(individual__search_name__contains=folded) | Q(unit__search_name__contains=folded)
        )

    def under_unit(self, queryset, name, unit):
        return queryset.filter(nominating_unit__path__startswith=unit.path)

    @property
    def qs(self):
        queryset = super().qs
        # Fast-track first whatever the chosen order, then the chosen order.
        ordering = list(queryset.query.order_by) or ["-submitted_at", "-id"]
        return queryset.order_by("-is_fast_track", *ordering)
