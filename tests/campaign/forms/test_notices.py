"""The notice batch form (campaign/forms/notices.py): the letters' date is bounded, the
signer is one of the issuer's (typed only for an issuer with none)."""

import datetime

import pytest

from campaign.forms.notices import NoticeBatchForm
from campaign.models import NoticeBatch
from tests.factories import CampaignFactory, NoticeBatchFactory, UnitFactory, UnitSignerFactory
from units.enums import SignerKind

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


# --- The signer: chosen among the issuer's, prefilled from the last batch -------------


@pytest.fixture
def committee_campaign():
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        place_name="Bến Tre",
    )
    return CampaignFactory(issuing_unit=province)


def signer_form(campaign, **fields):
    data = {
        "issuer": campaign.issuing_unit.pk,
        "number": "",
        "symbol": "TĐKT",
        "date": "2026-01-15",
        **fields,
    }
    return NoticeBatchForm(data, campaign=campaign)


def test_the_issuers_signers_are_offered_and_one_is_enough(committee_campaign):
    deputy = UnitSignerFactory(
        unit=committee_campaign.issuing_unit,
        full_name="Trần Minh Hiển",
        position="PHÓ CHỦ TỊCH",
        kind=SignerKind.DEPUTY,
    )
    form = signer_form(committee_campaign, signer=deputy.pk)

    assert form.fields["signer"].choices == [
        ("", "(Nhập tay bên dưới)"),
        ("Ủy ban nhân dân tỉnh Bến Tre", [(str(deputy.pk), "Trần Minh Hiển – PHÓ CHỦ TỊCH")]),
    ]
    assert form.is_valid(), form.errors
    assert form.cleaned_data["signer"] == deputy


def test_an_issuer_with_signers_must_name_one(committee_campaign):
    UnitSignerFactory(unit=committee_campaign.issuing_unit, position="CHỦ TỊCH")
    form = signer_form(committee_campaign, signer_title="PHÓ CHỦ TỊCH", signer_name="Nguyễn Văn A")

    assert form.is_valid() is False
    assert form.errors["signer"] == [
        "Ủy ban nhân dân tỉnh Bến Tre có danh sách người ký: vui lòng chọn người ký."
    ]


def test_without_signers_the_title_and_name_are_typed(committee_campaign):
    form = signer_form(committee_campaign)

    assert form.is_valid() is False
    message = "Cơ quan ban hành chưa có danh sách người ký: vui lòng nhập dòng này."
    assert (form.errors["signer_title"], form.errors["signer_name"]) == ([message], [message])


def test_the_last_batchs_signer_is_prefilled_while_in_force(committee_campaign):
    issuer = committee_campaign.issuing_unit
    deputy = UnitSignerFactory(unit=issuer, kind=SignerKind.DEPUTY, position="PHÓ CHỦ TỊCH")
    NoticeBatchFactory(
        campaign=committee_campaign,
        issuer=issuer,
        signer=deputy,
        symbol="UBND-TĐKT",
        place="Bến Tre",
        date=datetime.date(2026, 1, 5),
        signer_name=deputy.full_name,
        signer_title="PHÓ CHỦ TỊCH",
    )
    form = NoticeBatchForm(campaign=committee_campaign)
    assert (form.initial["signer"], form.initial["symbol"]) == (deputy.pk, "UBND-TĐKT")

    deputy.valid_to = datetime.date(2026, 1, 10)
    deputy.save()
    form = NoticeBatchForm(campaign=committee_campaign)
    assert ("signer" in form.initial, form.initial["symbol"]) == (False, "UBND-TĐKT")
