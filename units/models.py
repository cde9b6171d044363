"""Units (collectives), individuals, and the people who act for them."""

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import validate_birth_date, validate_history_date
from common.excel.jobs import ImportJob
from common.files import private_name
from common.models import TimeStampedModel, user_reference
from common.text import fold

from .enums import (
    CouncilRole,
    Gender,
    IndividualCategory,
    OfficerRole,
    SignerKind,
    UnitLevel,
    UnitType,
)


def _with_derived_field(save_kwargs, sources, derived):
    """Add ``derived`` to a ``save(update_fields=...)`` that writes one of ``sources``."""
    fields = save_kwargs.get("update_fields")
    if fields is not None and sources & set(fields):
        save_kwargs = {**save_kwargs, "update_fields": {*fields, derived}}
    return save_kwargs


class UnitQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Unit(TimeStampedModel):
    """A collective: an agency, organisation, armed-forces unit or commune.

    Units form a tree (``parent``) that changes over time: a unit is valid
    between ``valid_from`` and ``valid_to``, and a merged unit points to its
    ``successor``.  ``path`` is the materialised path of primary keys
    ("/1/4/17/"), so "this unit and every unit below it" is one indexed
    prefix query.
    """

    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    code = models.SlugField(_("mã đơn vị"), max_length=32, unique=True)
    unit_type = models.CharField(_("loại hình"), max_length=24, choices=UnitType.choices)
    level = models.CharField(_("cấp"), max_length=16, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    has_legal_status = models.BooleanField(
        _("có tư cách pháp nhân"),
        default=True,
        help_text=_(
            "Bỏ chọn cho khoa, phòng, tổ… trực thuộc không có tư cách pháp nhân: thủ trưởng "
            "của đơn vị như vậy không quyết định khen thưởng (Luật Thi đua, khen thưởng 2022, "
            "điều 80); hồ sơ của đơn vị đi lên đơn vị có tư cách pháp nhân phía trên."
        ),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    search_name = models.CharField(max_length=500, editable=False, default="")
    issuer_name = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=255,
        blank=True,
        help_text=_('Dòng tên cơ quan trên văn bản, ví dụ "ỦY BAN NHÂN DÂN TỈNH BẾN TRE".'),
    )
    document_symbol = models.CharField(
        _("ký hiệu cơ quan"),
        max_length=32,
        blank=True,
        help_text=_('Phần ký hiệu sau loại văn bản, ví dụ "UBND" trong "12/QĐ-UBND".'),
    )
    place_name = models.CharField(
        _("địa danh"), max_length=64, blank=True, help_text=_('Ví dụ "Bến Tre".')
    )
    head_title = models.CharField(
        _("chức danh người đứng đầu"),
        max_length=64,
        blank=True,
        help_text=_(
            'In hoa, như trên văn bản: "CHỦ TỊCH", "GIÁM ĐỐC", "HIỆU TRƯỞNG". '
            'Để trống: "THỦ TRƯỞNG".'
        ),
    )
    letterhead_parent = models.CharField(
        _("dòng cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_(
            'Dòng in phía trên tên cơ quan ban hành, ví dụ "UBND TỈNH BẾN TRE" phía trên '
            '"SỞ Y TẾ". Để trống nếu không có (Ủy ban nhân dân in tên thành hai dòng).'
        ),
    )
    collective_leadership = models.BooleanField(
        _("làm việc theo chế độ tập thể"),
        default=False,
        help_text=_(
            'Ủy ban nhân dân: người ký ghi "TM. ỦY BAN NHÂN DÂN". Bỏ chọn với cơ quan làm '
            "việc theo chế độ thủ trưởng (sở, bệnh viện, trường học)."
        ),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    valid_from = models.DateField(
        _("hiệu lực từ"), null=True, blank=True, validators=[validate_history_date]
    )
    valid_to = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, validators=[validate_history_date]
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("Đơn vị tiếp nhận khi sáp nhập, hợp nhất."),
    )

    hidden_from_public = models.BooleanField(
        _("ẩn khỏi bảng vàng"),
        default=False,
        editable=False,
        help_text=_("Đổi qua trang quản lý hiển thị công khai (ghi nhật ký, có lý do)."),
    )
    hidden_reason = models.TextField(_("lý do ẩn khỏi bảng vàng"), blank=True, editable=False)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 2, 0)

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def descendants(self, *, include_self=True):
        units = Unit.objects.filter(path__startswith=self.path)
        return units if include_self else units.exclude(pk=self.pk)

    def ancestors(self, *, include_self=False):
        ids = [int(p) for p in self.path.strip("/").split("/") if p]
        if not include_self:
            ids = ids[:-1]
        return Unit.objects.filter(pk__in=ids)

    def save(self, *args, **kwargs):
        # ``search_name`` and ``path`` are derived data, kept in step here
        # because every writer needs them (admin, loaders, services alike).
        self.search_name = fold(f"{self.name} {self.short_name}")
        kwargs = _with_derived_field(kwargs, {"name", "short_name"}, "search_name")
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            self.path = new_path
            Unit.objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path) :]
                    Unit.objects.filter(pk=child.pk).update(path=child.path)


class UnitSignerQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class UnitSigner(TimeStampedModel):
    """A person who signs a unit's documents, for a period: its head, a deputy, or the
    head of a division signing by order.  What the signature block prints comes from
    ``selectors.signature_block``; an issued document keeps its own copy of the text."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="signers"
    )
    full_name = models.CharField(_("họ và tên"), max_length=128)
    position = models.CharField(
        _("chức vụ"),
        max_length=128,
        help_text=_('In hoa, như trên văn bản: "PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG".'),
    )
    kind = models.CharField(
        _("thẩm quyền ký"), max_length=16, choices=SignerKind.choices, default=SignerKind.HEAD
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signer_roles",
        help_text=_("Tài khoản của chính người ký, nếu có."),
    )
    valid_from = models.DateField(
        _("từ ngày"), null=True, blank=True, validators=[validate_history_date]
    )
    valid_to = models.DateField(
        _("đến ngày"), null=True, blank=True, validators=[validate_history_date]
    )

    history = HistoricalRecords()
    objects = UnitSignerQuerySet.as_manager()

    class Meta:
        verbose_name = _("người ký văn bản")
        verbose_name_plural = _("người ký văn bản")
        ordering = ["unit", "full_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_signer_validity_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.position}"

    def is_in_force_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.")
)


class Individual(TimeStampedModel):
    full_name = models.CharField(_("họ và tên"), max_length=128)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    date_of_birth = models.DateField(
        _("ngày sinh"), null=True, blank=True, validators=[validate_birth_date]
    )
    category = models.CharField(_("đối tượng"), max_length=24, choices=IndividualCategory.choices)
    position = models.CharField(_("chức vụ"), max_length=128, blank=True)
    is_leader = models.BooleanField(
        _("lãnh đạo, quản lý"),
        default=False,
        help_text=_("Để thống kê tỷ lệ khen thưởng người lao động trực tiếp."),
    )
    is_household = models.BooleanField(
        _("đại diện hộ gia đình"),
        default=False,
        help_text=_("Khen thưởng hộ gia đình: ghi tên chủ hộ."),
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="individuals"
    )
    citizen_id = models.CharField(
        _("số CCCD"),
        max_length=12,
        null=True,
        blank=True,
        validators=[citizen_id_validator],
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    search_name = models.CharField(max_length=128, editable=False, default="")
    hidden_from_public = models.BooleanField(
        _("ẩn khỏi bảng vàng"),
        default=False,
        editable=False,
        help_text=_("Đổi qua trang quản lý hiển thị công khai (ghi nhật ký, có lý do)."),
    )
    hidden_reason = models.TextField(_("lý do ẩn khỏi bảng vàng"), blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["citizen_id"])

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=Q(citizen_id__isnull=False),
                name="individual_citizen_id_unique",
                violation_error_message=_("Số CCCD này đã có trong hệ thống."),
            ),
            models.CheckConstraint(
                condition=~Q(citizen_id=""), name="individual_citizen_id_not_empty"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def name_with_unit(self) -> str:
        """ "Nguyễn Văn Đạt – Sở Y tế": tells namesakes apart in a list (loads the unit)."""
        return f"{self.full_name} – {self.unit.name}"

    def clean(self):
        # A blank form value means "unknown": store NULL so uniqueness ignores it.
        if not self.citizen_id:
            self.citizen_id = None

    def save(self, *args, **kwargs):
        # Derived: the name without diacritics, for accent-insensitive search.
        self.search_name = fold(self.full_name)
        kwargs = _with_derived_field(kwargs, {"full_name"}, "search_name")
        super().save(*args, **kwargs)


class OfficerMembership(TimeStampedModel):
    """A user who acts for a unit (and, through the tree, for the units below it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="officer_memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="officers"
    )
    role = models.CharField(
        _("vai trò"), max_length=16, choices=OfficerRole.choices, default=OfficerRole.OFFICER
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cán bộ đơn vị")
        verbose_name_plural = _("cán bộ đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="officer_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.unit} ({self.get_role_display()})"


class Council(TimeStampedModel):
    """An emulation and commendation council (Hội đồng Thi đua – Khen thưởng)."""

    name = models.CharField(_("tên hội đồng"), max_length=255)
    unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="councils"
    )
    established_by = models.CharField(
        _("số quyết định thành lập"),
        max_length=128,
        blank=True,
        help_text=_('Ví dụ "1234/QĐ-UBND".'),
    )
    established_on = models.DateField(
        _("ngày quyết định thành lập"),
        null=True,
        blank=True,
        validators=[validate_history_date],
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("hội đồng thi đua – khen thưởng")

    def __str__(self):
        return self.name


class CouncilMembership(TimeStampedModel):
    """A user's seat on a council, with its role, between ``start_date`` and ``end_date``
    (empty: open).  The chair, vice-chairs, standing and ordinary members vote
    (``enums.VOTING_COUNCIL_ROLES``); the secretary (thư ký) keeps the sessions."""

    council = models.ForeignKey(
        Council, verbose_name=_("hội đồng"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="council_memberships",
    )
    role = models.CharField(
        _("vai trò"), max_length=16, choices=CouncilRole.choices, default=CouncilRole.MEMBER
    )
    position = models.CharField(_("chức vụ chính quyền"), max_length=255, blank=True)
    start_date = models.DateField(
        _("từ ngày"), null=True, blank=True, validators=[validate_history_date]
    )
    end_date = models.DateField(
        _("đến ngày"), null=True, blank=True, validators=[validate_history_date]
    )

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="council_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.council}"


class StaffImport(ImportJob):
    """A unit's staff list (danh sách cán bộ) uploaded as Excel: each row an
    :class:`Individual` of ``unit``, created, or updated when already there (matched on
    the ID number, or on the name and date of birth within the unit)."""

    task_name = "units.run_staff_import"
    task_argument = "import_id"

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="staff_imports"
    )

    class Meta(ImportJob.Meta):
        verbose_name = _("lần nhập danh sách cán bộ")
        verbose_name_plural = _("lần nhập danh sách cán bộ")


def photo_upload_to(instance, filename):
    return private_name("public-photos", filename)


class PhotoConsent(TimeStampedModel):
    """A person's consent to show their photo on the public honour board (Decree
    13/2023/NĐ-CP): the photo, what the consent rests on, who recorded it and when
    (``created_at``).  Withdrawing it keeps the row (``withdrawn_at``, who, why) as the
    record; a person has at most one consent in force.  Written only by
    ``units.services.publicity``."""

    individual = models.ForeignKey(
        Individual,
        verbose_name=_("cá nhân"),
        on_delete=models.CASCADE,
        related_name="photo_consents",
    )
    photo = models.ImageField(_("ảnh"), upload_to=photo_upload_to, max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=64)
    basis = models.CharField(
        _("căn cứ đồng ý"),
        max_length=255,
        help_text=_("Ví dụ “Phiếu đồng ý ký ngày 10/9/2021, lưu tại văn phòng đơn vị”."),
    )
    recorded_by = user_reference(_("người ghi nhận"))
    withdrawn_at = models.DateTimeField(_("rút lại lúc"), null=True, blank=True)
    withdrawn_by = user_reference(_("người ghi nhận rút lại"))
    withdrawn_reason = models.TextField(_("lý do rút lại"), blank=True)

    class Meta:
        verbose_name = _("đồng ý công khai ảnh")
        verbose_name_plural = _("đồng ý công khai ảnh")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["individual"],
                condition=Q(withdrawn_at__isnull=True),
                name="photo_consent_one_in_force",
                violation_error_message=_("Người này đã có một đồng ý công khai ảnh."),
            )
        ]

    def __str__(self):
        return f"{self.individual} – {self.created_at:%d/%m/%Y}" if self.created_at else ""

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None
