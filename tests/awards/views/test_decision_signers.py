"""awards/views/decisions.py and awards/views/certificates.py (verify), their signer and
frozen-issuer part: the decision form offers the issuer's signers, and the decision
page, the decision list and the verification page show an issued decision under the
name its issuer had when it was issued."""

import datetime

import pytest
from django.urls import reverse

from awards.enums import NominationState, RoundingMode
from awards.models import AwardDecision, AwardType, Certificate
from awards.services.decisions import (
    DEFAULT_CITATION,
    add_recipients,
    create_decision,
    issue_decision,
)
from tests.factories import (
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    UnitFactory,
    UnitSignerFactory,
)
from units.enums import SignerKind, UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SIGNED = datetime.date(2025, 6, 20)


@pytest.fixture
def province():
    return UnitFactory(
        name="Ủy ban nhân dân huyện Châu Thành",
        code="ubnd-huyen-ct",
        level=UnitLevel.PROVINCE,
        issuer_name="ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        document_symbol="UBND",
        place_name="Châu Thành",
    )


@pytest.fixture
def deputy(province):
    return UnitSignerFactory(
        unit=province, full_name="Trần Minh Hiển", position="PHÓ CHỦ TỊCH", kind=SignerKind.DEPUTY
    )


def form_data(issuer, **overrides):
    return {
        "issuer": issuer.pk,
        "award_type": AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh").pk,
        "citation": DEFAULT_CITATION,
        "signed_date": SIGNED.isoformat(),
        "rounding_mode": RoundingMode.UP,
        **overrides,
    }


def test_the_form_says_when_the_lines_are_typed(client, staff_user, province):
    client.force_login(staff_user)
    html = client.get(reverse("awards:decision_create")).content.decode()
    assert 'id="typed-signer-note"' in html
    assert "chưa có danh sách người ký" in html


def test_creating_a_decision_with_a_listed_signer(client, staff_user, province, deputy):
    client.force_login(staff_user)
    response = client.post(reverse("awards:decision_create"), form_data(province, signer=deputy.pk))
    decision = AwardDecision.objects.get()
    assert response.status_code == 302
    assert (decision.signer, decision.signer_authority, decision.signer_capacity) == (
        deputy,
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
    )
    assert (decision.signer_title, decision.signer_name) == ("PHÓ CHỦ TỊCH", "Trần Minh Hiển")


def test_typing_the_lines_for_an_issuer_with_signers_is_refused_on_the_form(
    client, staff_user, province, deputy
):
    client.force_login(staff_user)
    response = client.post(
        reverse("awards:decision_create"),
        form_data(province, signer_title="PHÓ CHỦ TỊCH", signer_name="Nguyễn Văn A"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["signer"] == [
        "Ủy ban nhân dân huyện Châu Thành có danh sách người ký: vui lòng chọn người ký."
    ]
    assert not AwardDecision.objects.exists()


@pytest.fixture
def renamed(staff_user, province, deputy):
    """An issued decision of the district, which was then merged and renamed."""
    campaign = CampaignFactory(issuing_unit=province)
    award = AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh")
    decision = create_decision(
        by=staff_user,
        issuer=province,
        award_type=award,
        signed_date=SIGNED,
        signer=deputy,
        campaign=campaign,
    )
    nomination = NominationFactory(
        individual=IndividualFactory(unit=UnitFactory(parent=province)),
        nominating_unit=province,
        campaign=campaign,
        award_type=award,
        state=NominationState.APPROVED,
    )
    add_recipients(decision, [nomination], by=staff_user)
    issue_decision(decision, by=staff_user)
    province.name = "Ủy ban nhân dân xã Tân Thạch"
    province.issuer_name = "ỦY BAN NHÂN DÂN XÃ TÂN THẠCH"
    province.valid_to = datetime.date(2025, 6, 30)
    province.save()
    return decision


def test_the_decision_page_and_list_show_the_issuers_name_when_issued(client, staff_user, renamed):
    client.force_login(staff_user)
    page = client.get(reverse("awards:decision_detail", args=[renamed.pk])).content.decode()
    listing = client.get(reverse("awards:decision_list")).content.decode()
    assert '<div class="fw-semibold" id="decision-issuer">HUYỆN CHÂU THÀNH</div>' in page
    assert "TÂN THẠCH" not in page.upper()
    assert "Ủy ban nhân dân huyện Châu Thành" in listing
    assert "Tân Thạch" not in listing


def test_the_verification_page_shows_the_issuers_name_when_issued(client, renamed):
    certificate = Certificate.objects.get(recipient__decision=renamed)
    html = client.get(reverse("verify", args=[certificate.token])).content.decode()
    assert "Ủy ban nhân dân huyện Châu Thành" in html
    assert "Tân Thạch" not in html
