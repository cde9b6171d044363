from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitType(models.TextChoices):
    """The collectives Plan 2777 addresses ("Đối tượng thi đua là tập thể ...")."""

    PARTY_AGENCY = "party", _("Cơ quan Đảng")
    STATE_AGENCY = "state", _("Cơ quan Nhà nước")
    FATHERLAND_FRONT = "front", _("Ủy ban MTTQ Việt Nam")
    SOCIO_POLITICAL = "sociopolitical", _("Tổ chức chính trị - xã hội")
    SOCIO_PROFESSIONAL = "socioprofessional", _("Tổ chức xã hội nghề nghiệp")
    POLICE = "police", _("Đơn vị công an")
    MILITARY = "military", _("Đơn vị quân sự")
    BORDER_GUARD = "border", _("Đơn vị biên phòng")
    PUBLIC_SERVICE = "publicservice", _("Đơn vị sự nghiệp")
    ECONOMIC = "economic", _("Tổ chức kinh tế")
    COMMUNE = "commune", _("Xã, phường, đặc khu")


class UnitLevel(models.TextChoices):
    """Where a unit sits in the administration; decides what its head may award."""

    PROVINCE = "province", _("Cấp tỉnh")
    DEPARTMENT = "department", _("Cấp sở, ban, ngành")
    DISTRICT = "district", _("Cấp huyện (đến 30/6/2025)")
    COMMUNE = "commune", _("Cấp xã")
    BASE = "base", _("Đơn vị cơ sở, trực thuộc")


class IndividualCategory(models.TextChoices):
    """The individuals Plan 2777 addresses ("Cá nhân là cán bộ, công chức ...")."""

    CADRE = "cadre", _("Cán bộ")
    CIVIL_SERVANT = "civilservant", _("Công chức")
    PUBLIC_EMPLOYEE = "publicemployee", _("Viên chức")
    SOLDIER = "soldier", _("Chiến sĩ lực lượng vũ trang")
    ARMED_OFFICER = "officer", _("Sĩ quan lực lượng vũ trang")
    WORKER = "worker", _("Người lao động")
    CITIZEN = "citizen", _("Nhân dân")


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class OfficerRole(models.TextChoices):
    """What a member does for a unit: the emulation officer prepares (records, nominates,
    prepares the review); the head or a deputy decides the unit's review and forwards
    dossiers upward (trình cấp trên)."""

    OFFICER = "officer", _("Cán bộ phụ trách thi đua")
    HEAD = "head", _("Thủ trưởng đơn vị")
    DEPUTY = "deputy", _("Cấp phó")


#: The roles that lead a unit: they approve and forward at its level.
LEADER_ROLES = frozenset({OfficerRole.HEAD, OfficerRole.DEPUTY})


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vicechair", _("Phó Chủ tịch Hội đồng")
    STANDING = "standing", _("Ủy viên thường trực")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký")


#: The council roles that vote (the secretary keeps the session and does not).
VOTING_COUNCIL_ROLES = frozenset(
    {CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.STANDING, CouncilRole.MEMBER}
)


class SignerKind(models.TextChoices):
    """How a person signs a unit's documents (Decree 30/2020/NĐ-CP, Appendix I).

    The head signs in their own title (a body under collective leadership adds
    "TM." and the body's name above it); a deputy signs "KT." for the head; the
    head of a division signs "TL." (by order of) the head.
    """

    HEAD = "head", _("Người đứng đầu")
    DEPUTY = "deputy", _("Cấp phó ký thay (KT.)")
    BY_ORDER = "by_order", _("Ký thừa lệnh (TL.)")
