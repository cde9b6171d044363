"""awards/services/decisions.py, its signer and issuer-snapshot part: a listed signer
fills the signature block, typed lines only for an issuer with no signer, and an issued
decision keeps its issuer's heading and signer's block when the unit is renamed or
merged later (the 2025 reorganisation).  The rest of the module is tested in
``test_decisions.py``."""

import datetime
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from awards.enums import NominationState
from awards.models import AwardDecision, AwardType
from awards.services.decisions import (
    DecisionError,
    add_recipients,
    create_decision,
    issue_decision,
    update_decision,
)
from awards.services.rendering import render_decision_now
from common.models import ActivityLog
from tests.factories import (
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    UnitFactory,
    UnitSignerFactory,
)
from units.enums import SignerKind, UnitLevel

pytestmark = pytest.mark.unit

SIGNED = datetime.date(2025, 6, 20)  # before the merger of 1 July 2025


@pytest.fixture
def world(db):
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        code="ubnd-tinh-bt",
        level=UnitLevel.PROVINCE,
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        document_symbol="UBND",
        place_name="Bến Tre",
    )
    health = UnitFactory(
        name="Sở Y tế",
        code="so-y-te",
        parent=province,
        issuer_name="SỞ Y TẾ",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        document_symbol="SYT",
    )
    return SimpleNamespace(
        province=province,
        health=health,
        chairman=UnitSignerFactory(
            unit=province, full_name="Lê Văn Thạnh", position="CHỦ TỊCH", kind=SignerKind.HEAD
        ),
        deputy=UnitSignerFactory(
            unit=province,
            full_name="Trần Minh Hiển",
            position="PHÓ CHỦ TỊCH",
            kind=SignerKind.DEPUTY,
            valid_from=datetime.date(2021, 1, 1),
            valid_to=datetime.date(2025, 6, 30),
        ),
        director=UnitSignerFactory(unit=health, full_name="Phan Thị Ngọc Hà"),
        bang_khen=AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        campaign=CampaignFactory(issuing_unit=province),
    )


def draft(world, by, **kwargs):
    values = {
        "issuer": world.province,
        "award_type": world.bang_khen,
        "signed_date": SIGNED,
        "campaign": world.campaign,
        **kwargs,
    }
    return create_decision(by=by, **values)


def signer_texts(decision):
    return (
        decision.signer_authority,
        decision.signer_capacity,
        decision.signer_title,
        decision.signer_name,
    )


def counts():
    return AwardDecision.objects.count(), ActivityLog.objects.count()


# --- Choosing the signer ---------------------------------------------------------------


def test_a_listed_deputy_fills_the_collective_block(world, staff_user):
    decision = draft(world, staff_user, signer=world.deputy)
    decision.refresh_from_db()
    assert decision.signer == world.deputy
    assert signer_texts(decision) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Minh Hiển",
    )


def test_a_listed_director_fills_the_one_head_block(world, staff_user):
    decision = draft(
        world,
        staff_user,
        issuer=world.health,
        award_type=AwardType.objects.get(code="giay-khen"),
        signer=world.director,
    )
    assert signer_texts(decision) == ("", "", "GIÁM ĐỐC", "Phan Thị Ngọc Hà")


def test_typed_lines_are_refused_when_the_issuer_lists_signers_and_nothing_is_made(
    world, staff_user
):
    before = counts()
    with pytest.raises(DecisionError, match="^Ủy ban nhân dân tỉnh Bến Tre có danh sách người ký"):
        draft(world, staff_user, signer_name="Nguyễn Văn A", signer_title="PHÓ CHỦ TỊCH")
    assert counts() == before


@pytest.mark.parametrize(
    ("who", "day", "message"),
    [
        ("director", SIGNED, "^Phan Thị Ngọc Hà không phải người ký văn bản của Ủy ban"),
        (
            "deputy",
            datetime.date(2025, 7, 1),
            "^Trần Minh Hiển không phải người ký văn bản của Ủy ban nhân dân tỉnh Bến Tre "
            "vào ngày 01/07/2025",
        ),
    ],
)
def test_a_signer_of_another_unit_or_out_of_term_is_refused_and_nothing_is_made(
    world, staff_user, who, day, message
):
    before = counts()
    with pytest.raises(DecisionError, match=message):
        draft(world, staff_user, signer=getattr(world, who), signed_date=day)
    assert counts() == before


def test_typed_lines_are_kept_for_an_issuer_without_signers(world, staff_user):
    commune = UnitFactory(
        name="Ủy ban nhân dân xã Phú Túc", level=UnitLevel.COMMUNE, place_name="Phú Túc"
    )
    decision = draft(
        world,
        staff_user,
        issuer=commune,
        award_type=AwardType.objects.get(code="giay-khen"),
        signer_title="CHỦ TỊCH",
        signer_name="Đặng Văn Thắng",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
    )
    assert decision.signer is None
    assert signer_texts(decision) == ("TM. ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH", "Đặng Văn Thắng")


def test_changing_the_signer_of_a_draft_refills_the_block(world, staff_user):
    decision = draft(world, staff_user, signer=world.deputy)
    update_decision(decision, by=staff_user, signer=world.chairman)
    decision.refresh_from_db()
    assert (decision.signer, signer_texts(decision)) == (
        world.chairman,
        ("TM. ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH", "Lê Văn Thạnh"),
    )


# --- Issued: the heading and the block are frozen --------------------------------------


def issued(world, by):
    decision = draft(world, by, signer=world.deputy)
    nomination = NominationFactory(
        individual=IndividualFactory(full_name="Nguyễn Thị Ngọc Hằng", unit=world.health),
        nominating_unit=world.health,
        campaign=world.campaign,
        award_type=world.bang_khen,
        state=NominationState.APPROVED,
    )
    add_recipients(decision, [nomination], by=by)
    return issue_decision(decision, by=by)


def merge_into_vinh_long(world):
    """The 2025 reorganisation, as an administrator records it on the unit: renamed,
    its head's title and its signer's position changed."""
    province = world.province
    province.name = "Ủy ban nhân dân tỉnh Vĩnh Long"
    province.issuer_name = "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"
    province.place_name = "Vĩnh Long"
    province.save()
    world.deputy.position = "PHÓ CHỦ TỊCH THƯỜNG TRỰC"
    world.deputy.save()


def test_issue_freezes_the_issuers_heading(world, staff_user):
    decision = issued(world, staff_user)

    merge_into_vinh_long(world)

    decision = AwardDecision.objects.select_related("issuer").get(pk=decision.pk)
    assert decision.issuer_snapshot == {
        "name": "Ủy ban nhân dân tỉnh Bến Tre",
        "issuer_name": "ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        "heading": {"parent": "ỦY BAN NHÂN DÂN", "name": "TỈNH BẾN TRE", "parent_bold": True},
        "head_title": "CHỦ TỊCH",
        "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        "authority_in_text": "Chủ tịch Ủy ban nhân dân tỉnh Bến Tre",
        "place": "Bến Tre",
        "level": UnitLevel.PROVINCE,
    }
    assert decision.issuer_document == decision.issuer_snapshot
    assert signer_texts(decision) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Minh Hiển",
    )


def test_a_draft_reads_its_issuer_as_it_is_now(world, staff_user):
    decision = draft(world, staff_user, signer=world.chairman)
    merge_into_vinh_long(world)
    decision = AwardDecision.objects.select_related("issuer").get(pk=decision.pk)
    assert (decision.issuer_snapshot, decision.issuer_document["name"]) == (
        {},
        "Ủy ban nhân dân tỉnh Vĩnh Long",
    )


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(handle).pages)


def test_the_pdfs_of_a_decision_rendered_after_a_rename_print_the_old_name(
    world, staff_user, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    decision = issued(world, staff_user)
    merge_into_vinh_long(world)

    decision = AwardDecision.objects.get(pk=decision.pk)
    render_decision_now(decision, by=staff_user)
    decision.refresh_from_db()

    document = pdf_text(decision.document)
    certificate = pdf_text(decision.recipients.get().certificates.get().file)
    assert "TỈNH BẾN TRE" in document
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE" in document
    assert "Bến Tre, ngày 20 tháng 6 năm 2025" in document
    assert "VĨNH LONG" not in document.upper()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE" in certificate
    assert "VĨNH LONG" not in certificate.upper()
    assert "PHÓ CHỦ TỊCH THƯỜNG TRỰC" not in document
