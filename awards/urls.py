from django.urls import path

from .views import (
    achievements,
    award_at_once,
    central,
    ceremonies,
    certificates,
    consultation,
    decisions,
    exports,
    fast_track,
    files,
    forwarding,
    imports,
    nominations,
    statistics,
)

app_name = "awards"

urlpatterns = [
    path("nominations/", nominations.nomination_list, name="nomination_list"),
    path("nominations/new/", nominations.nomination_create, name="nomination_create"),
    path("nominations/export/", exports.nomination_export, name="nomination_export"),
    path("nominations/fast-track/", fast_track.fast_track, name="fast_track"),
    path(
        "nominations/achievement-choices/",
        nominations.nomination_achievement_choices,
        name="nomination_achievement_choices",
    ),
    path(
        "nominations/deciding-choices/",
        nominations.nomination_deciding_choices,
        name="nomination_deciding_choices",
    ),
    path("nominations/bulk/", nominations.nomination_bulk, name="nomination_bulk"),
    path("nominations/import/", imports.nomination_import, name="nomination_import"),
    path(
        "nominations/import/template/",
        imports.nomination_import_template,
        name="nomination_import_template",
    ),
    path(
        "nominations/import/<int:pk>/",
        imports.nomination_import_detail,
        name="nomination_import_detail",
    ),
    path(
        "nominations/import/<int:pk>/progress/",
        imports.nomination_import_progress,
        name="nomination_import_progress",
    ),
    path(
        "nominations/import/<int:pk>/confirm/",
        imports.nomination_import_confirm,
        name="nomination_import_confirm",
    ),
    path(
        "nominations/import/<int:pk>/retry/",
        imports.nomination_import_retry,
        name="nomination_import_retry",
    ),
    path(
        "nominations/import/<int:pk>/file/",
        imports.nomination_import_file,
        name="nomination_import_file",
    ),
    path("nominations/forward/", forwarding.nomination_forward, name="nomination_forward"),
    path(
        "proposal-letters/<int:pk>/document/",
        forwarding.proposal_letter_document,
        name="proposal_letter_document",
    ),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", nominations.nomination_edit, name="nomination_edit"),
    path(
        "nominations/<int:pk>/award-at-once/",
        award_at_once.nomination_award_at_once,
        name="nomination_award_at_once",
    ),
    path(
        "nominations/<int:pk>/<slug:action>/",
        nominations.nomination_action,
        name="nomination_action",
    ),
    path("achievements/", achievements.achievement_list, name="achievement_list"),
    path("achievements/new/", achievements.achievement_create, name="achievement_create"),
    path("achievements/<int:pk>/", achievements.achievement_detail, name="achievement_detail"),
    path("achievements/<int:pk>/edit/", achievements.achievement_edit, name="achievement_edit"),
    path("files/evidence/<int:pk>/", files.evidence_file, name="evidence_file"),
    path("files/evidence/<int:pk>/thumb/", files.evidence_thumbnail, name="evidence_thumbnail"),
    path("files/dossier/<int:pk>/", files.dossier_file, name="dossier_file"),
    # Award decisions
    path("decisions/", decisions.decision_list, name="decision_list"),
    path("decisions/new/", decisions.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/edit/", decisions.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/export/", exports.decision_export, name="decision_export"),
    path(
        "decisions/<int:pk>/add/",
        decisions.decision_add_recipients,
        name="decision_add_recipients",
    ),
    path(
        "decisions/<int:pk>/lines/<int:line_pk>/remove/",
        decisions.decision_remove_recipient,
        name="decision_remove_recipient",
    ),
    path(
        "decisions/<int:pk>/lines/<int:line_pk>/revoke/",
        decisions.decision_revoke_recipient,
        name="decision_revoke_recipient",
    ),
    path("decisions/<int:pk>/issue/", decisions.decision_issue, name="decision_issue"),
    path("decisions/<int:pk>/revoke/", decisions.decision_revoke, name="decision_revoke"),
    path("decisions/<int:pk>/ceremony/", ceremonies.ceremony_create, name="ceremony_create"),
    path("files/ceremony/<int:pk>/", ceremonies.ceremony_photo, name="ceremony_photo"),
]

# Statistics (staff, council; a unit's people over their branch), with Excel files.
urlpatterns += [path("statistics/", statistics.statistics_page, name="statistics")]

# Certificates: list, progress, downloads, reissue (the public verification page is
# the top-level "verify" route in config/urls.py).
urlpatterns += [
    path(
        "decisions/<int:pk>/certificates/", certificates.certificate_list, name="certificate_list"
    ),
    path(
        "decisions/<int:pk>/certificates/progress/",
        certificates.certificate_progress,
        name="certificate_progress",
    ),
    path(
        "decisions/<int:pk>/certificates/render/",
        certificates.certificate_render,
        name="certificate_render",
    ),
    path(
        "decisions/<int:pk>/certificates/resume/",
        certificates.certificate_resume,
        name="certificate_resume",
    ),
    path(
        "decisions/<int:pk>/certificates/pdf/",
        certificates.certificates_pdf,
        name="certificates_pdf",
    ),
    path(
        "decisions/<int:pk>/certificates/zip/",
        certificates.certificates_zip,
        name="certificates_zip",
    ),
    path("decisions/<int:pk>/document/", certificates.decision_document, name="decision_document"),
    path("certificates/<int:pk>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<int:pk>/reissue/",
        certificates.certificate_reissue,
        name="certificate_reissue",
    ),
]

# Forwarding to the central level (khen cao): provincial staff only.
urlpatterns += [
    path("central/", central.central_list, name="central_list"),
    path("central/new/", central.central_create, name="central_create"),
    path("central/<int:pk>/", central.central_detail, name="central_detail"),
    path("central/<int:pk>/edit/", central.central_edit, name="central_edit"),
    path("central/<int:pk>/add/", central.central_add, name="central_add"),
    path(
        "central/<int:pk>/lines/<int:line_pk>/remove/",
        central.central_remove,
        name="central_remove",
    ),
    path("central/<int:pk>/send/", central.central_send, name="central_send"),
    path(
        "central/<int:pk>/consultation/open/",
        consultation.consultation_open,
        name="consultation_open",
    ),
    path(
        "central/<int:pk>/consultation/comments/<int:comment_pk>/",
        consultation.consultation_moderate,
        name="consultation_moderate",
    ),
    # Public: the list published for comment (no login).
    path("lay-y-kien/<uuid:token>/", consultation.consultation_public, name="consultation_public"),
    path("central/<int:pk>/result/", central.central_result, name="central_result"),
    path(
        "central/<int:pk>/results/<int:result_pk>/document/",
        central.central_result_document,
        name="central_result_document",
    ),
    path("central/<int:pk>/package/", central.central_package_build, name="central_package_build"),
    path(
        "central/<int:pk>/package/progress/",
        central.central_package_progress,
        name="central_package_progress",
    ),
    path(
        "central/<int:pk>/package/resume/",
        central.central_package_resume,
        name="central_package_resume",
    ),
    path(
        "central/<int:pk>/package/download/",
        central.central_package_download,
        name="central_package_download",
    ),
]
