from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import FoldedSearchMixin, related_count
from common.cache import bump
from common.excel.admin import ImportJobAdmin

from .models import (
    Council,
    CouncilMembership,
    Individual,
    OfficerMembership,
    PhotoConsent,
    StaffImport,
    Unit,
    UnitSigner,
)
from .services.publicity import PUBLIC_AWARDS

#: Indentation of one tree level in the unit list (em spaces survive HTML whitespace folding).
TREE_INDENT = "\u2003\u2003"


class RootUnitFilter(admin.SimpleListFilter):
    title = _("vị trí trong cây đơn vị")
    parameter_name = "root"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Đơn vị cao nhất (không có cấp trên)")),
            ("no", _("Đơn vị có cấp trên")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(parent__isnull=True)
        if self.value() == "no":
            return queryset.filter(parent__isnull=False)
        return queryset


class ValidityFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "valid"

    def lookups(self, request, model_admin):
        return [("yes", _("Đang hiệu lực")), ("no", _("Đã hết hiệu lực hoặc chưa hiệu lực"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.active_on(today)
        if self.value() == "no":
            return queryset.filter(Q(valid_from__gt=today) | Q(valid_to__lt=today))
        return queryset


class PublicBoardMixin:
    """A name, a position or a unit's place in the tree is shown on the public honour
    board: saving one here retires the cached public pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump(PUBLIC_AWARDS)


class UnitSignerInline(admin.TabularInline):
    """The unit's signers, past and present: a signer who left gets an end date (the
    documents they signed keep their name), rather than being deleted."""

    model = UnitSigner
    extra = 0
    fields = ["full_name", "position", "kind", "user", "valid_from", "valid_to"]
    autocomplete_fields = ["user"]
    verbose_name_plural = _("người ký văn bản (người đứng đầu, cấp phó, ký thừa lệnh)")


@admin.register(Unit)
class UnitAdmin(PublicBoardMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = [
        "tree_name",
        "short_name",
        "code",
        "unit_type",
        "level",
        "valid_from",
        "valid_to",
        "is_active_today",
    ]
    list_filter = ["unit_type", "level", RootUnitFilter, ValidityFilter, "hidden_from_public"]
    search_fields = ["name", "short_name", "code"]
    show_full_result_count = False
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["path", "created_at", "updated_at"]
    inlines = [UnitSignerInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "short_name",
                    "code",
                    "unit_type",
                    "level",
                    "has_legal_status",
                    "parent",
                    "path",
                    "email",
                ]
            },
        ),
        (
            _("Văn bản"),
            {
                "fields": [
                    "issuer_name",
                    "letterhead_parent",
                    "document_symbol",
                    "place_name",
                    "head_title",
                    "collective_leadership",
                ]
            },
        ),
        (_("Hiệu lực, sáp nhập"), {"fields": ["valid_from", "valid_to", "successor"]}),
        (_("Theo dõi"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description=_("tên đơn vị"), ordering="path")
    def tree_name(self, obj):
        if obj.depth == 0:
            return obj.name
        return f"{TREE_INDENT * obj.depth}└ {obj.name}"

    @admin.display(description=_("đang hiệu lực"), boolean=True)
    def is_active_today(self, obj):
        return obj.is_active_on(timezone.localdate())


@admin.register(UnitSigner)
class UnitSignerAdmin(SimpleHistoryAdmin):
    """Every unit's signers in one list (each unit's page shows its own, inline)."""

    list_display = ["full_name", "position", "kind", "unit", "user", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["full_name", "position", "unit__name"]
    show_full_result_count = False
    list_select_related = ["unit", "user"]
    autocomplete_fields = ["unit", "user"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Individual)
class IndividualAdmin(PublicBoardMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = [
        "full_name",
        "unit",
        "category",
        "position",
        "gender",
        "date_of_birth",
        "is_leader",
        "is_household",
    ]
    list_filter = ["category", "gender", "is_leader", "is_household", "hidden_from_public"]
    search_fields = ["full_name", "=citizen_id", "email", "phone", "unit__name"]
    show_full_result_count = False
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "full_name",
                    "gender",
                    "date_of_birth",
                    "citizen_id",
                    "category",
                    "unit",
                    "position",
                    "is_leader",
                    "is_household",
                ]
            },
        ),
        (_("Liên hệ"), {"fields": ["email", "phone"]}),
        (_("Theo dõi"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        # The unit is part of how an individual is told apart (lists and autocomplete).
        return super().get_queryset(request).select_related("unit")


@admin.register(OfficerMembership)
class OfficerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "is_active", "created_at"]
    list_filter = ["role", "is_active"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "unit__name",
        "unit__code",
    ]
    autocomplete_fields = ["user", "unit"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        # ``__str__`` names the user and the unit.
        return super().get_queryset(request).select_related("user", "unit")


class CouncilMembershipInline(admin.TabularInline):
    model = CouncilMembership
    extra = 0
    fields = ["user", "role", "position", "start_date", "end_date"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "council")


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "established_by", "established_on", "member_count", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "unit__name", "established_by"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CouncilMembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(member_count=related_count(CouncilMembership, "council"))
        )

    @admin.display(description=_("số thành viên"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count


@admin.register(CouncilMembership)
class CouncilMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "council", "role", "position", "start_date", "end_date"]
    list_filter = ["role", "council"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "position",
        "council__name",
    ]
    autocomplete_fields = ["council", "user"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "council")


@admin.register(StaffImport)
class StaffImportAdmin(ImportJobAdmin):
    """Staff lists imported from Excel (made on the portal's import page)."""

    target_fields = ("unit",)
    search_fields = ["original_name", "unit__name"]


@admin.register(PhotoConsent)
class PhotoConsentAdmin(admin.ModelAdmin):
    """The record of consents, read only: they are recorded and withdrawn on the
    person's public-listing page (``units.services.publicity``), which logs each."""

    list_display = ["individual", "created_at", "recorded_by", "withdrawn_at", "withdrawn_by"]
    list_select_related = ["individual", "recorded_by", "withdrawn_by"]
    list_filter = [("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["individual__full_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
