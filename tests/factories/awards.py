"""Factories for the awards app: catalogue, achievements, nominations, decisions, certificates.

Each builds a valid saved row of its model with the plainest values: nothing
issued, revoked or rendered unless a test asks for it.
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from awards import models as am
from awards.enums import (
    NOMINATION_OPEN_STATES,
    AchievementCategory,
    AwardKind,
    AwardLevel,
    CentralOutcome,
    DossierKind,
    LayoutKind,
    NominationState,
    OverlayFieldName,
    SubjectType,
)
from units.enums import UnitLevel

from .campaign import CampaignFactory
from .units import IndividualFactory, UnitFactory


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.AwardType
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Giấy khen {n}")
    code = factory.Sequence(lambda n: f"giay-khen-{n}")
    kind = AwardKind.COMMENDATION
    level = AwardLevel.BASE
    subject_types = factory.LazyFunction(
        lambda: [SubjectType.INDIVIDUAL, SubjectType.COLLECTIVE, SubjectType.HOUSEHOLD]
    )
    certificate_heading = "GIẤY KHEN"

    @factory.post_generation
    def deciding_levels(self, create, extracted, **kwargs):
        """Authority rows in force since 2000 for these levels (default: department
        and commune heads); ``deciding_levels=[]`` leaves the type without any."""
        if not create:
            return
        levels = [UnitLevel.DEPARTMENT, UnitLevel.COMMUNE] if extracted is None else extracted
        for level in levels:
            AwardAuthorityFactory(award_type=self, issuer_level=level)


class AwardAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.AwardAuthority

    award_type = factory.SubFactory(AwardTypeFactory, deciding_levels=[])
    issuer_level = UnitLevel.DEPARTMENT
    decider = "Giám đốc sở"
    effective_from = datetime.date(2000, 1, 1)
    legal_basis = "Khoản 1 Điều 80 Luật Thi đua, khen thưởng 2022"


class BonusCoefficientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.BonusCoefficient

    award_type = factory.SubFactory(AwardTypeFactory)
    subject_type = SubjectType.INDIVIDUAL
    coefficient = Decimal("0.3")
    effective_from = datetime.date(2025, 7, 1)
    legal_basis = "Nghị định 152/2025/NĐ-CP"


class BaseSalaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.BaseSalary
        django_get_or_create = ("effective_from",)

    amount = 2_340_000
    effective_from = datetime.date(2024, 7, 1)
    legal_basis = "Nghị định 73/2024/NĐ-CP"


class AchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.Achievement

    individual = factory.SubFactory(IndividualFactory)
    owner_unit = factory.LazyAttribute(lambda o: o.individual.unit if o.individual else o.unit)
    campaign = factory.SubFactory(CampaignFactory)
    date = datetime.date(2021, 10, 1)
    category = AchievementCategory.THEMATIC
    title = "Truy vết F0 kịp thời"
    description = "Tham gia truy vết, khoanh vùng ổ dịch trong 24 giờ."


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.Nomination

    individual = factory.SubFactory(IndividualFactory)
    nominating_unit = factory.LazyAttribute(lambda o: o.individual.unit if o.individual else o.unit)
    campaign = factory.SubFactory(CampaignFactory)
    award_type = factory.SubFactory(AwardTypeFactory)
    summary = "Hoàn thành xuất sắc nhiệm vụ phòng, chống dịch."
    state = NominationState.DRAFT
    is_fast_track = False
    # What set_nomination_state would have written for this state.
    is_pinned = factory.LazyAttribute(
        lambda o: o.is_fast_track and o.state in NOMINATION_OPEN_STATES
    )


class AwardDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.AwardDecision

    issuer = factory.SubFactory(UnitFactory, level=UnitLevel.PROVINCE)
    year = 2021
    signed_date = datetime.date(2021, 9, 15)
    place = "Bến Tre"
    signer_name = "Nguyễn Văn Bé"
    signer_title = "PHÓ CHỦ TỊCH"
    signer_authority = "TM. ỦY BAN NHÂN DÂN"
    signer_capacity = "KT. CHỦ TỊCH"
    award_type = factory.SubFactory(AwardTypeFactory)
    citation = "Đã có thành tích xuất sắc trong phong trào thi đua phòng, chống dịch COVID-19"


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.Recipient

    decision = factory.SubFactory(AwardDecisionFactory)
    individual = factory.SubFactory(IndividualFactory)
    amount = 710_000


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.Certificate

    recipient = factory.SubFactory(RecipientFactory)
    serial = factory.Sequence(lambda n: f"BT-2021-{n:06d}")


# --- Evidence, dossier files, layouts, runs and sequences (one factory per model) ----------


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A photo proving an achievement, stored as the upload checks would store it."""

    class Meta:
        model = am.Evidence

    achievement = factory.SubFactory(AchievementFactory)
    file = factory.django.FileField(filename="anh-truy-vet.jpg", data=b"\xff\xd8\xff\xe0 jpeg")
    original_name = "Ảnh truy vết.jpg"
    content_type = "image/jpeg"
    size = 9
    caption = "Tổ truy vết tại ấp 3"


class DossierFileFactory(factory.django.DjangoModelFactory):
    """The proposal letter (tờ trình) of a nomination."""

    class Meta:
        model = am.DossierFile

    nomination = factory.SubFactory(NominationFactory)
    kind = DossierKind.PROPOSAL_LETTER
    file = factory.django.FileField(filename="to-trinh.pdf", data=b"%PDF-1.4 test")
    original_name = "Tờ trình.pdf"
    content_type = "application/pdf"
    size = 13


class CertificateLayoutFactory(factory.django.DjangoModelFactory):
    """A designed layout (printed on white paper), not the default one, no calibration."""

    class Meta:
        model = am.CertificateLayout

    name = factory.Sequence(lambda n: f"Mẫu in {n}")
    kind = LayoutKind.DESIGNED


class OverlayFieldFactory(factory.django.DjangoModelFactory):
    """Where the recipient's name goes on a pre-printed blank."""

    class Meta:
        model = am.OverlayField

    layout = factory.SubFactory(CertificateLayoutFactory, kind=LayoutKind.OVERLAY)
    field = OverlayFieldName.RECIPIENT
    x_mm = Decimal("40")
    y_mm = Decimal("90")


class CertificateRunFactory(factory.django.DjangoModelFactory):
    """A run waiting to start, with nothing to render yet."""

    class Meta:
        model = am.CertificateRun

    decision = factory.SubFactory(AwardDecisionFactory)


class NumberSequenceFactory(factory.django.DjangoModelFactory):
    """A province's decision numbers for 2021, none issued yet."""

    class Meta:
        model = am.NumberSequence

    issuer = factory.SubFactory(UnitFactory, level=UnitLevel.PROVINCE)
    name = "decision"
    year = 2021


class CeremonyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.Ceremony

    decision = factory.SubFactory(AwardDecisionFactory, state="issued", number=1)
    held_at = factory.LazyFunction(timezone.now)
    place = "Hội trường Sở Y tế"
    presented_by = "Trần Văn Minh, Giám đốc Sở Y tế"


# --- Forwarding to the central level ----------------------------------------------------


class CentralSubmissionFactory(factory.django.DjangoModelFactory):
    """A draft tờ trình of a province to the Prime Minister, with no nomination yet."""

    class Meta:
        model = am.CentralSubmission

    issuer = factory.SubFactory(UnitFactory, level=UnitLevel.PROVINCE, document_symbol="UBND")
    subject = "Về việc đề nghị Thủ tướng Chính phủ tặng Bằng khen"
    place = "Bến Tre"
    signer_name = "Trần Ngọc Tam"
    signer_title = "CHỦ TỊCH"


class CentralSubmissionLineFactory(factory.django.DjangoModelFactory):
    """An approved nomination on a draft submission, waiting for its result."""

    class Meta:
        model = am.CentralSubmissionLine

    submission = factory.SubFactory(CentralSubmissionFactory)
    nomination = factory.SubFactory(NominationFactory, state=NominationState.APPROVED)
    outcome = CentralOutcome.PENDING


class CentralResultFactory(factory.django.DjangoModelFactory):
    """A Prime Minister's decision recorded on a submission, without its PDF."""

    class Meta:
        model = am.CentralResult

    submission = factory.SubFactory(CentralSubmissionFactory)
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-TTg")
    decision_date = datetime.date(2025, 12, 1)
    issuer = "Thủ tướng Chính phủ"


class CentralPackageFactory(factory.django.DjangoModelFactory):
    """A package build waiting to start."""

    class Meta:
        model = am.CentralPackage

    submission = factory.SubFactory(CentralSubmissionFactory)


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A draft's list published for comment on 2 March 2026 for 10 working days."""

    class Meta:
        model = am.Consultation

    submission = factory.SubFactory(CentralSubmissionFactory)
    published_on = datetime.date(2026, 3, 2)
    working_days = 10
    closes_on = datetime.date(2026, 3, 16)


class ConsultationCommentFactory(factory.django.DjangoModelFactory):
    """A comment of the public waiting for moderation."""

    class Meta:
        model = am.ConsultationComment

    consultation = factory.SubFactory(ConsultationFactory)
    author_name = "Phạm Văn Dân"
    body = "Tôi đồng ý với đề nghị khen thưởng."
    address_hash = factory.Sequence(lambda n: f"{n:064x}")


# --- Forwarding up the levels -------------------------------------------------------------


class ProposalLetterFactory(factory.django.DjangoModelFactory):
    """A proposal letter as ``forward_nominations`` leaves it (numbered, signed)."""

    class Meta:
        model = am.ProposalLetter

    issuer = factory.SubFactory(UnitFactory, document_symbol="SYT")
    year = 2025
    number = factory.Sequence(lambda n: n + 1)
    symbol = "TTr-SYT"
    signed_date = datetime.date(2025, 9, 10)
    signer_name = "Võ Hoàng Khải"
    signer_lines = factory.LazyFunction(lambda: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])


class NominationStageFactory(factory.django.DjangoModelFactory):
    """An open level of a nomination's route (the province's staff when ``unit`` is None)."""

    class Meta:
        model = am.NominationStage

    nomination = factory.SubFactory(NominationFactory)
    unit = None
    entered_at = factory.LazyFunction(timezone.now)


class NominationImportFactory(factory.django.DjangoModelFactory):
    """An uploaded list of nominations waiting to be checked; pass ``file`` for its
    workbook."""

    class Meta:
        model = am.NominationImport

    campaign = factory.SubFactory(CampaignFactory)
    nominating_unit = factory.SubFactory(UnitFactory)
    original_name = "danh-sach-de-nghi.xlsx"
    file = factory.django.FileField(filename="danh-sach-de-nghi.xlsx", data=b"PK")
