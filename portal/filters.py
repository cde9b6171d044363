"""The filters of the staff's activity log page (django-filter)."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.activity import action_choices
from common.dates import validate_filter_date
from common.forms import FilterForm
from common.models import ActivityLog

from .selectors import OBJECT_KINDS, actor_ids_matching


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ActivityFilter(django_filters.FilterSet):
    """Who, what, about which kind of object, when, and the object's name or number.
    Dates compare ``created_at`` with the day's bounds, so its index serves them."""

    actor = django_filters.CharFilter(
        label=_("Người thực hiện"),
        method="by_actor",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Tên đăng nhập hoặc họ tên…")}),
    )
    action = django_filters.ChoiceFilter(
        label=_("Hành động"), choices=action_choices, empty_label=_("Tất cả")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại đối tượng"),
        choices=[(key, kind.label) for key, kind in OBJECT_KINDS.items()],
        method="by_kind",
        empty_label=_("Tất cả"),
    )
    since = django_filters.DateFilter(
        label=_("Từ ngày"),
        method="by_since",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_filter_date],
    )
    until = django_filters.DateFilter(
        label=_("đến ngày"),
        method="by_until",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_filter_date],
    )
    q = django_filters.CharFilter(
        label=_("Đối tượng"),
        method="by_object",
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("Tên hoặc số của đối tượng…"), "type": "search"}
        ),
    )

    class Meta:
        model = ActivityLog
        fields = []
        form = FilterForm

    def by_actor(self, queryset, name, value):
        """Accent- and case-insensitive on the username and names (``actor_ids_matching``)."""
        if not value.split():
            return queryset
        return queryset.filter(actor_id__in=actor_ids_matching(value))

    def by_kind(self, queryset, name, value):
        app_label, model = value.split(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)

    def by_since(self, queryset, name, value):
        return queryset.filter(created_at__gte=_day_start(value))

    def by_until(self, queryset, name, value):
        return queryset.filter(created_at__lt=_day_start(value + datetime.timedelta(days=1)))

    def by_object(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(Q(object_id=value) | Q(object_repr__icontains=value))
        return queryset.filter(object_repr__icontains=value)
