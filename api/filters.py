"""The query parameters of the API's lists (django-filter; they appear in the schema)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import DecisionState, NominationState
from awards.models import Achievement, AwardDecision, Nomination, Recipient
from campaign.enums import CampaignStatus
from campaign.models import Campaign
from common.text import fold
from units.models import Individual, Unit


def _folded_words(queryset, fields, value):
    """Rows where each word of ``value`` (accents and case folded) is in one of ``fields``."""
    for word in fold(value or "").split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__contains": word})
        queryset = queryset.filter(condition)
    return queryset


class UnitFilter(django_filters.FilterSet):
    parent = django_filters.NumberFilter(help_text=_("Đơn vị cấp trên (id)."))
    q = django_filters.CharFilter(method="search", help_text=_("Tên, có dấu hoặc không dấu."))

    class Meta:
        model = Unit
        fields = ["parent", "level"]

    def search(self, queryset, name, value):
        return _folded_words(queryset, ["search_name"], value)


class IndividualFilter(django_filters.FilterSet):
    unit = django_filters.NumberFilter(help_text=_("Đơn vị (id), không gồm đơn vị trực thuộc."))
    citizen_id = django_filters.CharFilter(
        help_text=_("Số định danh cá nhân: tìm đúng người, số không được trả về.")
    )
    q = django_filters.CharFilter(method="search", help_text=_("Họ tên, có dấu hoặc không dấu."))

    class Meta:
        model = Individual
        fields = ["unit", "citizen_id"]

    def search(self, queryset, name, value):
        return _folded_words(queryset, ["search_name"], value)


class CampaignFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CampaignStatus.choices)

    class Meta:
        model = Campaign
        fields = ["status"]


class DecisionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=[c for c in DecisionState.choices if c[0] != DecisionState.DRAFT]
    )

    class Meta:
        model = AwardDecision
        fields = ["year", "issuer", "campaign", "award_type", "state"]


class PublicAwardFilter(django_filters.FilterSet):
    campaign = django_filters.NumberFilter(field_name="decision__campaign")
    award_type = django_filters.NumberFilter(field_name="decision__award_type")
    issuer = django_filters.NumberFilter(field_name="decision__issuer")
    year = django_filters.NumberFilter(field_name="decision__year")
    q = django_filters.CharFilter(
        method="search", help_text=_("Tên cá nhân, tập thể, có dấu hoặc không dấu.")
    )

    class Meta:
        model = Recipient
        fields = ["campaign", "award_type", "issuer", "year"]

    def search(self, queryset, name, value):
        return _folded_words(queryset, ["individual__search_name", "unit__search_name"], value)


class AchievementFilter(django_filters.FilterSet):
    class Meta:
        model = Achievement
        fields = ["campaign", "owner_unit", "individual", "unit", "category"]


class NominationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=NominationState.choices)

    class Meta:
        model = Nomination
        fields = ["state", "campaign", "award_type", "nominating_unit", "individual", "unit"]
