"""What awards/selectors.py assumes about the campaign app, which it does not import."""

import pytest

from awards.selectors import CAMPAIGN_DRAFT, CAMPAIGN_LAUNCHED, campaign_model, open_campaigns
from campaign.enums import CampaignStatus
from campaign.models import Campaign
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_the_campaign_model_comes_from_the_foreign_key():
    assert campaign_model() is Campaign


def test_the_statuses_awards_relies_on_are_the_campaign_apps_own():
    assert (CAMPAIGN_DRAFT, CAMPAIGN_LAUNCHED) == (CampaignStatus.DRAFT, CampaignStatus.LAUNCHED)


def test_only_launched_campaigns_are_open():
    launched = CampaignFactory(status=CampaignStatus.LAUNCHED)
    CampaignFactory(status=CampaignStatus.DRAFT)
    CampaignFactory(status=CampaignStatus.CLOSED)
    assert list(open_campaigns()) == [launched]
