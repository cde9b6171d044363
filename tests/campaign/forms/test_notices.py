"""The notice batch form (campaign/forms/notices.py): the letters' date is bounded."""

import pytest

from campaign.forms.notices import NoticeBatchForm
from campaign.models import NoticeBatch
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def notice_form(typed):
    campaign = CampaignFactory()
    return NoticeBatchForm(
        {
            "issuer": campaign.issuing_unit.pk,
            "number": "12",
            "symbol": "TĐKT",
            "date": typed,
            "signer_authority": "KT. CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH",
            "signer_name": "Trần Minh Hiển",
        },
        campaign=campaign,
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/12/1999", "Ngày 31/12/1999 quá xa: chỉ nhận từ ngày 01/01/2000 trở đi."),
        ("9999-12-31", "Ngày 31/12/9999 ở tương lai"),
    ],
)
def test_a_notice_dated_out_of_range_is_refused(typed, message):
    form = notice_form(typed)

    assert not form.is_valid()
    [error] = form.errors["date"]
    assert error.startswith(message)
    assert NoticeBatch.objects.count() == 0


@pytest.mark.parametrize("typed", ["01/01/2000", "2026-01-15"])
def test_a_notice_dated_inside_the_range_passes_the_date_check(typed):
    form = notice_form(typed)

    form.is_valid()
    assert "date" not in form.errors
