"""Admin for the catalogue, achievements, nominations, decisions and certificates.

Workflow fields (``state`` and the time stamps the workflow services set) are
read-only here: state changes go through the services, which log them.  A
decision's issuer, title or form and date, and its lines' subjects, pass the
service's authority and branch checks (``forms/admin.py``).  An edit
of a nomination's achievements, or of an achievement's day, refreshes what the
review queue reads from the nomination (``services.dossiers.refresh_queue_fields``).
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import (
    FileTypeFilter,
    RelatedChoicesMixin,
    SafeUploadAdminMixin,
    StampedAdminMixin,
    StoredFileAdminMixin,
    admin_change_link,
    choice_labels,
    format_money,
    related_count,
    related_sum,
)
from common.excel.admin import ImportJobAdmin

from .enums import SubjectType
from .forms.admin import AwardDecisionAdminForm, RecipientAdminForm
from .models import (
    Achievement,
    AwardAuthority,
    AwardDecision,
    AwardType,
    BaseSalary,
    BonusCoefficient,
    CentralPackage,
    CentralResult,
    CentralSubmission,
    CentralSubmissionLine,
    Ceremony,
    Certificate,
    CertificateLayout,
    CertificateRun,
    Consultation,
    ConsultationComment,
    DossierFile,
    Evidence,
    Nomination,
    NominationImport,
    NominationStage,
    NumberSequence,
    OverlayField,
    ProposalLetter,
    Recipient,
)
from .services.dossiers import refresh_queue_fields

AUDIT_FIELDS = ["created_at", "updated_at"]

#: What ``Recipient.__str__`` reads (the subject, then the decision and its award type).
RECIPIENT_RELATED = ["individual", "unit", "decision__award_type"]
#: What ``Nomination.__str__`` reads.
NOMINATION_RELATED = ["individual", "unit", "award_type"]
#: What ``Achievement.__str__`` reads.
ACHIEVEMENT_RELATED = ["individual", "unit"]


class SubjectColumnsMixin:
    """List columns for models with an individual-or-unit subject (``SubjectMixin``).

    The querysets must ``select_related("individual", "unit")``.
    """

    @admin.display(description=_("cá nhân, tập thể"))
    def subject_display(self, obj):
        return obj.subject_name

    @admin.display(description=_("đối tượng"))
    def subject_type_display(self, obj):
        return SubjectType(obj.subject_type).label


# --- Catalogue ----------------------------------------------------------------


class AwardAuthorityInline(admin.TabularInline):
    model = AwardAuthority
    extra = 0
    fields = [
        "issuer_level",
        "issuer_unit_types",
        "decider",
        "effective_from",
        "effective_to",
        "legal_basis",
    ]


class BonusCoefficientInline(admin.TabularInline):
    model = BonusCoefficient
    extra = 0
    fields = ["subject_type", "coefficient", "multiplier", "effective_from", "legal_basis"]


@admin.register(AwardType)
class AwardTypeAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "code",
        "kind",
        "level",
        "subject_types_display",
        "sort_order",
        "is_active",
    ]
    list_filter = ["kind", "level", "is_active"]
    search_fields = ["name", "code", "certificate_heading"]
    prepopulated_fields = {"code": ["name"]}
    readonly_fields = AUDIT_FIELDS
    inlines = [AwardAuthorityInline, BonusCoefficientInline]

    @admin.display(description=_("đối tượng được tặng"))
    def subject_types_display(self, obj):
        return choice_labels(obj, "subject_types")


class InForceFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", _("Đang có hiệu lực")), ("no", _("Hết hoặc chưa có hiệu lực"))]

    def queryset(self, request, queryset):
        in_force = AwardAuthority.objects.in_force_on(timezone.localdate()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=in_force)
        if self.value() == "no":
            return queryset.exclude(pk__in=in_force)
        return queryset


@admin.register(AwardAuthority)
class AwardAuthorityAdmin(SimpleHistoryAdmin):
    """The authority table: who may decide each title or form, from when to when."""

    list_display = [
        "award_type",
        "issuer_level_display",
        "issuer_unit_types_display",
        "decider",
        "effective_from",
        "effective_to",
        "legal_basis",
    ]
    list_filter = [InForceFilter, "award_type", "issuer_level", "effective_from"]
    search_fields = ["award_type__name", "decider", "legal_basis"]
    autocomplete_fields = ["award_type"]
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("award_type")

    @admin.display(description=_("cấp quyết định"), ordering="issuer_level")
    def issuer_level_display(self, obj):
        return obj.get_issuer_level_display() or _("Trung ương")

    @admin.display(description=_("loại hình đơn vị"))
    def issuer_unit_types_display(self, obj):
        return choice_labels(obj, "issuer_unit_types") or _("Mọi loại hình")


@admin.register(BonusCoefficient)
class BonusCoefficientAdmin(SimpleHistoryAdmin):
    list_display = [
        "award_type",
        "subject_type",
        "coefficient",
        "multiplier",
        "effective_from",
        "legal_basis",
    ]
    list_filter = ["subject_type", "award_type", "effective_from"]
    search_fields = ["award_type__name", "legal_basis"]
    autocomplete_fields = ["award_type"]
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("award_type")


@admin.register(BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ["amount_display", "effective_from", "legal_basis"]
    list_filter = ["effective_from"]
    search_fields = ["legal_basis"]
    readonly_fields = AUDIT_FIELDS

    @admin.display(description=_("mức lương cơ sở"), ordering="amount")
    def amount_display(self, obj):
        return format_money(obj.amount)


# --- Achievements -------------------------------------------------------------


class EvidenceInline(SafeUploadAdminMixin, admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["file", "caption", "original_name", "content_type", "size", "uploaded_by"]
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(Achievement)
class AchievementAdmin(SubjectColumnsMixin, StampedAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "subject_display",
        "owner_unit",
        "campaign",
        "category",
        "date",
        "evidence_count",
    ]
    list_filter = ["category", "campaign", "date"]
    search_fields = ["title", "individual__full_name", "unit__name", "owner_unit__name"]
    show_full_result_count = False
    autocomplete_fields = ["individual", "unit", "owner_unit", "campaign"]
    readonly_fields = ["recorded_by", *AUDIT_FIELDS]
    inlines = [EvidenceInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_queue_fields(obj.nominations.all())

    def delete_model(self, request, obj):
        linked = list(obj.nominations.values_list("pk", flat=True))
        super().delete_model(request, obj)
        refresh_queue_fields(Nomination.objects.filter(pk__in=linked))

    def delete_queryset(self, request, queryset):
        linked = list(
            Nomination.objects.filter(achievements__in=queryset).values_list("pk", flat=True)
        )
        super().delete_queryset(request, queryset)
        refresh_queue_fields(Nomination.objects.filter(pk__in=linked))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("individual", "unit", "owner_unit", "campaign")
            .annotate(evidence_count=related_count(Evidence, "achievement"))
        )

    @admin.display(description=_("số minh chứng"), ordering="evidence_count")
    def evidence_count(self, obj):
        return obj.evidence_count


@admin.register(Evidence)
class EvidenceAdmin(StoredFileAdminMixin, RelatedChoicesMixin, StampedAdminMixin, admin.ModelAdmin):
    list_display = [
        "display_name",
        "achievement",
        "caption",
        "content_type",
        "size",
        "uploaded_by",
        "created_at",
    ]
    list_filter = [FileTypeFilter, "created_at"]
    search_fields = ["original_name", "caption", "achievement__title"]
    autocomplete_fields = ["achievement"]
    choices_select_related = {"achievement": ACHIEVEMENT_RELATED}
    readonly_fields = [*StoredFileAdminMixin.stored_file_readonly, "thumbnail", *AUDIT_FIELDS]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                *(f"achievement__{name}" for name in ACHIEVEMENT_RELATED), "uploaded_by"
            )
        )


# --- Nominations --------------------------------------------------------------


class DossierFileInline(SafeUploadAdminMixin, admin.TabularInline):
    model = DossierFile
    extra = 0
    fields = ["kind", "file", "original_name", "content_type", "size", "uploaded_by"]
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(Nomination)
class NominationAdmin(
    SubjectColumnsMixin, RelatedChoicesMixin, StampedAdminMixin, admin.ModelAdmin
):
    list_display = [
        "subject_display",
        "award_type",
        "campaign",
        "nominating_unit",
        "state",
        "is_fast_track",
        "submitted_at",
        "file_count",
    ]
    list_filter = ["state", "is_fast_track", "award_type", "campaign", "submitted_at"]
    show_full_result_count = False
    search_fields = [
        "individual__full_name",
        "unit__name",
        "nominating_unit__name",
        "award_type__name",
    ]
    autocomplete_fields = [
        "campaign",
        "nominating_unit",
        "award_type",
        "individual",
        "unit",
        "achievements",
    ]
    choices_select_related = {"achievements": ACHIEVEMENT_RELATED}
    readonly_fields = [
        "state",
        "submitted_at",
        "state_changed_at",
        "created_by",
        *AUDIT_FIELDS,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "campaign",
                    "nominating_unit",
                    "award_type",
                    ("individual", "unit"),
                    "summary",
                    "achievements",
                    "is_fast_track",
                ]
            },
        ),
        (
            _("Quy trình"),
            {"fields": ["state", "submitted_at", "state_changed_at", "created_by", *AUDIT_FIELDS]},
        ),
    ]
    inlines = [DossierFileInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_queue_fields(Nomination.objects.filter(pk=form.instance.pk))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(*NOMINATION_RELATED, "campaign", "nominating_unit")
            .annotate(file_count=related_count(DossierFile, "nomination"))
        )

    @admin.display(description=_("số tệp hồ sơ"), ordering="file_count")
    def file_count(self, obj):
        return obj.file_count


@admin.register(DossierFile)
class DossierFileAdmin(
    StoredFileAdminMixin, RelatedChoicesMixin, StampedAdminMixin, admin.ModelAdmin
):
    list_display = [
        "display_name",
        "kind",
        "nomination",
        "content_type",
        "size",
        "uploaded_by",
        "created_at",
    ]
    list_filter = ["kind", FileTypeFilter, "created_at"]
    search_fields = [
        "original_name",
        "nomination__individual__full_name",
        "nomination__unit__name",
    ]
    autocomplete_fields = ["nomination"]
    choices_select_related = {"nomination": NOMINATION_RELATED}
    readonly_fields = [*StoredFileAdminMixin.stored_file_readonly, *AUDIT_FIELDS]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(*(f"nomination__{name}" for name in NOMINATION_RELATED), "uploaded_by")
        )


# --- Decisions, recipients, certificates -----------------------------------------


class RecipientInline(RelatedChoicesMixin, admin.TabularInline):
    model = Recipient
    form = RecipientAdminForm
    extra = 0
    fields = [
        "sort_order",
        "individual",
        "unit",
        "nomination",
        "position_and_unit",
        "coefficient",
        "multiplier",
        "base_salary",
        "amount",
        "golden_register_number",
        "revoked_at",
    ]
    readonly_fields = ["revoked_at"]
    autocomplete_fields = ["individual", "unit", "nomination"]
    choices_select_related = {"nomination": NOMINATION_RELATED}
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*RECIPIENT_RELATED)


@admin.register(AwardDecision)
class AwardDecisionAdmin(StampedAdminMixin, admin.ModelAdmin):
    form = AwardDecisionAdminForm
    list_display = [
        "reference_display",
        "signed_date",
        "issuer",
        "award_type",
        "campaign",
        "state",
        "recipient_count",
        "total_amount",
    ]
    list_filter = ["state", "year", "award_type", "rounding_mode", "signed_date"]
    search_fields = [
        "number__exact",
        "symbol",
        "signer_name",
        "issuer__name",
        "award_type__name",
        "campaign__title",
    ]
    date_hierarchy = "signed_date"
    autocomplete_fields = ["issuer", "campaign", "award_type"]
    readonly_fields = [
        "state",
        "issued_at",
        "issued_by",
        "revoked_at",
        "created_by",
        *AUDIT_FIELDS,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "issuer",
                    ("year", "number", "symbol"),
                    ("signed_date", "place"),
                    "campaign",
                    "award_type",
                    "citation",
                    "rounding_mode",
                ]
            },
        ),
        (
            _("Người ký"),
            {"fields": ["signer_authority", "signer_capacity", "signer_title", "signer_name"]},
        ),
        (
            _("Quy trình"),
            {
                "fields": [
                    "state",
                    "issued_at",
                    "issued_by",
                    "revoked_at",
                    "revoked_reason",
                    "created_by",
                    *AUDIT_FIELDS,
                ]
            },
        ),
    ]
    inlines = [RecipientInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("issuer", "award_type", "campaign")
            .annotate(
                recipient_count=related_count(Recipient, "decision"),
                total_amount=related_sum(Recipient, "decision", "amount", revoked_at__isnull=True),
            )
        )

    @admin.display(description=_("quyết định"), ordering="number")
    def reference_display(self, obj):
        return obj.reference or _("Dự thảo")

    @admin.display(description=_("số người, tập thể"), ordering="recipient_count")
    def recipient_count(self, obj):
        return obj.recipient_count

    @admin.display(description=_("tổng tiền thưởng"), ordering="total_amount")
    def total_amount(self, obj):
        return format_money(obj.total_amount)


@admin.register(Recipient)
class RecipientAdmin(SubjectColumnsMixin, RelatedChoicesMixin, admin.ModelAdmin):
    form = RecipientAdminForm
    list_display = [
        "subject_display",
        "subject_type_display",
        "decision_link",
        "position_and_unit",
        "coefficient",
        "multiplier",
        "amount_display",
        "golden_register_number",
        "revoked_at",
    ]
    list_filter = [
        "decision__state",
        "decision__year",
        ("revoked_at", admin.EmptyFieldListFilter),
    ]
    show_full_result_count = False
    search_fields = [
        "individual__full_name",
        "unit__name",
        "golden_register_number",
        "position_and_unit",
    ]
    autocomplete_fields = ["decision", "individual", "unit", "nomination"]
    choices_select_related = {"decision": ["award_type"], "nomination": NOMINATION_RELATED}
    readonly_fields = ["revoked_at", *AUDIT_FIELDS]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*RECIPIENT_RELATED)

    @admin.display(description=_("quyết định"), ordering="decision")
    def decision_link(self, obj):
        return admin_change_link(obj.decision)

    @admin.display(description=_("tiền thưởng"), ordering="amount")
    def amount_display(self, obj):
        return format_money(obj.amount)


@admin.register(Certificate)
class CertificateAdmin(RelatedChoicesMixin, admin.ModelAdmin):
    list_display = [
        "serial",
        "recipient_name",
        "decision_reference",
        "state",
        "rendered_at",
        "has_file",
        "revoked_at",
    ]
    list_filter = ["state", "rendered_at", ("file", admin.EmptyFieldListFilter)]
    show_full_result_count = False
    search_fields = [
        "serial",
        "=token",
        "recipient__individual__full_name",
        "recipient__unit__name",
        "recipient__golden_register_number",
    ]
    autocomplete_fields = ["recipient", "replaced_by"]
    choices_select_related = {"recipient": RECIPIENT_RELATED}
    readonly_fields = ["state", "token", "rendered_at", "revoked_at", *AUDIT_FIELDS]
    fields = [
        "serial",
        "recipient",
        "file",
        "state",
        "token",
        "rendered_at",
        "replaced_by",
        "revoked_at",
        "revoked_reason",
        *AUDIT_FIELDS,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(*(f"recipient__{name}" for name in RECIPIENT_RELATED))
        )

    @admin.display(description=_("người, tập thể được khen"))
    def recipient_name(self, obj):
        return obj.recipient.subject_name

    @admin.display(description=_("quyết định"))
    def decision_reference(self, obj):
        return obj.recipient.decision.reference or _("Dự thảo")

    @admin.display(description=_("có tệp PDF"), boolean=True)
    def has_file(self, obj):
        return bool(obj.file)


# --- Printing ---------------------------------------------------------------


class OverlayFieldInline(admin.TabularInline):
    model = OverlayField
    extra = 0
    fields = ["field", "x_mm", "y_mm", "width_mm", "font_size_pt", "bold", "align"]


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    """Print layouts: the overlay's field positions and the printer calibration."""

    list_display = ["name", "kind", "offset_x_mm", "offset_y_mm", "is_default", "field_count"]
    list_filter = ["kind", "is_default"]
    search_fields = ["name"]
    inlines = [OverlayFieldInline]
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_field_count=related_count(OverlayField, "layout"))
        )

    @admin.display(description=_("số vị trí"), ordering="_field_count")
    def field_count(self, obj):
        return obj._field_count


@admin.register(OverlayField)
class OverlayFieldAdmin(admin.ModelAdmin):
    list_display = ["layout", "field", "x_mm", "y_mm", "width_mm", "font_size_pt", "align"]
    list_filter = ["layout", "field"]
    list_select_related = ["layout"]
    autocomplete_fields = ["layout"]


@admin.register(CertificateRun)
class CertificateRunAdmin(admin.ModelAdmin):
    """Rendering runs are written by the certificate task; here they are read."""

    list_display = ["decision", "state", "done", "total", "started_at", "finished_at"]
    list_filter = ["state"]
    search_fields = ["decision__symbol", "=decision__number"]
    list_select_related = ["decision__award_type"]
    readonly_fields = [
        "decision",
        "layout",
        "state",
        "total",
        "done",
        "merged_file",
        "started_at",
        "finished_at",
        "error",
        "requested_by",
        *AUDIT_FIELDS,
    ]

    def has_add_permission(self, request):
        return False


@admin.register(NumberSequence)
class NumberSequenceAdmin(admin.ModelAdmin):
    """Counters behind decision and register numbers: repairs only."""

    list_display = ["issuer", "name", "year", "last_value"]
    list_filter = ["name", "year"]
    search_fields = ["issuer__name", "name"]
    list_select_related = ["issuer"]
    autocomplete_fields = ["issuer"]


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the workflow service only: read here, never added or changed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProposalLetter)
class ProposalLetterAdmin(_ReadOnlyAdmin):
    """The units' proposal letters (tờ trình), made when a leader forwards dossiers."""

    list_display = ["__str__", "issuer", "addressee", "signed_date", "signer_name"]
    list_filter = ["year"]
    search_fields = ["issuer__name", "signer_name"]
    list_select_related = ["issuer", "addressee"]
    show_full_result_count = False


@admin.register(NominationStage)
class NominationStageAdmin(_ReadOnlyAdmin):
    """Every level a nomination passed on its route, with how it left."""

    list_display = ["nomination_id", "unit", "entered_at", "left_at", "outcome", "letter"]
    list_filter = ["outcome"]
    list_select_related = ["unit", "letter"]
    show_full_result_count = False


@admin.register(Ceremony)
class CeremonyAdmin(admin.ModelAdmin):
    """Award ceremonies, recorded from the decision page (its service checks the moment,
    the lines and the photo): read here, never added or changed."""

    list_display = ["held_at", "place", "presented_by", "decision", "recorded_by"]
    list_filter = ["held_at"]
    search_fields = ["place", "presented_by", "notes"]
    list_select_related = ["decision__award_type", "recorded_by"]
    show_full_result_count = False
    fields = [
        "decision",
        "lines",
        "held_at",
        "place",
        "presented_by",
        "photo",
        "photo_name",
        "notes",
        "recorded_by",
        *AUDIT_FIELDS,
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Forwarding to the central level: written by ``services.central``; read here ----------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the central submission services (locks, numbering, the nomination
    workflow): the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CentralSubmission)
class CentralSubmissionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "issuer", "addressee", "letter_date", "state"]
    list_filter = ["state", "addressee"]
    search_fields = ["subject", "=number"]
    list_select_related = ["issuer"]


@admin.register(CentralSubmissionLine)
class CentralSubmissionLineAdmin(ReadOnlyAdmin):
    list_display = ["nomination", "submission", "outcome"]
    list_filter = ["outcome"]
    list_select_related = ["submission", *[f"nomination__{name}" for name in NOMINATION_RELATED]]


@admin.register(CentralResult)
class CentralResultAdmin(ReadOnlyAdmin):
    list_display = ["decision_number", "decision_date", "issuer", "submission"]
    search_fields = ["decision_number"]
    list_select_related = ["submission"]


@admin.register(CentralPackage)
class CentralPackageAdmin(ReadOnlyAdmin):
    list_display = ["submission", "state", "done", "total", "started_at", "finished_at"]
    list_filter = ["state"]
    list_select_related = ["submission"]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["submission", "published_on", "closes_on", "working_days"]
    list_select_related = ["submission"]
    exclude = ["token"]


@admin.register(ConsultationComment)
class ConsultationCommentAdmin(ReadOnlyAdmin):
    """The public's comments: moderated on the submission's page, shown here."""

    list_display = ["author_name", "consultation", "state", "created_at"]
    list_filter = ["state"]
    list_select_related = ["consultation__submission"]
    exclude = ["address_hash"]


@admin.register(NominationImport)
class NominationImportAdmin(ImportJobAdmin):
    """Lists of nominations imported from Excel (made on the portal's import page)."""

    target_fields = ("nominating_unit", "campaign")
    search_fields = ["original_name", "nominating_unit__name", "campaign__title"]
