"""The indicator page and the targets table (campaign/views/indicators.py): the staff's;
everybody else gets a 404."""

from decimal import Decimal

import pytest
from django.urls import reverse

from campaign.enums import CampaignStatus
from campaign.models import Indicator
from tests.campaign.services.test_indicators import formset_data
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    OfficerMembershipFactory,
    RegistrationFactory,
    RegistrationTargetFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_staff_add_an_indicator_from_the_page(client, staff_user):
    campaign = CampaignFactory()
    client.force_login(staff_user)
    url = reverse("campaign:indicator_edit", args=[campaign.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        formset_data(
            [{"name": "Số người tiêm", "measure": "người", "kind": "number", "position": "0"}]
        ),
    )

    assert response.url == reverse("campaign:campaign_detail", args=[campaign.pk])
    assert list(Indicator.objects.values_list("name", flat=True)) == ["Số người tiêm"]


def test_the_indicator_page_is_404_to_officers_and_on_a_closed_campaign(client, staff_user):
    unit = UnitFactory()
    campaign = CampaignFactory()
    campaign.participants.add(unit)
    client.force_login(OfficerMembershipFactory(unit=unit).user)
    for name in ("indicator_edit", "target_table"):
        assert client.get(reverse(f"campaign:{name}", args=[campaign.pk])).status_code == 404
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    client.force_login(staff_user)
    assert client.get(reverse("campaign:indicator_edit", args=[campaign.pk])).status_code == 404
    # the table stays readable after the campaign closes
    assert client.get(reverse("campaign:target_table", args=[campaign.pk])).status_code == 200


def test_anonymous_is_sent_to_log_in(client):
    campaign = CampaignFactory()
    for name in ("indicator_edit", "target_table"):
        response = client.get(reverse(f"campaign:{name}", args=[campaign.pk]))
        assert response.url.startswith(reverse("login"))


def test_the_targets_table_lists_each_unit_and_the_totals(client, staff_user):
    campaign = CampaignFactory()
    people = IndicatorFactory(campaign=campaign, name="Số người tiêm", position=1)
    money = IndicatorFactory(campaign=campaign, name="Tiền", measure="đồng", position=2)
    health = RegistrationFactory(campaign=campaign, unit=UnitFactory(name="Sở Y tế"))
    police = RegistrationFactory(campaign=campaign, unit=UnitFactory(name="Công an tỉnh"))
    RegistrationTargetFactory(registration=health, indicator=people, value=Decimal("1500"))
    RegistrationTargetFactory(registration=health, indicator=money, value=Decimal("2000000"))
    RegistrationTargetFactory(registration=police, indicator=people, value=Decimal("250.5"))
    client.force_login(staff_user)

    response = client.get(reverse("campaign:target_table", args=[campaign.pk]))

    rows = [(row.unit.name, row.values) for row in response.context["rows"]]
    assert rows == [
        ("Sở Y tế", [Decimal("1500"), Decimal("2000000")]),
        ("Công an tỉnh", [Decimal("250.5"), None]),
    ]
    assert response.context["totals"] == [Decimal("1750.5"), Decimal("2000000")]
    html = response.content.decode()
    assert "1.750,5" in html
    assert "2.000.000" in html


@pytest.mark.parametrize("units", [1, 3])
def test_targets_table_queries_do_not_grow_with_units(
    client, staff_user, django_assert_num_queries, units
):
    campaign = CampaignFactory()
    indicator = IndicatorFactory(campaign=campaign)
    for _ in range(units):
        RegistrationTargetFactory(
            registration=RegistrationFactory(campaign=campaign), indicator=indicator
        )
    client.force_login(staff_user)
    url = reverse("campaign:target_table", args=[campaign.pk])
    client.get(url)

    with django_assert_num_queries(5):
        response = client.get(url)

    assert len(response.context["rows"]) == units
