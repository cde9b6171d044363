"""A campaign's indicators (campaign/services/indicators.py): the staff add, change and
delete them; one with targets is kept and the change refused."""

from decimal import Decimal

import pytest

from campaign.enums import CampaignStatus, IndicatorKind
from campaign.forms.indicators import indicator_formset
from campaign.models import Indicator
from campaign.services.campaigns import CampaignError
from campaign.services.indicators import save_indicators
from common.models import ActivityLog
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    OfficerMembershipFactory,
    RegistrationTargetFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def formset_data(rows, initial=0):
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(initial),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return data


def valid_formset(campaign, rows, initial=0):
    formset = indicator_formset(campaign, formset_data(rows, initial))
    assert formset.is_valid(), formset.errors
    return formset


def test_staff_add_indicators_in_order(staff_user):
    campaign = CampaignFactory()
    formset = valid_formset(
        campaign,
        [
            {"name": " Tiền  vận động ", "measure": "đồng", "kind": "money", "position": "2"},
            {"name": "Số người tiêm", "measure": "người", "kind": "number", "position": "1"},
            {"name": "", "measure": "", "kind": "number", "position": "0"},  # an empty row
        ],
    )

    kept = save_indicators(campaign, formset, by=staff_user)

    assert [(i.name, i.measure, i.kind) for i in kept] == [
        ("Số người tiêm", "người", IndicatorKind.NUMBER),
        ("Tiền vận động", "đồng", IndicatorKind.MONEY),
    ]
    log = ActivityLog.objects.for_object(campaign).get()
    assert (log.action, log.note) == (
        "campaign.indicators",
        "Số người tiêm (người); Tiền vận động (đồng)",
    )


def test_an_indicator_with_targets_is_not_deleted_and_nothing_changes(staff_user):
    target = RegistrationTargetFactory(value=Decimal("500"))
    indicator = target.indicator
    campaign = indicator.campaign
    formset = valid_formset(
        campaign,
        [
            {
                "id": str(indicator.pk),
                "name": "Tên mới",
                "measure": "người",
                "kind": "number",
                "position": "0",
                "DELETE": "on",
            },
            {"name": "Chỉ tiêu mới", "measure": "lượt", "kind": "number", "position": "1"},
        ],
        initial=1,
    )

    with pytest.raises(CampaignError, match="đã có đơn vị đăng ký hoặc báo cáo số liệu"):
        save_indicators(campaign, formset, by=staff_user)

    assert list(Indicator.objects.values_list("name", flat=True)) == [indicator.name]
    assert ActivityLog.objects.count() == 0


def test_an_indicator_without_targets_is_deleted(staff_user):
    indicator = IndicatorFactory()
    row = {"id": str(indicator.pk), "name": indicator.name, "measure": "người"}
    formset = valid_formset(
        indicator.campaign, [{**row, "kind": "number", "position": "0", "DELETE": "on"}], 1
    )

    assert save_indicators(indicator.campaign, formset, by=staff_user) == []

    assert Indicator.objects.count() == 0


def test_an_officer_or_a_closed_campaign_is_refused(staff_user):
    campaign = CampaignFactory()
    rows = [{"name": "Số người", "measure": "người", "kind": "number", "position": "0"}]
    officer = OfficerMembershipFactory().user

    with pytest.raises(CampaignError, match="Bạn không có quyền sửa chỉ tiêu"):
        save_indicators(campaign, valid_formset(campaign, rows), by=officer)
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    with pytest.raises(CampaignError, match="Bạn không có quyền sửa chỉ tiêu"):
        save_indicators(campaign, valid_formset(campaign, rows), by=staff_user)

    assert Indicator.objects.count() == 0
