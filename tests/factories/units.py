"""Factories for the units app: units, individuals, officers, councils."""

import factory

from units.enums import Gender, IndividualCategory, UnitLevel, UnitType
from units.models import Council, CouncilMembership, Individual, OfficerMembership, Unit

from .auth import UserFactory


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    code = factory.Sequence(lambda n: f"dv-{n}")
    unit_type = UnitType.STATE_AGENCY
    level = UnitLevel.DEPARTMENT


class IndividualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Individual

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thành {n}")
    gender = Gender.MALE
    category = IndividualCategory.CIVIL_SERVANT
    unit = factory.SubFactory(UnitFactory)


class OfficerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficerMembership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = "Hội đồng Thi đua – Khen thưởng tỉnh"
    unit = factory.SubFactory(UnitFactory, level=UnitLevel.PROVINCE)


class CouncilMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMembership

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)
