"""Achievements and nominations: read, and written by units' own systems.

A write goes through the page's own form (``awards.forms``) and the page's own service
(``save_achievement``, ``save_nomination``, ``perform``): the same checks, the same
Vietnamese messages.  A form's errors are a 400 ``{"field": ["…"], "non_field_errors":
["…"]}``; a refusal of the workflow (``WorkflowError``) is a 400 ``{"detail": "…"}``.
Files come as multipart/form-data, under the form's field names.  Someone who may not
use the page gets the page's 404.
"""

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from awards import rules
from awards.forms.achievements import AchievementForm
from awards.forms.nominations import NominationForm
from awards.selectors import achievements_visible_to, nominations_visible_to
from awards.services.achievements import save_achievement
from awards.services.dossiers import save_nomination
from awards.services.nominations import WorkflowError, perform
from common.activity import history_of

from ..filters import AchievementFilter, NominationFilter
from ..serializers import (
    AchievementInput,
    AchievementSerializer,
    ErrorSerializer,
    NominationDetailSerializer,
    NominationInput,
    NominationSerializer,
)

TRUE = {True, "true", "True", "1", "on", "yes"}


def form_errors(form) -> dict:
    """The form's messages, keyed by field; the form-wide ones under ``non_field_errors``."""
    return {
        ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
        for field, messages in form.errors.items()
    }


def refused(error) -> Response:
    return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)


WRITE_RESPONSES = {
    400: OpenApiResponse(
        description='Dữ liệu không hợp lệ: {"trường": ["thông báo"]} hoặc {"detail": …}.'
    ),
    404: ErrorSerializer,
}


@extend_schema_view(
    list=extend_schema(summary="Thành tích của đơn vị mình (và đơn vị trực thuộc)"),
    retrieve=extend_schema(summary="Một thành tích, với danh sách minh chứng"),
    create=extend_schema(
        summary="Ghi nhận thành tích, kèm minh chứng",
        request={"multipart/form-data": AchievementInput, "application/json": AchievementInput},
        responses={201: AchievementSerializer, **WRITE_RESPONSES},
    ),
)
@extend_schema(tags=["Thành tích"])
class AchievementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AchievementSerializer
    filterset_class = AchievementFilter

    def get_queryset(self):
        return (
            achievements_visible_to(self.request.user)
            .select_related("individual", "unit")
            .prefetch_related("evidence")
        )

    def create(self, request, *args, **kwargs):
        if not rules.can_record_achievement(request.user):
            raise NotFound
        form = AchievementForm(request.data, request.FILES, user=request.user)
        if not form.is_valid():
            return Response(form_errors(form), status=status.HTTP_400_BAD_REQUEST)
        try:
            achievement = save_achievement(
                form,
                by=request.user,
                owner_unit=form.acting_unit(),
                uploads=form.cleaned_data.get("evidence_files") or [],
            )
        except WorkflowError as error:
            return refused(error)
        saved = self.get_queryset().get(pk=achievement.pk)
        return Response(AchievementSerializer(saved).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Hồ sơ đề nghị khen thưởng của đơn vị mình"),
    retrieve=extend_schema(
        summary="Một hồ sơ, với lịch sử xử lý (lý do trả lại…)",
        responses=NominationDetailSerializer,
    ),
    create=extend_schema(
        summary="Lập hồ sơ đề nghị (dự thảo, hoặc gửi ngay với submit=true), kèm tệp",
        request={"multipart/form-data": NominationInput, "application/json": NominationInput},
        responses={201: NominationDetailSerializer, **WRITE_RESPONSES},
    ),
    update=extend_schema(
        summary="Sửa hồ sơ dự thảo hoặc bị trả lại (gửi lại với submit=true)",
        request={"multipart/form-data": NominationInput, "application/json": NominationInput},
        responses={200: NominationDetailSerializer, **WRITE_RESPONSES},
    ),
)
@extend_schema(tags=["Hồ sơ đề nghị"])
class NominationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = NominationSerializer
    filterset_class = NominationFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return (
            nominations_visible_to(self.request.user)
            .select_related(
                "individual",
                "unit",
                "award_type",
                "nominating_unit",
                "deciding_unit",
                "reviewing_unit",
            )
            .prefetch_related("achievements", "files")
        )

    def _detail(self, nomination, status_code=status.HTTP_200_OK):
        nomination = self.get_queryset().get(pk=nomination.pk)
        context = {"history": history_of(nomination)}
        return Response(NominationDetailSerializer(nomination, context=context).data, status_code)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    def create(self, request, *args, **kwargs):
        if not rules.can_create_nomination(request.user):
            raise NotFound
        return self._save(request, None, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        return self._save(request, self.get_object(), status.HTTP_200_OK)

    def _save(self, request, nomination, status_code):
        form = NominationForm(request.data, request.FILES, user=request.user, nomination=nomination)
        if not form.is_valid():
            return Response(form_errors(form), status=status.HTTP_400_BAD_REQUEST)
        data = form.cleaned_data
        try:
            # Saved and sent together, or neither: a refused submission leaves no draft.
            with transaction.atomic():
                saved = save_nomination(
                    by=request.user,
                    nomination=nomination,
                    nominating_unit=form.acting_unit(),
                    campaign=data["campaign"],
                    award_type=data["award_type"],
                    summary=data["summary"],
                    achievements=data["achievements"],
                    individual=data["individual"],
                    unit=data["unit"],
                    uploads=form.dossier_uploads(),
                    remove_files=data.get("remove_files") or (),
                    deciding_unit=data.get("deciding_unit"),
                )
                if request.data.get("submit") in TRUE:
                    perform(saved, "submit", by=request.user)
        except WorkflowError as error:
            return refused(error)
        return self._detail(saved, status_code)

    @extend_schema(
        summary="Gửi hồ sơ (dự thảo hoặc bị trả lại) lên cấp xét duyệt",
        request=None,
        responses={200: NominationDetailSerializer, **WRITE_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        return self._act(request, "submit")

    @extend_schema(
        summary="Rút hồ sơ (dự thảo hoặc đã gửi)",
        request=None,
        responses={200: NominationDetailSerializer, **WRITE_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, *args, **kwargs):
        return self._act(request, "withdraw")

    def _act(self, request, name):
        nomination = self.get_object()
        try:
            perform(nomination, name, by=request.user)
        except WorkflowError as error:
            return refused(error)
        return self._detail(nomination)
