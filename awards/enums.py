"""The awards app's choices, and the state tables of its two workflows.

``NOMINATION_TRANSITIONS`` and ``DECISION_TRANSITIONS`` map each state to the
states it may move to; the services that change those states
(``services/nominations.py:set_nomination_state`` and
``services/decisions.py:set_decision_state``) refuse anything else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    COMMENDATION = "commendation", _("Hình thức khen thưởng")
    NON_STATUTORY = "nonstatutory", _("Hình thức biểu dương khác")


class PrintStyle(models.TextChoices):
    """What an award prints for each recipient line once its decision is issued."""

    PROVINCIAL = "provincial", _("Bằng khen (mẫu của tỉnh, bộ, ngành)")
    UNIT = "unit", _("Giấy khen (mẫu của thủ trưởng cơ quan, đơn vị)")
    LETTER = "letter", _("Thư khen (thư do thủ trưởng ký)")
    NONE = "none", _("Không in (chỉ có tiền thưởng)")


class AwardLevel(models.TextChoices):
    """Where in the hierarchy a title or form belongs."""

    STATE = "state", _("Nhà nước, Chính phủ")
    PROVINCE = "province", _("Cấp bộ, ngành, tỉnh")
    BASE = "base", _("Cấp cơ sở")


class SubjectType(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class AchievementCategory(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Chuyên đề")
    AD_HOC = "adhoc", _("Đột xuất")


class NominationState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi")
    IN_REVIEW = "inreview", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Không duyệt")
    WITHDRAWN = "withdrawn", _("Đã rút")
    AWARDED = "awarded", _("Đã khen thưởng")


#: nomination state -> the states it may move to
NOMINATION_TRANSITIONS: dict[str, frozenset[str]] = {
    NominationState.DRAFT: frozenset({NominationState.SUBMITTED, NominationState.WITHDRAWN}),
    NominationState.SUBMITTED: frozenset(
        {
            NominationState.IN_REVIEW,
            NominationState.RETURNED,
            NominationState.APPROVED,
            NominationState.REJECTED,
            NominationState.WITHDRAWN,
        }
    ),
    NominationState.IN_REVIEW: frozenset(
        {NominationState.RETURNED, NominationState.APPROVED, NominationState.REJECTED}
    ),
    NominationState.RETURNED: frozenset({NominationState.SUBMITTED}),
    # Approved → rejected only when the central level declines a form the province
    # forwarded to it (``services/central.py``); staff review never offers it.
    NominationState.APPROVED: frozenset({NominationState.AWARDED, NominationState.REJECTED}),
    NominationState.REJECTED: frozenset(),
    NominationState.WITHDRAWN: frozenset(),
    NominationState.AWARDED: frozenset(),
}

#: Nomination states that wait for the staff's review.  An open fast-track
#: nomination is pinned at the top of the review queue (``Nomination.is_pinned``);
#: one returned to its unit, decided, withdrawn or awarded is not.
NOMINATION_OPEN_STATES = frozenset({NominationState.SUBMITTED, NominationState.IN_REVIEW})

#: nomination transitions that need a written reason
NOMINATION_REASON_REQUIRED = frozenset({NominationState.RETURNED, NominationState.REJECTED})


class StageOutcome(models.TextChoices):
    """How a nomination left a level of its route (``NominationStage``)."""

    FORWARDED = "forwarded", _("Đã trình cấp trên")
    RETURNED = "returned", _("Trả lại cấp dưới")
    DECIDED = "decided", _("Đã xét duyệt xong")
    WITHDRAWN = "withdrawn", _("Đơn vị đề nghị rút hồ sơ")


class DossierKind(models.TextChoices):
    PROPOSAL_LETTER = "proposal", _("Tờ trình đề nghị khen thưởng")
    ACHIEVEMENT_REPORT = "report", _("Báo cáo thành tích")
    COUNCIL_MINUTES = "minutes", _("Biên bản họp Hội đồng Thi đua – Khen thưởng")
    OTHER = "other", _("Tài liệu khác")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    REVOKED = "revoked", _("Đã thu hồi")


#: decision state -> the states it may move to.  A draft is issued once; an issued
#: decision can only be revoked; a revoked decision is final.
DECISION_TRANSITIONS: dict[str, frozenset[str]] = {
    DecisionState.DRAFT: frozenset({DecisionState.ISSUED}),
    DecisionState.ISSUED: frozenset({DecisionState.REVOKED}),
    DecisionState.REVOKED: frozenset(),
}


class RoundingMode(models.TextChoices):
    UP = "up", _("Làm tròn lên hàng chục nghìn")
    NEAREST = "nearest", _("Làm tròn đến hàng chục nghìn gần nhất")


class CertificateState(models.TextChoices):
    VALID = "valid", _("Còn hiệu lực")
    REVOKED = "revoked", _("Đã thu hồi")
    REPLACED = "replaced", _("Đã được thay thế")


class LayoutKind(models.TextChoices):
    DESIGNED = "designed", _("Mẫu thiết kế đầy đủ (in trên giấy trắng)")
    OVERLAY = "overlay", _("Chỉ in nội dung lên phôi in sẵn")


class OverlayFieldName(models.TextChoices):
    """The variable fields printed on a pre-printed blank (phôi)."""

    RECIPIENT = "recipient", _("Ông/Bà, tên người hoặc tập thể")
    POSITION = "position", _("Chức vụ, đơn vị")
    CITATION = "citation", _("Lý do khen thưởng")
    PLACE_DATE = "placedate", _("Địa danh, ngày tháng")
    SIGNER = "signer", _("Người ký")
    DECISION = "decision", _("Số, ngày quyết định")
    REGISTER = "register", _("Số sổ vàng")
    SERIAL = "serial", _("Số hiệu")
    QR = "qr", _("Mã QR xác minh")


class RunState(models.TextChoices):
    """A certificate run's states: the values of ``common.enums.JobState``, in its own words."""

    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Hoàn tất")
    FAILED = "failed", _("Lỗi")


class CentralAddressee(models.TextChoices):
    """Who decides the forms the province forwards (khen cao), as the tờ trình addresses them."""

    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    PRESIDENT = "president", _("Chủ tịch nước")


class SubmissionState(models.TextChoices):
    """A central submission (đợt trình khen cấp nhà nước)."""

    DRAFT = "draft", _("Dự thảo")
    SENT = "sent", _("Đã trình, chờ kết quả")
    PARTLY = "partly", _("Đã có kết quả một phần")
    DONE = "done", _("Đã có kết quả")


#: submission state -> the states it may move to.  A draft is sent once (and numbered);
#: each recorded result moves it to "partly" while some lines still wait, to "done"
#: once every line has its outcome.  Nothing is revoked.
SUBMISSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SubmissionState.DRAFT: frozenset({SubmissionState.SENT}),
    SubmissionState.SENT: frozenset({SubmissionState.PARTLY, SubmissionState.DONE}),
    SubmissionState.PARTLY: frozenset({SubmissionState.PARTLY, SubmissionState.DONE}),
    SubmissionState.DONE: frozenset(),
}


class CentralOutcome(models.TextChoices):
    """What the central level decided for one forwarded nomination."""

    PENDING = "pending", _("Chờ kết quả")
    AWARDED = "awarded", _("Được khen")
    NOT_AWARDED = "not_awarded", _("Không được khen")


class CommentState(models.TextChoices):
    """A public comment on a consultation: held until the staff publish or hide it."""

    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã công khai")
    HIDDEN = "hidden", _("Không công khai")
