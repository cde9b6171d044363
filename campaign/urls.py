from django.urls import path

from .views import (
    campaigns,
    indicators,
    launches,
    notices,
    registrations,
    reminders,
    reports,
    reviews,
)

app_name = "campaign"

urlpatterns = [
    # --- Campaigns (list for staff and officers; the rest for staff) ------------------
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/launch/", launches.campaign_launch, name="campaign_launch"),
    path("launches/<int:run_pk>/", launches.launch_run, name="launch_run"),
    path(
        "launches/<int:run_pk>/progress/", launches.launch_run_progress, name="launch_run_progress"
    ),
    path("launches/<int:run_pk>/retry/", launches.launch_run_retry, name="launch_run_retry"),
    path("launches/<int:run_pk>/letter.pdf", launches.launch_letter, name="launch_letter"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/plan.pdf", campaigns.campaign_plan_file, name="campaign_plan_file"),
    path("campaigns/<int:pk>/indicators/", indicators.indicator_edit, name="indicator_edit"),
    path("campaigns/<int:pk>/targets/", indicators.target_table, name="target_table"),
    path("campaigns/<int:pk>/rounds/", reports.round_list, name="round_list"),
    path("rounds/<int:round_pk>/", reports.round_detail, name="round_detail"),
    path("rounds/<int:round_pk>/lock/", reports.round_lock, name="round_lock"),
    path("rounds/<int:round_pk>/units/<int:unit_pk>/", reports.report_edit, name="report_edit"),
    path("reports/files/<int:pk>/", reports.report_attachment, name="report_attachment"),
    path("rounds/<int:round_pk>/export.xlsx", reviews.round_export, name="round_export"),
    path("campaigns/<int:pk>/reviews/", reviews.review_list, name="review_list"),
    path("reviews/<int:review_pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:review_pk>/progress/", reviews.review_progress, name="review_progress"),
    path("reviews/<int:review_pk>/retry/", reviews.review_retry, name="review_retry"),
    path("reviews/<int:review_pk>/file.<str:extension>", reviews.review_file, name="review_file"),
    # --- end of campaigns --------------------------------------------------------------
    path("campaigns/<int:pk>/", registrations.campaign_detail, name="campaign_detail"),
    path(
        "campaigns/<int:pk>/register/", registrations.registration_edit, name="registration_create"
    ),
    path(
        "campaigns/<int:pk>/register/<int:registration_pk>/",
        registrations.registration_edit,
        name="registration_edit",
    ),
    # --- Reminders (staff): log, rules, send now -------------------------------------
    path("reminders/", reminders.reminder_log, name="reminder_log"),
    path("reminders/<int:pk>/retry/", reminders.reminder_retry, name="reminder_retry"),
    path("reminders/rules/", reminders.rule_list, name="reminder_rules"),
    path("reminders/rules/<int:pk>/send/", reminders.rule_send, name="reminder_rule_send"),
    # --- end of reminders --------------------------------------------------------------
    # --- Notices (công văn đôn đốc) ------------------------------------------------------
    path("campaigns/<int:pk>/notices/", notices.notice_list, name="notice_list"),
    path("notices/<int:batch_pk>/", notices.notice_batch, name="notice_batch"),
    path(
        "notices/<int:batch_pk>/progress/",
        notices.notice_batch_progress,
        name="notice_batch_progress",
    ),
    path("notices/<int:batch_pk>/retry/", notices.notice_batch_retry, name="notice_batch_retry"),
    path("notices/<int:batch_pk>/merged.pdf", notices.notice_merged, name="notice_merged"),
    path("notices/file/<int:notice_pk>.pdf", notices.notice_file, name="notice_file"),
    # --- end of notices ------------------------------------------------------------------
]
