"""Filters of the campaign list and of the reminder log (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.dates import validate_filter_date
from common.forms import FilterForm
from common.text import fold

from .enums import CampaignStatus, ReminderChannel, ReminderState
from .models import Campaign, Reminder, ReminderRule

#: The years the campaign list offers: a campaign counts in every year its span touches.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class CampaignFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="search",
        widget=forms.TextInput(
            attrs={"placeholder": _("Tên phong trào, số kế hoạch…"), "type": "search"}
        ),
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=CampaignStatus.choices, empty_label=_("Tất cả")
    )
    year = django_filters.NumberFilter(
        label=_("Năm"),
        method="in_year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"placeholder": _("Ví dụ 2021")}),
    )

    class Meta:
        model = Campaign
        fields = []
        form = FilterForm

    def search(self, queryset, name, value):
        """Every word, accents and case folded, in the title or the plan reference."""
        for word in fold(value).split():
            queryset = queryset.filter(search_name__contains=word)
        return queryset

    def in_year(self, queryset, name, value):
        """Campaigns running at some time in the year: started by its end, not ended
        before it starts (an open end runs on)."""
        year = int(value)
        return queryset.filter(start_date__year__lte=year).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )


#: the recipient fields a search word is looked for in
RECIPIENT_FIELDS = ("last_name", "first_name", "username", "email")


class ReminderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Người nhận"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Họ tên, thư điện tử…"), "type": "search"}),
    )
    rule = django_filters.ModelChoiceFilter(
        label=_("Quy tắc"), queryset=ReminderRule.objects.all(), empty_label=_("Tất cả")
    )
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=ReminderState.choices, empty_label=_("Tất cả")
    )
    channel = django_filters.ChoiceFilter(
        label=_("Kênh gửi"), choices=ReminderChannel.choices, empty_label=_("Tất cả")
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Phong trào"),
        queryset=Campaign.objects.order_by("-start_date", "-id"),
        empty_label=_("Tất cả"),
    )
    created_from = django_filters.DateFilter(
        label=_("Tạo từ ngày"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_filter_date],
    )
    created_to = django_filters.DateFilter(
        label=_("đến ngày"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_filter_date],
    )

    class Meta:
        model = Reminder
        fields = []

    def search(self, queryset, name, value):
        """Every word must appear in the recipient's name, username or email."""
        for word in value.split():
            queryset = queryset.filter(
                Q(
                    *(Q(**{f"recipient__{f}__icontains": word}) for f in RECIPIENT_FIELDS),
                    _connector=Q.OR,
                )
            )
        return queryset
