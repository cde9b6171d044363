from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Chuyên đề, theo đợt")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã kết thúc")


#: Where a campaign may go from each state.  A launched campaign may be launched again:
#: that adds participating units (each unit is told once), it does not change the state.
CAMPAIGN_TRANSITIONS = {
    CampaignStatus.DRAFT: {CampaignStatus.LAUNCHED},
    CampaignStatus.LAUNCHED: {CampaignStatus.CLOSED},
    CampaignStatus.CLOSED: set(),
}


class IndicatorKind(models.TextChoices):
    """How an indicator's figures are written: a count or an amount of money (đồng)."""

    NUMBER = "number", _("Số lượng")
    MONEY = "money", _("Số tiền")


class RoundKind(models.TextChoices):
    """How often a campaign's units report their progress."""

    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")
    AD_HOC = "ad_hoc", _("Đột xuất")


class ReminderKind(models.TextChoices):
    """What a reminder rule looks for.  Offsets are days, except for fast track (hours)."""

    NOMINATION_DEADLINE = "nomination_deadline", _("Sắp đến hạn gửi hồ sơ đề nghị")
    REGISTRATION_DEADLINE = "registration_deadline", _("Sắp đến hạn đăng ký thi đua")
    RETURNED_NOMINATION = "returned_nomination", _("Hồ sơ bị trả lại chưa gửi lại")
    SUBMITTED_WAITING = "submitted_waiting", _("Hồ sơ chờ thẩm định quá lâu")
    FAST_TRACK_ESCALATION = "fast_track_escalation", _("Hồ sơ khen đột xuất chưa xử lý")
    REVIEW_REPORT = "review_report", _("Sắp đến ngày sơ kết, tổng kết")
    PROGRESS_REPORT = "progress_report", _("Đơn vị chưa báo cáo kết quả trong kỳ báo cáo")

    @property
    def offsets_in_hours(self) -> bool:
        return self is ReminderKind.FAST_TRACK_ESCALATION

    @property
    def is_deadline_chaser(self) -> bool:
        """Chasers are emailed at once whatever the recipient's email preference."""
        return self in (
            ReminderKind.NOMINATION_DEADLINE,
            ReminderKind.REGISTRATION_DEADLINE,
            ReminderKind.PROGRESS_REPORT,
        )

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The names a rule of this kind may write as ``{{ name }}`` in its wording."""
        return COMMON_PLACEHOLDERS + KIND_PLACEHOLDERS[self]


#: What each wording placeholder stands for.  Every value is plain text or a number, never a
#: model object, so a wording edited in the admin can print nothing else.
PLACEHOLDER_LABELS = {
    "nguoi_nhan": _("họ tên người nhận"),
    "don_vi": _("tên đơn vị"),
    "phong_trao": _("tên phong trào"),
    "so_ke_hoach": _("số, ký hiệu kế hoạch phát động (có thể trống)"),
    "duong_dan": _("đường dẫn trên cổng"),
    "han_chot": _("ngày hạn, dạng 20/03/2026"),
    "so_ngay_con_lai": _("số ngày còn lại đến hạn"),
    "ky_bao_cao": _("“sơ kết” hoặc “tổng kết”"),
    "dot_bao_cao": _("tên kỳ báo cáo, ví dụ “Quý I/2021”"),
    "ho_so": _("hồ sơ: tên người hoặc tập thể – danh hiệu"),
    "so_ngay_cho": _("số ngày hồ sơ đã chờ"),
    "so_gio_cho": _("số giờ hồ sơ đã chờ"),
}
COMMON_PLACEHOLDERS = ("nguoi_nhan", "don_vi", "phong_trao", "so_ke_hoach", "duong_dan")
KIND_PLACEHOLDERS = {
    ReminderKind.NOMINATION_DEADLINE: ("han_chot", "so_ngay_con_lai"),
    ReminderKind.REGISTRATION_DEADLINE: ("han_chot", "so_ngay_con_lai"),
    ReminderKind.REVIEW_REPORT: ("han_chot", "so_ngay_con_lai", "ky_bao_cao"),
    ReminderKind.PROGRESS_REPORT: ("han_chot", "so_ngay_con_lai", "dot_bao_cao"),
    ReminderKind.RETURNED_NOMINATION: ("ho_so", "so_ngay_cho"),
    ReminderKind.SUBMITTED_WAITING: ("ho_so", "so_ngay_cho"),
    ReminderKind.FAST_TRACK_ESCALATION: ("ho_so", "so_ngay_cho", "so_gio_cho"),
}


class ReminderChannel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử ngay")
    DIGEST = "digest", _("Thư tổng hợp hằng ngày")
    IN_APP = "in_app", _("Chỉ trên cổng")


class ReminderState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", pgettext_lazy("reminder state", "Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


class NoticeBatchState(models.TextChoices):
    PENDING = "pending", _("Chờ tạo")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã tạo xong")
    FAILED = "failed", _("Lỗi")


class ReviewKind(models.TextChoices):
    """A campaign's reviews: interim ones along the way, at most one final one."""

    INTERIM = "interim", _("Sơ kết")
    FINAL = "final", _("Tổng kết")
