"""Every activity-log action of the awards app, with the label its history shows.

The code strings are what the log rows store: they never change, so rows written
by an older release keep their labels.  Services log with these constants only.
"""

from django.utils.translation import gettext_lazy as _

from common.activity import action
from common.excel.jobs import ImportStage

from .enums import CommentState, RunState, SubmissionState

NOMINATION_STATE = action("nomination.state", _("Chuyển trạng thái hồ sơ"))
NOMINATION_FORWARD = action("nomination.forward", _("Trình cấp trên"))
NOMINATION_RETURN_LEVEL = action("nomination.return_level", _("Trả lại cấp dưới"))
NOMINATION_IMPORT_WRITE = action(
    "nomination_import.write", _("Nhập danh sách đề nghị từ Excel"), states=ImportStage
)

DECISION_CREATE = action("decision.create", _("Lập dự thảo"))
DECISION_EDIT = action("decision.edit", _("Sửa thông tin"))
DECISION_ADD_RECIPIENTS = action("decision.add_recipients", _("Thêm người, tập thể"))
DECISION_REMOVE_RECIPIENT = action("decision.remove_recipient", _("Bỏ khỏi danh sách"))
DECISION_AWAIT_ISSUE = action("decision.await_issue", _("Khen thưởng ngay: chờ lãnh đạo ban hành"))
DECISION_ISSUE = action("decision.issue", _("Ban hành"))
DECISION_REVOKE_RECIPIENT = action("decision.revoke_recipient", _("Thu hồi một dòng"))
DECISION_REVOKE = action("decision.revoke", _("Thu hồi quyết định"))
CEREMONY_RECORD = action("ceremony.record", _("Ghi nhận trao thưởng"))

CERTIFICATE_REVOKE = action("certificate.revoke", _("Thu hồi bằng, giấy khen"))
CERTIFICATE_REISSUE = action("certificate.reissue", _("Cấp lại bằng, giấy khen"))
# A certificate run is logged on its decision, with the run's states.
CERTIFICATES_READY = action("certificates.ready", _("Đã tạo bằng, giấy khen"), states=RunState)
CERTIFICATES_RESUME = action(
    "certificates.resume", _("Tiếp tục tạo bằng, giấy khen"), states=RunState
)

# A central submission (đợt trình khen cấp nhà nước) and its package.
CENTRAL_CREATE = action("central.create", _("Lập dự thảo tờ trình"), states=SubmissionState)
CENTRAL_EDIT = action("central.edit", _("Sửa tờ trình"), states=SubmissionState)
CENTRAL_ADD = action("central.add", _("Thêm hồ sơ vào tờ trình"), states=SubmissionState)
CENTRAL_REMOVE = action("central.remove", _("Bỏ hồ sơ khỏi tờ trình"), states=SubmissionState)
CENTRAL_SEND = action("central.send", _("Trình cấp trên (khen cao)"), states=SubmissionState)
CENTRAL_RESULT = action("central.result", _("Ghi nhận kết quả khen cao"), states=SubmissionState)
# Logged on each nomination carried by a submission.
NOMINATION_FORWARDED = action("nomination.central_forwarded", _("Trình khen cấp nhà nước"))
CENTRAL_PACKAGE_RESUME = action(
    "central.package_resume", _("Tiếp tục tạo bộ hồ sơ trình"), states=RunState
)
CONSULTATION_OPEN = action("central.consultation", _("Công khai lấy ý kiến nhân dân"))
CONSULTATION_MODERATE = action(
    "central.consultation_comment", _("Duyệt góp ý của nhân dân"), states=CommentState
)
