"""The indicator formset (campaign/forms/indicators.py): messages in Vietnamese."""

import pytest

from campaign.forms.indicators import indicator_formset
from tests.campaign.services.test_indicators import formset_data
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_two_indicators_with_the_same_name_are_refused():
    rows = [
        {"name": "Số người tiêm", "measure": "người", "kind": "number", "position": "0"},
        {"name": "số  người tiêm", "measure": "người", "kind": "number", "position": "1"},
    ]

    formset = indicator_formset(CampaignFactory(), formset_data(rows))

    assert not formset.is_valid()
    assert formset.errors[1] == {"name": ["Tên chỉ tiêu bị trùng với một chỉ tiêu khác."]}


def test_an_indicator_needs_its_unit_of_measure():
    rows = [{"name": "Số người tiêm", "measure": "", "kind": "number", "position": "0"}]

    formset = indicator_formset(CampaignFactory(), formset_data(rows))

    assert formset.errors[0] == {"measure": ["Trường này là bắt buộc."]}
