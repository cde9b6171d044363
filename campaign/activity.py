"""The activity-log actions of the campaign app, each with the label history pages show.

Services log with these constants, never with a literal code.  The codes are
stored in the log, so a code, once used, keeps its spelling.
"""

from django.utils.translation import gettext_lazy as _

from common.activity import action

# --- Campaigns --------------------------------------------------------------------------
CAMPAIGN_CREATE = action("campaign.created", _("Tạo phong trào thi đua"))
CAMPAIGN_UPDATE = action("campaign.updated", _("Sửa phong trào thi đua"))
CAMPAIGN_STATE = action("campaign.state", _("Chuyển trạng thái phong trào thi đua"))
INDICATORS_UPDATE = action("campaign.indicators", _("Sửa chỉ tiêu của phong trào"))
LAUNCH_CREATE = action("launch.created", _("Phát động phong trào tới các đơn vị"))
LAUNCH_DONE = action("launch.done", _("Gửi xong công văn phát động và thông báo"))
LAUNCH_RETRY = action("launch.retried", _("Chạy lại đợt phát động"))

# --- Reporting rounds and progress reports ------------------------------------------------
ROUND_OPEN = action("round.opened", _("Mở kỳ báo cáo"))
ROUND_LOCK = action("round.locked", _("Khóa kỳ báo cáo"))
REPORT_SUBMIT = action("report.submitted", _("Gửi báo cáo kết quả"))
REPORT_UPDATE = action("report.updated", _("Sửa báo cáo kết quả"))

# --- Registrations ----------------------------------------------------------------------
REGISTRATION_CREATE = action("registration.created", _("Đăng ký thi đua"))
REGISTRATION_UPDATE = action("registration.updated", _("Sửa đăng ký thi đua"))

# --- Reminders --------------------------------------------------------------------------
REMINDER_RETRY = action("reminder.retry", _("Gửi lại thư nhắc việc gửi lỗi"))
REMINDER_RULE_SEND_NOW = action("reminder_rule.send_now", _("Gửi ngay theo quy tắc nhắc việc"))

# --- Notices (công văn đôn đốc) ----------------------------------------------------------
NOTICE_BATCH_CREATE = action("notices.created", _("Lập đợt công văn đôn đốc"))
NOTICE_BATCH_RENDER = action("notices.rendered", _("Tạo xong tệp công văn đôn đốc"))
NOTICE_BATCH_RETRY = action("notices.retried", _("Tạo lại công văn đôn đốc"))

# --- Reviews (sơ kết, tổng kết) ------------------------------------------------------------
REVIEW_OPEN = action("review.opened", _("Lập báo cáo sơ kết, tổng kết"))
REVIEW_DONE = action("review.done", _("Tạo xong báo cáo sơ kết, tổng kết"))
REVIEW_RETRY = action("review.retried", _("Tạo lại báo cáo sơ kết, tổng kết"))
