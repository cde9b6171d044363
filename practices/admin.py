"""Admin for the good-practice library: practices with their results, files and adoptions.

A practice's ``state`` and the time stamps of its workflow are read-only here: state
changes go through ``services.practices.set_practice_state``, which checks and logs
them.  Saving a practice here writes its folded ``search_text`` as ``save_practice``
does, and every change made here retires the public library's cached pages
(``services.practices.PUBLIC_NAMESPACE``).  Adoptions are recorded on the portal
(``record_adoption`` checks that the practice is published and tells its unit); here
they are corrected or removed.  Uploads go through ``common.uploads`` as on the portal.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.admin import ACHIEVEMENT_RELATED, RECIPIENT_RELATED
from common.admin import (
    FileTypeFilter,
    FoldedSearchMixin,
    RelatedChoicesMixin,
    SafeUploadAdminMixin,
    StampedAdminMixin,
    StoredFileAdminMixin,
    related_count,
)
from common.cache import bump

from .models import Adoption, Practice, PracticeFile, PracticeResult
from .services.practices import PUBLIC_NAMESPACE, search_text_of

AUDIT_FIELDS = ["created_at", "updated_at"]
#: The workflow's fields: written by ``set_practice_state`` only.
WORKFLOW_FIELDS = ["state", "state_changed_at", "submitted_at", "published_at"]


class PublicLibraryMixin:
    """What is saved or deleted here may be on the public library's pages: retire them."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump(PUBLIC_NAMESPACE)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump(PUBLIC_NAMESPACE)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        bump(PUBLIC_NAMESPACE)


class PracticeResultInline(admin.TabularInline):
    model = PracticeResult
    extra = 0
    fields = ["label", "value", "measure", "sort_order"]


class PracticeFileInline(SafeUploadAdminMixin, admin.TabularInline):
    model = PracticeFile
    extra = 0
    fields = ["file", "caption", "original_name", "content_type", "size", "uploaded_by"]
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


class AdoptionInline(admin.TabularInline):
    model = Adoption
    extra = 0
    fields = ["unit", "adopted_on", "place", "recorded_by"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "recorded_by")


@admin.register(Practice)
class PracticeAdmin(
    PublicLibraryMixin, FoldedSearchMixin, RelatedChoicesMixin, StampedAdminMixin, admin.ModelAdmin
):
    list_display = [
        "title",
        "unit",
        "kind",
        "field",
        "state",
        "published_at",
        "file_count",
        "adoption_count",
    ]
    list_filter = ["state", "kind", "field", "campaign", "published_at"]
    search_fields = ["title", "unit__name"]
    folded_search_field = "search_text"
    show_full_result_count = False
    autocomplete_fields = ["unit", "campaign", "achievements", "awards"]
    choices_select_related = {"achievements": ACHIEVEMENT_RELATED, "awards": RECIPIENT_RELATED}
    readonly_fields = [*WORKFLOW_FIELDS, "created_by", *AUDIT_FIELDS]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "unit",
                    "campaign",
                    ("kind", "field"),
                    "title",
                    "summary",
                    "description",
                    "people",
                    "started_on",
                    "achievements",
                    "awards",
                ]
            },
        ),
        (_("Quy trình"), {"fields": [*WORKFLOW_FIELDS, "created_by", *AUDIT_FIELDS]}),
    ]
    inlines = [PracticeResultInline, PracticeFileInline, AdoptionInline]

    def save_model(self, request, obj, form, change):
        obj.search_text = search_text_of(obj)
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("unit", "campaign")
            .annotate(
                file_count=related_count(PracticeFile, "practice"),
                adoption_count=related_count(Adoption, "practice"),
            )
        )

    @admin.display(description=_("số ảnh, tài liệu"), ordering="file_count")
    def file_count(self, obj):
        return obj.file_count

    @admin.display(description=_("số đơn vị nhân rộng"), ordering="adoption_count")
    def adoption_count(self, obj):
        return obj.adoption_count


@admin.register(PracticeResult)
class PracticeResultAdmin(PublicLibraryMixin, admin.ModelAdmin):
    list_display = ["label", "value", "measure", "practice"]
    search_fields = ["label", "practice__title"]
    show_full_result_count = False
    autocomplete_fields = ["practice"]
    list_select_related = ["practice"]


@admin.register(PracticeFile)
class PracticeFileAdmin(
    PublicLibraryMixin, StoredFileAdminMixin, StampedAdminMixin, admin.ModelAdmin
):
    list_display = [
        "display_name",
        "practice",
        "caption",
        "content_type",
        "size",
        "uploaded_by",
        "created_at",
    ]
    list_filter = [FileTypeFilter, "created_at"]
    search_fields = ["original_name", "caption", "practice__title"]
    autocomplete_fields = ["practice"]
    list_select_related = ["practice", "uploaded_by"]
    readonly_fields = [*StoredFileAdminMixin.stored_file_readonly, "thumbnail", *AUDIT_FIELDS]


@admin.register(Adoption)
class AdoptionAdmin(PublicLibraryMixin, admin.ModelAdmin):
    """Adoptions are recorded on the portal; here their day, place and result are
    corrected, or a wrong one removed."""

    list_display = ["unit", "practice", "adopted_on", "place", "recorded_by", "created_at"]
    list_filter = ["adopted_on"]
    search_fields = ["practice__title", "unit__name", "place"]
    show_full_result_count = False
    list_select_related = ["practice", "unit", "recorded_by"]
    fields = ["practice", "unit", "adopted_on", "place", "result", "recorded_by", *AUDIT_FIELDS]
    readonly_fields = ["practice", "unit", "recorded_by", *AUDIT_FIELDS]

    def has_add_permission(self, request):
        return False
