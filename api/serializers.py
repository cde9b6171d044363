"""What the API shows of each object, and (for the documentation only) what it accepts.

Reads are plain serializers over rows the selectors chose.  Writes are validated by
the pages' own forms (``awards.forms``), so their messages are the pages' messages;
the ``*Input`` serializers below only describe those fields to the OpenAPI schema.
The public awards show only what a certificate prints: a name, the position and unit,
the form and the decision; never a citizen ID, phone, date of birth or address.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.enums import AchievementCategory
from awards.models import (
    Achievement,
    AwardDecision,
    AwardType,
    DossierFile,
    Evidence,
    Nomination,
    Recipient,
)
from campaign.models import Campaign
from units.models import Individual, Unit


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]


class AwardTypeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardType
        fields = ["id", "code", "name"]


class UnitSerializer(serializers.ModelSerializer):
    unit_type_label = serializers.CharField(source="get_unit_type_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "unit_type",
            "unit_type_label",
            "level",
            "level_label",
            "parent",
            "has_legal_status",
            "valid_from",
            "valid_to",
            "successor",
        ]


class IndividualSerializer(serializers.ModelSerializer):
    """A person of the caller's units: enough to name them in an achievement or a
    nomination.  No citizen ID, phone, email or date of birth (``?citizen_id=`` finds a
    person by it without returning it)."""

    class Meta:
        model = Individual
        fields = [
            "id",
            "full_name",
            "gender",
            "category",
            "position",
            "is_leader",
            "is_household",
            "unit",
        ]


class AwardTypeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = AwardType
        fields = ["id", "code", "name", "kind", "kind_label", "level", "level_label"]


class CampaignSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    issuing_unit = UnitRefSerializer(read_only=True)
    allowed_award_types = AwardTypeRefSerializer(many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "plan_number",
            "plan_symbol",
            "issue_date",
            "issuing_unit",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "start_date",
            "end_date",
            "end_condition",
            "registration_required",
            "registration_deadline",
            "nomination_deadline",
            "interim_review_date",
            "final_review_date",
            "allowed_award_types",
        ]


class RecipientLineSerializer(serializers.ModelSerializer):
    """A decision's line, as the caller's decision page shows it."""

    name = serializers.CharField(source="subject_name", read_only=True)
    subject_type = serializers.CharField(read_only=True)

    class Meta:
        model = Recipient
        fields = [
            "id",
            "name",
            "subject_type",
            "individual",
            "unit",
            "nomination",
            "position_and_unit",
            "amount",
            "golden_register_number",
            "revoked_at",
            "revoked_reason",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    issuer = UnitRefSerializer(read_only=True)
    award_type = AwardTypeRefSerializer(read_only=True)

    class Meta:
        model = AwardDecision
        fields = [
            "id",
            "reference",
            "number",
            "symbol",
            "year",
            "issuer",
            "award_type",
            "campaign",
            "signed_date",
            "place",
            "signer_name",
            "signer_title",
            "citation",
            "state",
            "state_label",
            "issued_at",
            "revoked_at",
            "revoked_reason",
        ]


class DecisionDetailSerializer(DecisionSerializer):
    """A decision with the lines the caller sees (``decision_lines_for``: an officer, those
    of their units), given in the context as ``lines``."""

    lines = serializers.SerializerMethodField()

    class Meta(DecisionSerializer.Meta):
        fields = [*DecisionSerializer.Meta.fields, "lines"]

    @extend_schema_field(RecipientLineSerializer(many=True))
    def get_lines(self, decision):
        return RecipientLineSerializer(self.context["lines"], many=True).data


class PublicDecisionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    issuer = serializers.CharField(source="issuer.name", read_only=True)

    class Meta:
        model = AwardDecision
        fields = ["id", "reference", "signed_date", "issuer"]


class PublicAwardSerializer(serializers.ModelSerializer):
    """One line in force of an issued decision: what its certificate prints."""

    name = serializers.CharField(source="subject_name", read_only=True)
    subject_type = serializers.CharField(read_only=True)
    award_type = AwardTypeRefSerializer(source="decision.award_type", read_only=True)
    decision = PublicDecisionSerializer(read_only=True)
    campaign = serializers.SerializerMethodField()

    class Meta:
        model = Recipient
        fields = [
            "id",
            "name",
            "subject_type",
            "position_and_unit",
            "award_type",
            "decision",
            "campaign",
        ]

    def get_campaign(self, line) -> str:
        campaign = line.decision.campaign
        return campaign.title if campaign is not None else ""


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size", "caption", "created_at"]


class AchievementSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="subject_name", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Achievement
        fields = [
            "id",
            "individual",
            "unit",
            "name",
            "owner_unit",
            "campaign",
            "date",
            "occurred_at",
            "category",
            "category_label",
            "title",
            "description",
            "evidence",
            "created_at",
            "updated_at",
        ]


class DossierFileSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = DossierFile
        fields = ["id", "kind", "kind_label", "original_name", "content_type", "size", "created_at"]


class NominationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="subject_name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    award_type = AwardTypeRefSerializer(read_only=True)
    nominating_unit = UnitRefSerializer(read_only=True)
    deciding_unit = UnitRefSerializer(read_only=True)
    reviewing_unit = UnitRefSerializer(read_only=True)
    achievements = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    files = DossierFileSerializer(many=True, read_only=True)

    class Meta:
        model = Nomination
        fields = [
            "id",
            "campaign",
            "individual",
            "unit",
            "name",
            "award_type",
            "summary",
            "state",
            "state_label",
            "is_fast_track",
            "nominating_unit",
            "deciding_unit",
            "reviewing_unit",
            "achievements",
            "files",
            "submitted_at",
            "state_changed_at",
            "created_at",
            "updated_at",
        ]


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    action = serializers.CharField()
    label = serializers.CharField()
    previous_state = serializers.CharField()
    new_state = serializers.CharField()
    note = serializers.CharField(help_text=_("Lý do (trả lại, không duyệt…)."))


class NominationDetailSerializer(NominationSerializer):
    """A nomination with its history (``common.activity.history_of``, given in the context
    as ``history``): who moved it when, and the reasons of returns and refusals."""

    history = serializers.SerializerMethodField()

    class Meta(NominationSerializer.Meta):
        fields = [*NominationSerializer.Meta.fields, "history"]

    @extend_schema_field(HistoryEntrySerializer(many=True))
    def get_history(self, nomination):
        return HistoryEntrySerializer(self.context["history"], many=True).data


# --- What the write endpoints accept (documentation; the forms validate) ------------------


class AchievementInput(serializers.Serializer):
    individual = serializers.IntegerField(
        required=False, help_text=_("Cá nhân (id) — hoặc tập thể, không chọn cả hai.")
    )
    unit = serializers.IntegerField(required=False, help_text=_("Tập thể (id)."))
    campaign = serializers.IntegerField(required=False, help_text=_("Phong trào (id), nếu có."))
    date = serializers.DateField(help_text=_("Ngày lập thành tích, YYYY-MM-DD."))
    category = serializers.ChoiceField(choices=AchievementCategory.choices)
    title = serializers.CharField(max_length=255)
    description = serializers.CharField()
    evidence_files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text=_("Ảnh JPEG, PNG, WebP hoặc PDF; lặp lại trường để gửi nhiều tệp."),
    )


class NominationInput(serializers.Serializer):
    campaign = serializers.IntegerField()
    individual = serializers.IntegerField(required=False)
    unit = serializers.IntegerField(required=False)
    award_type = serializers.IntegerField()
    deciding_unit = serializers.IntegerField(
        required=False, help_text=_("Cấp quyết định (mặc định: đơn vị thấp nhất có thẩm quyền).")
    )
    summary = serializers.CharField()
    achievements = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text=_("Thành tích (id).")
    )
    proposal_letter = serializers.FileField(required=False)
    achievement_report = serializers.FileField(required=False)
    council_minutes = serializers.FileField(required=False)
    submit = serializers.BooleanField(
        required=False, default=False, help_text=_("Gửi hồ sơ ngay sau khi lưu (Lưu và gửi).")
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
