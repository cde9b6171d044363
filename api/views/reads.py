"""The API's read endpoints: each list and detail starts from the apps' own
``*_visible_to(user)`` selector, so an object the pages refuse (404) is a 404 here.

Units, people, campaigns and decisions need a token; the public awards do not.
Decisions are the issued ones (and those revoked since): a unit's drafts stay on its
pages.  Lists are cursor-paginated (``api.pagination``).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from awards.enums import DecisionState
from awards.models import AwardType
from awards.selectors import decision_lines_for, decisions_visible_to, public_award_lines
from campaign.selectors import campaigns_visible_to
from units.selectors import individuals_visible_to, units_visible_to

from ..filters import (
    CampaignFilter,
    DecisionFilter,
    IndividualFilter,
    PublicAwardFilter,
    UnitFilter,
)
from ..serializers import (
    AwardTypeSerializer,
    CampaignSerializer,
    DecisionDetailSerializer,
    DecisionSerializer,
    IndividualSerializer,
    PublicAwardSerializer,
    UnitSerializer,
)


@extend_schema_view(
    list=extend_schema(summary="Đơn vị (đơn vị mình phụ trách và trực thuộc)"),
    retrieve=extend_schema(summary="Một đơn vị"),
)
@extend_schema(tags=["Đơn vị"])
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    filterset_class = UnitFilter

    def get_queryset(self):
        return units_visible_to(self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Cá nhân thuộc đơn vị mình phụ trách"),
    retrieve=extend_schema(summary="Một cá nhân"),
)
@extend_schema(tags=["Cá nhân"])
class IndividualViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndividualSerializer
    filterset_class = IndividualFilter

    def get_queryset(self):
        return individuals_visible_to(self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Danh hiệu, hình thức khen thưởng đang áp dụng"),
    retrieve=extend_schema(summary="Một danh hiệu, hình thức"),
)
@extend_schema(tags=["Danh hiệu, hình thức"])
class AwardTypeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AwardTypeSerializer

    def get_queryset(self):
        return AwardType.objects.filter(is_active=True)


@extend_schema_view(
    list=extend_schema(summary="Phong trào thi đua mình được xem"),
    retrieve=extend_schema(summary="Một phong trào"),
)
@extend_schema(tags=["Phong trào"])
class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter

    def get_queryset(self):
        return (
            campaigns_visible_to(self.request.user)
            .select_related("issuing_unit")
            .prefetch_related("allowed_award_types")
        )


@extend_schema_view(
    list=extend_schema(summary="Quyết định khen thưởng đã ban hành liên quan đến mình"),
    retrieve=extend_schema(
        summary="Một quyết định, với các dòng khen thưởng mình được xem",
        responses=DecisionDetailSerializer,
    ),
)
@extend_schema(tags=["Quyết định khen thưởng"])
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def get_queryset(self):
        return (
            decisions_visible_to(self.request.user)
            .exclude(state=DecisionState.DRAFT)
            .select_related("issuer", "award_type")
        )

    def retrieve(self, request, *args, **kwargs):
        decision = self.get_object()
        lines = decision_lines_for(request.user, decision)
        return Response(DecisionDetailSerializer(decision, context={"lines": lines}).data)


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách khen thưởng công khai",
        description=(
            "Các dòng còn hiệu lực của quyết định đã ban hành: tên, chức vụ và đơn vị, "
            "hình thức, quyết định. Không cần khóa API."
        ),
        auth=[],
    ),
    retrieve=extend_schema(summary="Một dòng khen thưởng công khai", auth=[]),
)
@extend_schema(tags=["Khen thưởng công khai"])
class PublicAwardViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PublicAwardSerializer
    filterset_class = PublicAwardFilter
    permission_classes = [AllowAny]

    def get_queryset(self):
        return public_award_lines()
