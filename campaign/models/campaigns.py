"""Emulation campaigns (phong trào thi đua), their participants and registrations.

A campaign holds what its launching plan says: the plan's number, symbol, date,
issuer and file, the name, purpose, content items (``content_items``, one
string per item), subject groups, allowed forms, deadlines and span.  An
open-ended span (``end_condition``) is closed later by a closing decision whose
number and date are kept (``closing_number``, ``closing_date``).  ``status`` moves
only through ``campaign.services.campaigns.set_campaign_state``; ``search_name``
(title and plan reference with accents folded) is written by the campaigns service.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.dates import validate_plan_date
from common.fields import ChoiceListField
from common.files import private_name
from common.models import TimeStampedModel, user_reference
from units.enums import IndividualCategory, UnitType

from ..enums import CampaignKind, CampaignStatus


def plan_upload_to(instance, filename):
    return private_name("plans", filename)


#: Quotation marks a slogan may be typed with, at either end of a line.
SLOGAN_QUOTES = "\"'“”‘’«»„"


class Campaign(TimeStampedModel):
    title = models.CharField(_("tên phong trào"), max_length=500)
    # Identity of the launching plan: "2777/KH-UBND"
    plan_number = models.CharField(_("số kế hoạch"), max_length=16, blank=True)
    plan_symbol = models.CharField(
        _("ký hiệu"), max_length=32, blank=True, help_text=_('Ví dụ "KH-UBND".')
    )
    issuing_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="issued_campaigns",
    )
    issue_date = models.DateField(
        _("ngày ban hành"), null=True, blank=True, validators=[validate_plan_date]
    )
    kind = models.CharField(_("loại phong trào"), max_length=16, choices=CampaignKind.choices)
    plan_file = models.FileField(
        _("tệp kế hoạch (PDF)"), upload_to=plan_upload_to, blank=True, max_length=255
    )
    plan_file_name = models.CharField(_("tên tệp kế hoạch"), max_length=255, blank=True)
    search_name = models.CharField(max_length=600, editable=False, default="")

    start_date = models.DateField(_("ngày bắt đầu"), validators=[validate_plan_date])
    end_date = models.DateField(
        _("ngày kết thúc"), null=True, blank=True, validators=[validate_plan_date]
    )
    end_condition = models.CharField(
        _("điều kiện kết thúc"),
        max_length=500,
        blank=True,
        help_text=_(
            "Khi không có ngày kết thúc, ví dụ “đến khi hết dịch bệnh theo công bố của Chính phủ”."
        ),
    )

    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    content = models.TextField(
        _("nội dung thi đua (văn bản chung)"),
        blank=True,
        help_text=_("Đoạn văn chung; từng nội dung thi đua ghi ở danh sách nội dung."),
    )
    content_items = models.JSONField(_("các nội dung thi đua"), default=list, blank=True)
    slogan = models.TextField(_("khẩu hiệu"), blank=True)

    target_unit_types = ChoiceListField(_("đối tượng tập thể"), choices_enum=UnitType)
    target_individual_categories = ChoiceListField(
        _("đối tượng cá nhân"), choices_enum=IndividualCategory
    )
    allowed_award_types = models.ManyToManyField(
        "awards.AwardType",
        verbose_name=_("danh hiệu, hình thức khen thưởng"),
        blank=True,
        related_name="campaigns",
    )
    registration_required = models.BooleanField(_("yêu cầu đăng ký thi đua"), default=False)
    registration_deadline = models.DateField(
        _("hạn đăng ký thi đua"), null=True, blank=True, validators=[validate_plan_date]
    )
    nomination_deadline = models.DateField(
        _("hạn gửi hồ sơ đề nghị"), null=True, blank=True, validators=[validate_plan_date]
    )
    interim_review_date = models.DateField(
        _("ngày sơ kết"), null=True, blank=True, validators=[validate_plan_date]
    )
    final_review_date = models.DateField(
        _("ngày tổng kết"), null=True, blank=True, validators=[validate_plan_date]
    )

    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=CampaignStatus.choices,
        default=CampaignStatus.DRAFT,
        db_index=True,
    )
    closing_number = models.CharField(_("số quyết định kết thúc"), max_length=32, blank=True)
    closing_date = models.DateField(
        _("ngày quyết định kết thúc"), null=True, blank=True, validators=[validate_plan_date]
    )
    participants = models.ManyToManyField(
        "units.Unit",
        verbose_name=_("đơn vị tham gia"),
        blank=True,
        related_name="campaigns",
    )

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="campaign_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def plan_reference(self) -> str:
        """ "2777/KH-UBND", as the plan is cited."""
        if self.plan_number and self.plan_symbol:
            return f"{self.plan_number}/{self.plan_symbol}"
        return self.plan_number or ""

    @property
    def slogan_lines(self) -> list[str]:
        """The slogan's lines without the quotation marks they were typed with: the page
        puts its own around each line."""
        return [
            line.strip().strip(SLOGAN_QUOTES).strip()
            for line in self.slogan.splitlines()
            if line.strip().strip(SLOGAN_QUOTES).strip()
        ]

    @property
    def is_open_ended(self) -> bool:
        return self.end_date is None


class Registration(TimeStampedModel):
    """A unit's emulation registration (đăng ký thi đua) for a campaign, with its targets."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    # The registration's own free-text targets: "other targets" beside the values it sets
    # for the campaign's indicators (``RegistrationTarget``).
    targets = models.TextField(
        _("chỉ tiêu khác"),
        blank=True,
        help_text=_("Chỉ tiêu, mục tiêu khác ngoài các chỉ tiêu của phong trào; mỗi dòng một."),
    )
    intended_award_types = models.ManyToManyField(
        "awards.AwardType",
        verbose_name=_("danh hiệu đăng ký"),
        blank=True,
        related_name="+",
    )
    registered_by = user_reference(_("người đăng ký"))

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="registration_unique")
        ]

    def __str__(self):
        return f"{self.unit} – {self.campaign}"

    @property
    def target_lines(self) -> list[str]:
        return [line.strip() for line in self.targets.splitlines() if line.strip()]
