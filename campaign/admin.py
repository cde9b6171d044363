from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.admin import StampedAdminMixin, choice_labels, related_count
from common.templatetags.vn import vndate

from .models import Campaign, Registration


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    """Campaigns.  Registrations are listed on their own page (one link per campaign):
    a province-wide campaign has hundreds of them, too many for an inline form."""

    list_display = [
        "title",
        "plan_reference",
        "issuing_unit",
        "kind",
        "status",
        "start_date",
        "end_display",
        "target_unit_types_display",
        "registrations_link",
    ]
    list_filter = ["status", "kind", "registration_required", "start_date"]
    search_fields = ["title", "plan_number", "issuing_unit__name"]
    list_select_related = ["issuing_unit"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["issuing_unit", "allowed_award_types", "participants"]
    readonly_fields = ["registrations_link", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    ("plan_number", "plan_symbol"),
                    "issuing_unit",
                    "issue_date",
                    "kind",
                    "status",
                ]
            },
        ),
        (_("Thời gian"), {"fields": ["start_date", "end_date", "end_condition"]}),
        (_("Nội dung"), {"fields": ["purpose", "content", "slogan"]}),
        (
            _("Đối tượng, danh hiệu"),
            {
                "fields": [
                    "target_unit_types",
                    "target_individual_categories",
                    "allowed_award_types",
                    "participants",
                ]
            },
        ),
        (
            _("Đăng ký, mốc thời gian"),
            {
                "fields": [
                    "registration_required",
                    "registration_deadline",
                    "registrations_link",
                    "nomination_deadline",
                    "interim_review_date",
                    "final_review_date",
                ]
            },
        ),
        (_("Theo dõi"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(registration_count=related_count(Registration, "campaign"))
        )

    @admin.display(description=_("số kế hoạch"), ordering="plan_number")
    def plan_reference(self, obj):
        return obj.plan_reference

    @admin.display(description=_("kết thúc"), ordering="end_date")
    def end_display(self, obj):
        if obj.end_date:
            return vndate(obj.end_date)
        return obj.end_condition or _("Không thời hạn")

    @admin.display(description=_("đối tượng tập thể"))
    def target_unit_types_display(self, obj):
        return choice_labels(obj, "target_unit_types")

    @admin.display(description=_("đăng ký thi đua"), ordering="registration_count")
    def registrations_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:campaign_registration_changelist")
        return format_html(
            '<a href="{}?campaign__id__exact={}">{}</a>',
            url,
            obj.pk,
            _("%(count)s đăng ký") % {"count": obj.registration_count},
        )


@admin.register(Registration)
class RegistrationAdmin(StampedAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "campaign", "target_count", "registered_by", "created_at"]
    list_filter = ["campaign", "created_at"]
    search_fields = ["unit__name", "unit__code", "campaign__title", "campaign__plan_number"]
    autocomplete_fields = ["campaign", "unit", "intended_award_types"]
    readonly_fields = ["registered_by", "created_at", "updated_at"]

    def get_queryset(self, request):
        # ``__str__`` names the unit and the campaign.
        return super().get_queryset(request).select_related("unit", "campaign", "registered_by")

    @admin.display(description=_("số chỉ tiêu"))
    def target_count(self, obj):
        return len(obj.target_lines)
