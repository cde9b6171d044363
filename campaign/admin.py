"""The campaign app's admin: campaigns and registrations; reminder rules (each save
updates the rule's beat entry) and the read-only reminder log; notice batches and launch
runs, read only.

Retrying failed reminders goes through the reminders service, which checks
:mod:`campaign.rules` as the staff pages do.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common.admin import (
    ReadOnlyAdminMixin,
    StampedAdminMixin,
    admin_change_link,
    choice_labels,
    related_count,
)
from common.templatetags.vn import vndate

from . import rules
from .enums import ReminderState
from .forms.reminders import ReminderRuleForm
from .models import (
    Campaign,
    CampaignReview,
    Indicator,
    LaunchDelivery,
    LaunchRun,
    Notice,
    NoticeBatch,
    ProgressReport,
    Registration,
    RegistrationTarget,
    Reminder,
    ReminderRule,
    ReportAttachment,
    ReportFigure,
    ReportingRound,
)
from .services.reminder_admin import describe_crontab, retry_failed_reminder
from .services.reminders import ReminderError
from .services.schedules import delete_rule_schedule, sync_rule_schedule


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


# --- Reminders ----------------------------------------------------------------------------


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    """Rules: on or off, offsets, wording and schedule.  Each save updates the rule's
    beat entry (django-celery-beat), so what is shown here is what beat runs."""

    form = ReminderRuleForm
    list_display = [
        "name",
        "kind",
        "enabled",
        "offsets",
        "schedule_display",
        "last_run_at",
        "periodic_task_link",
        "wording_ok",
    ]
    list_editable = ["enabled"]
    list_filter = ["enabled", "kind"]
    search_fields = ["name", "subject"]
    list_select_related = ["schedule", "periodic_task"]
    actions = ["enable_rules", "disable_rules"]
    readonly_fields = ["last_run_at", "periodic_task_link", "send_now_link"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "enabled", "offsets", "schedule"]}),
        (_("Nội dung thư"), {"fields": ["subject", "body"]}),
        (_("Theo dõi"), {"fields": ["last_run_at", "periodic_task_link", "send_now_link"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:  # the periods of reminders already written depend on the kind
            fields.append("kind")
        return fields

    @admin.display(description=_("lịch chạy"), ordering="schedule")
    def schedule_display(self, obj):
        return describe_crontab(obj.schedule)

    @admin.display(description=_("nội dung hợp lệ"), boolean=True)
    def wording_ok(self, obj):
        """False for a wording stored before placeholders that the migration could not
        convert: it prints its unknown parts as nothing until it is rewritten."""
        return obj.wording_is_valid

    @admin.display(description=_("tác vụ định kỳ"))
    def periodic_task_link(self, obj):
        if obj.periodic_task is None:
            return "—"
        text = gettext("Đang chạy theo lịch") if obj.periodic_task.enabled else gettext("Đã tắt")
        return admin_change_link(obj.periodic_task, text)

    @admin.display(description=_("gửi ngay"))
    def send_now_link(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("campaign:reminder_rule_send", args=[obj.pk]),
            gettext("Xem trước và gửi ngay"),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_rule_schedule(obj)

    def delete_model(self, request, obj):
        delete_rule_schedule(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for rule in queryset:
            delete_rule_schedule(rule)
        super().delete_queryset(request, queryset)

    def _set_enabled(self, request, queryset, enabled: bool):
        rules = list(queryset.select_related("periodic_task"))
        for rule in rules:
            rule.enabled = enabled
            rule.save(update_fields=["enabled"])
            sync_rule_schedule(rule)
        return len(rules)

    @admin.action(description=_("Bật các quy tắc đã chọn"), permissions=["change"])
    def enable_rules(self, request, queryset):
        count = self._set_enabled(request, queryset, True)
        self.message_user(
            request,
            ngettext("Đã bật %(count)d quy tắc.", "Đã bật %(count)d quy tắc.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Tắt các quy tắc đã chọn"), permissions=["change"])
    def disable_rules(self, request, queryset):
        count = self._set_enabled(request, queryset, False)
        self.message_user(
            request,
            ngettext("Đã tắt %(count)d quy tắc.", "Đã tắt %(count)d quy tắc.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The reminder log: written by the system only.  Failed emails can be sent again."""

    list_display = [
        "subject",
        "recipient",
        "rule",
        "channel",
        "state",
        "created_at",
        "sent_at",
        "attempts",
    ]
    list_filter = ["state", "channel", "rule", "created_at"]
    search_fields = [
        "subject",
        "recipient__username",
        "recipient__email",
        "recipient__last_name",
        "recipient__first_name",
    ]
    list_select_related = ["recipient", "rule"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["retry"]
    fields = [
        "rule",
        "recipient",
        "channel",
        "state",
        "subject",
        "body_text",
        "url",
        "campaign",
        "unit",
        "nomination",
        "object_key",
        "period",
        "notification",
        "created_at",
        "available_at",
        "queued_at",
        "claimed_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    readonly_fields = fields
    delete_by = ReadOnlyAdminMixin.SUPERUSER

    def has_retry_permission(self, request):
        return rules.can_manage_reminders(request.user)

    @admin.action(description=_("Gửi lại các thư gửi lỗi đã chọn"), permissions=["retry"])
    def retry(self, request, queryset):
        retried = 0
        for reminder in queryset.filter(state=ReminderState.FAILED):
            try:
                retry_failed_reminder(reminder, by=request.user)
            except ReminderError:
                continue
            retried += 1
        self.message_user(
            request,
            ngettext(
                "Đã đưa %(count)d thư trở lại hàng chờ gửi.",
                "Đã đưa %(count)d thư trở lại hàng chờ gửi.",
                retried,
            )
            % {"count": retried},
            messages.SUCCESS if retried else messages.WARNING,
        )


# --- Notices ------------------------------------------------------------------------------


class NoticeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Notice
    fields = ["unit", "items_count", "file", "rendered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    delete_by = ReadOnlyAdminMixin.PERMISSION

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")

    @admin.display(description=_("số việc còn nợ"))
    def items_count(self, obj):
        return len(obj.items or [])


@admin.register(NoticeBatch)
class NoticeBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Batches of reminder notices are made on the staff pages; here they are read."""

    list_display = [
        "__str__",
        "reference",
        "state",
        "progress",
        "created_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["state", "campaign", "date"]
    search_fields = ["campaign__title", "campaign__plan_number", "number"]
    list_select_related = ["campaign", "created_by"]
    date_hierarchy = "date"
    inlines = [NoticeInline]
    delete_by = ReadOnlyAdminMixin.SUPERUSER
    fields = [
        "campaign",
        "issuer",
        ("number", "symbol"),
        ("place", "date"),
        "signer_name",
        "signer_title",
        "signer_authority",
        "state",
        ("done", "total"),
        "merged_file",
        "error",
        "created_by",
        "created_at",
        "finished_at",
    ]
    readonly_fields = [
        "campaign",
        "issuer",
        "number",
        "symbol",
        "place",
        "date",
        "signer_name",
        "signer_title",
        "signer_authority",
        "state",
        "done",
        "total",
        "merged_file",
        "error",
        "created_by",
        "created_at",
        "finished_at",
    ]

    @admin.display(description=_("số, ký hiệu"), ordering="number")
    def reference(self, obj):
        return f"{obj.number or '…'}/{obj.symbol}"

    @admin.display(description=_("tiến độ"))
    def progress(self, obj):
        return f"{obj.done}/{obj.total}"


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "batch", "rendered_at"]
    list_filter = [("rendered_at", admin.EmptyFieldListFilter)]
    search_fields = ["unit__name", "batch__campaign__title"]
    list_select_related = ["unit", "batch__campaign"]
    fields = ["batch", "unit", "items", "file", "rendered_at"]
    readonly_fields = fields


# --- Launches (made on the staff pages; read here) ------------------------------------------


class LaunchDeliveryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = LaunchDelivery
    fields = ["unit", "notified_at"]
    readonly_fields = fields
    extra = 0


@admin.register(LaunchRun)
class LaunchRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Launch runs are made on the campaign's launch page; here they are read."""

    list_display = ["__str__", "state", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["state"]
    search_fields = ["campaign__title", "campaign__plan_number", "number"]
    list_select_related = ["campaign", "created_by"]
    inlines = [LaunchDeliveryInline]
    fields = [
        "campaign",
        "issuer",
        ("number", "symbol"),
        ("place", "date"),
        "signer_name",
        "signer_title",
        "signer_authority",
        "state",
        ("done", "total"),
        "letter",
        "error",
        "created_by",
        "created_at",
        "finished_at",
    ]
    readonly_fields = [name for row in fields for name in ([row] if isinstance(row, str) else row)]

    @admin.display(description=_("tiến độ"))
    def progress(self, obj):
        return f"{obj.done}/{obj.total}"


@admin.register(CampaignReview)
class CampaignReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Reviews (sơ kết, tổng kết) are opened on the campaign's pages; here they are read."""

    list_display = ["__str__", "number", "date", "state", "progress", "opened_by", "finished_at"]
    list_filter = ["state", "kind"]
    search_fields = ["campaign__title", "campaign__plan_number"]
    list_select_related = ["campaign", "opened_by"]
    fields = [
        "campaign",
        "kind",
        ("period_start", "period_end"),
        "issuer",
        ("number", "symbol", "year"),
        ("place", "date"),
        "signer_name",
        "signer_title",
        "signer_authority",
        "state",
        ("done", "total"),
        "pdf_file",
        "docx_file",
        "xlsx_file",
        "error",
        "opened_by",
        "created_at",
        "finished_at",
    ]
    readonly_fields = [name for row in fields for name in ([row] if isinstance(row, str) else row)]

    @admin.display(description=_("tiến độ"))
    def progress(self, obj):
        return f"{obj.done}/{obj.total}"


@admin.register(LaunchDelivery)
class LaunchDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "campaign", "run", "notified_at"]
    list_filter = [("notified_at", admin.EmptyFieldListFilter)]
    search_fields = ["unit__name", "campaign__title"]
    list_select_related = ["unit", "campaign", "run__campaign"]
    fields = ["campaign", "unit", "run", "notified_at"]
    readonly_fields = fields


# --- Indicators and targets (edited on the staff pages and the registration form) -----------


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "measure", "kind", "campaign", "position"]
    list_filter = ["kind"]
    search_fields = ["name", "campaign__title"]
    list_select_related = ["campaign"]
    autocomplete_fields = ["campaign"]


@admin.register(RegistrationTarget)
class RegistrationTargetAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["registration", "indicator", "value"]
    search_fields = ["registration__unit__name", "indicator__name"]
    list_select_related = ["registration__unit", "registration__campaign", "indicator"]
    fields = ["registration", "indicator", "value"]
    readonly_fields = fields


# --- Reporting rounds and progress reports (made on the portal's pages; read here) -----------


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "campaign", "kind", "due_date", "locked_at"]
    list_filter = ["kind", ("locked_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "campaign__title"]
    list_select_related = ["campaign"]
    fields = [
        "campaign",
        "kind",
        "title",
        ("period_start", "period_end"),
        "due_date",
        "locked_at",
        "locked_by",
        "created_by",
    ]
    readonly_fields = [name for row in fields for name in ([row] if isinstance(row, str) else row)]


class ReportFigureInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReportFigure
    fields = ["indicator", "value"]
    readonly_fields = fields
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "round", "submitted_by", "submitted_at"]
    search_fields = ["unit__name", "round__title", "round__campaign__title"]
    list_select_related = ["unit", "round__campaign", "submitted_by"]
    inlines = [ReportFigureInline]
    fields = ["round", "unit", "narrative", "submitted_by", "submitted_at"]
    readonly_fields = fields


@admin.register(ReportFigure)
class ReportFigureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["report", "indicator", "value"]
    search_fields = ["report__unit__name", "indicator__name"]
    list_select_related = ["report__unit", "report__round__campaign", "indicator"]
    fields = ["report", "indicator", "value"]
    readonly_fields = fields


@admin.register(ReportAttachment)
class ReportAttachmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "report", "size", "uploaded_by"]
    search_fields = ["original_name", "report__unit__name"]
    list_select_related = ["report__unit", "report__round__campaign", "uploaded_by"]
    fields = ["report", "file", "original_name", "content_type", "size", "uploaded_by"]
    readonly_fields = fields
