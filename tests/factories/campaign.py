"""Factories for the campaign app."""

import datetime

import factory

from campaign.enums import CampaignKind, CampaignStatus
from campaign.models import Campaign, Registration
from units.enums import UnitLevel

from .units import UnitFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Phong trào thi đua {n}")
    plan_number = factory.Sequence(lambda n: str(1000 + n))
    plan_symbol = "KH-UBND"
    issuing_unit = factory.SubFactory(UnitFactory, level=UnitLevel.PROVINCE)
    kind = CampaignKind.THEMATIC
    start_date = datetime.date(2021, 9, 1)
    status = CampaignStatus.LAUNCHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    targets = "100% cán bộ tiêm đủ mũi vắc xin"
