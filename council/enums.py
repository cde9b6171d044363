"""The council app's choices, and the state table of a council session.

``SESSION_TRANSITIONS`` maps each session state to the states it may move to;
``services/sessions.py`` and ``services/closing.py`` refuse anything else.  A
closed session is final: a correction is a new session.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VoteMethod(models.TextChoices):
    SECRET_BALLOT = "secret", _("Bỏ phiếu kín")
    SHOW_OF_HANDS = "hands", _("Biểu quyết giơ tay")
    NO_VOTE = "none", _("Không biểu quyết")


class Denominator(models.TextChoices):
    """What the threshold is counted on."""

    ALL_MEMBERS = "all", _("Tổng số thành viên Hội đồng")
    PRESENT = "present", _("Số thành viên dự họp")


class Comparison(models.TextChoices):
    """How the share of "agree" meets the threshold: "từ 90% trở lên" takes exactly 90 %,
    "trên 50%" does not take exactly 50 %."""

    AT_LEAST = "atleast", _("Từ … trở lên (bằng ngưỡng là đạt)")
    MORE_THAN = "morethan", _("Trên … (bằng ngưỡng là không đạt)")


class SessionState(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đã triệu tập")
    CLOSED = "closed", _("Đã kết thúc")


#: session state -> the states it may move to.  A draft is opened once (members are
#: notified); an open session is closed once (results computed, nominations moved).
SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionState.DRAFT: frozenset({SessionState.OPEN}),
    SessionState.OPEN: frozenset({SessionState.CLOSED}),
    SessionState.CLOSED: frozenset(),
}


class Choice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    # The same words name a method ("no vote needed"): a context of its own in English.
    ABSTAIN = "abstain", pgettext_lazy("ballot choice", "Không biểu quyết")


class VoteSource(models.TextChoices):
    """Where a vote came from: the member's own e-ballot, or the written opinion of an
    absent member that the secretary recorded (marked as such in the tally)."""

    ELECTRONIC = "e", _("Phiếu điện tử")
    WRITTEN = "written", _("Ý kiến bằng văn bản của thành viên vắng mặt")


class BallotKind(models.TextChoices):
    """What a member did on an item (never how they voted)."""

    VOTED = "voted", _("Đã bỏ phiếu")
    RECUSED = "recused", _("Không tham gia do có xung đột lợi ích")
    WRITTEN = "written", _("Gửi ý kiến bằng văn bản")


class ItemOutcome(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    PASSED = "passed", _("Đạt")
    FAILED = "failed", _("Không đạt")
    SKIPPED = "skipped", _("Không xét (hồ sơ đã thay đổi)")
