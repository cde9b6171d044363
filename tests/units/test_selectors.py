"""units/selectors.py: who signs a unit's documents and the lines above their signature
(Decree 30/2020/NĐ-CP: TM. for a collective body, KT. for a deputy, TL. by order)."""

import datetime

import pytest

from tests.factories import UnitFactory, UnitSignerFactory
from units.enums import SignerKind, UnitLevel
from units.selectors import has_signers, signature_block, signature_fields, signers_of

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

DAY = datetime.date(2025, 9, 15)


@pytest.fixture
def committee():
    return UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        level=UnitLevel.PROVINCE,
    )


@pytest.fixture
def department(committee):
    return UnitFactory(
        name="Sở Y tế",
        issuer_name="SỞ Y TẾ",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        parent=committee,
    )


def signer(unit, kind, position):
    return UnitSignerFactory(unit=unit, kind=kind, position=position, full_name="Trần Minh Hiển")


# --- Collective leadership: a people's committee -------------------------------------


def test_the_chairman_of_a_committee_signs_for_the_committee(committee):
    chairman = signer(committee, SignerKind.HEAD, "CHỦ TỊCH")
    assert signature_block(chairman, committee) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_a_vice_chairman_signs_for_the_committee_in_place_of_the_chairman(committee):
    deputy = signer(committee, SignerKind.DEPUTY, "PHÓ CHỦ TỊCH")
    assert signature_block(deputy, committee) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert signature_fields(deputy, committee) == {
        "authority": "TM. ỦY BAN NHÂN DÂN",
        "capacity": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Trần Minh Hiển",
    }


def test_the_chief_of_office_signs_by_order_of_the_chairman_without_the_collective_line(
    committee,
):
    chief = signer(committee, SignerKind.BY_ORDER, "CHÁNH VĂN PHÒNG")
    assert signature_block(chief, committee) == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]


# --- One head: a department ----------------------------------------------------------


def test_the_director_signs_in_her_own_title(department):
    director = signer(department, SignerKind.HEAD, "GIÁM ĐỐC")
    assert signature_block(director, department) == ["GIÁM ĐỐC"]


def test_a_deputy_director_signs_in_place_of_the_director(department):
    deputy = signer(department, SignerKind.DEPUTY, "Phó Giám đốc")  # typed in lower case
    assert signature_block(deputy, department) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_the_chief_of_office_signs_by_order_of_the_director(department):
    chief = signer(department, SignerKind.BY_ORDER, "CHÁNH VĂN PHÒNG")
    assert signature_block(chief, department) == ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]


def test_a_head_without_a_position_signs_in_the_units_head_title(department):
    director = signer(department, SignerKind.HEAD, "")
    assert signature_block(director, department) == ["GIÁM ĐỐC"]


def test_the_head_title_follows_the_unit():
    school = UnitFactory(name="Trường THPT Chuyên Bến Tre", head_title="HIỆU TRƯỞNG")
    deputy = signer(school, SignerKind.DEPUTY, "PHÓ HIỆU TRƯỞNG")
    assert signature_block(deputy, school) == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]


# --- Which signers ---------------------------------------------------------------------


def test_signers_in_force_on_a_day_head_first(committee, department):
    left = UnitSignerFactory(
        unit=department,
        full_name="Nguyễn Văn Cũ",
        kind=SignerKind.HEAD,
        valid_to=datetime.date(2025, 6, 30),
    )
    deputy = UnitSignerFactory(unit=department, full_name="An Deputy", kind=SignerKind.DEPUTY)
    head = UnitSignerFactory(
        unit=department, full_name="Zô Head", kind=SignerKind.HEAD, valid_from=DAY
    )
    chairman = UnitSignerFactory(unit=committee, kind=SignerKind.HEAD, position="CHỦ TỊCH")

    assert list(signers_of([department], day=DAY)) == [head, deputy]
    assert list(signers_of([committee, department])) == [chairman, head, left, deputy]
    assert (has_signers(department, day=DAY), has_signers(UnitFactory(), day=DAY)) == (True, False)
    assert has_signers(department, day=datetime.date(2025, 9, 14)) is True  # the deputy
