"""Factories for the awards app: catalogue, achievements, nominations, decisions, certificates."""

import datetime
from decimal import Decimal

import factory

from awards import models as am
from awards.enums import AchievementCategory, AwardKind, AwardLevel, SubjectType
from units.enums import UnitLevel

from .campaign import CampaignFactory
from .units import IndividualFactory, UnitFactory


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.AwardType
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Giấy khen {n}")
    code = factory.Sequence(lambda n: f"giay-khen-{n}")
    kind = AwardKind.COMMENDATION
    level = AwardLevel.BASE
    subject_types = factory.LazyFunction(
        lambda: [SubjectType.INDIVIDUAL, SubjectType.COLLECTIVE, SubjectType.HOUSEHOLD]
    )
    deciding_levels = factory.LazyFunction(lambda: [UnitLevel.DEPARTMENT, UnitLevel.COMMUNE])
    certificate_heading = "GIẤY KHEN"


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
