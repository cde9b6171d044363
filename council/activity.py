"""The activity-log actions of the council app, each with the label history pages show.

Casting, changing or counting a vote is never logged: a log row's time would tie a
vote to whoever acted then (``models`` module docstring).  Recusals are public (the
minutes name them) and are logged.
"""

from django.utils.translation import gettext_lazy as _

from common.activity import action

from .enums import SessionState

SESSION_CREATE = action("council_session.created", _("Lập phiên họp Hội đồng"))
SESSION_UPDATE = action("council_session.updated", _("Sửa phiên họp Hội đồng"))
SESSION_AGENDA = action("council_session.agenda", _("Sửa nội dung xét của phiên họp"))
SESSION_MATERIAL = action("council_session.material", _("Thêm tài liệu phiên họp"))
SESSION_STATE = action(
    "council_session.state", _("Đổi trạng thái phiên họp Hội đồng"), states=SessionState
)
SESSION_RECUSAL = action(
    "council_session.recusal", _("Thành viên không tham gia do xung đột lợi ích")
)
SESSION_WRITTEN_VOTE = action(
    "council_session.written_vote", _("Ghi nhận ý kiến bằng văn bản của thành viên vắng mặt")
)
SESSION_PAPER_COUNT = action("council_session.paper_count", _("Nhập số phiếu giấy"))
SESSION_ATTENDANCE = action("council_session.attendance", _("Ghi nhận thành viên dự họp"))
MINUTES_RETRY = action("council_session.minutes_retry", _("Tạo lại biên bản họp Hội đồng"))
