"""The authority selectors, on the seeded authority table (migration 0014)."""

import datetime

import pytest

from awards.authority import (
    authorities_for,
    awardable_types,
    deciding_unit_for,
    in_branch,
    may_decide,
)
from awards.models import AwardAuthority, AwardType
from tests.factories import IndividualFactory, UnitFactory
from units.enums import UnitLevel, UnitType

pytestmark = pytest.mark.unit

BEFORE = datetime.date(2025, 6, 30)  # the last day of the district level
AFTER = datetime.date(2025, 7, 1)  # two-tier local government


@pytest.fixture
def tree(db):
    province = UnitFactory(name="UBND tỉnh Bến Tre", level=UnitLevel.PROVINCE)
    health = UnitFactory(name="Sở Y tế", parent=province)
    hospital = UnitFactory(
        name="Bệnh viện Nguyễn Đình Chiểu",
        parent=health,
        level=UnitLevel.BASE,
        unit_type=UnitType.PUBLIC_SERVICE,
    )
    police = UnitFactory(name="Công an tỉnh", parent=province, unit_type=UnitType.POLICE)
    district = UnitFactory(
        name="UBND huyện Châu Thành",
        parent=province,
        level=UnitLevel.DISTRICT,
        valid_to=BEFORE,
    )
    club = UnitFactory(
        name="Hội Nông dân huyện",
        parent=district,
        level=UnitLevel.BASE,
        unit_type=UnitType.SOCIO_POLITICAL,
    )
    return {
        "province": province,
        "health": health,
        "hospital": hospital,
        "police": police,
        "district": district,
        "club": club,
        "nurse": IndividualFactory(full_name="Nguyễn Thị Hằng", unit=hospital),
    }


def award(code):
    return AwardType.objects.get(code=code)


#: (issuer level, unit type, award code, day, may decide)
MATRIX = [
    (UnitLevel.PROVINCE, UnitType.STATE_AGENCY, "bang-khen-chu-tich-ubnd-tinh", AFTER, True),
    (UnitLevel.PROVINCE, UnitType.STATE_AGENCY, "co-thi-dua-cap-tinh", AFTER, True),
    (UnitLevel.PROVINCE, UnitType.STATE_AGENCY, "giay-khen", AFTER, False),
    (UnitLevel.PROVINCE, UnitType.STATE_AGENCY, "bang-khen-thu-tuong", AFTER, False),
    (UnitLevel.DEPARTMENT, UnitType.STATE_AGENCY, "giay-khen", AFTER, True),
    (UnitLevel.DEPARTMENT, UnitType.STATE_AGENCY, "chien-si-thi-dua-co-so", AFTER, True),
    (UnitLevel.DEPARTMENT, UnitType.STATE_AGENCY, "bang-khen-chu-tich-ubnd-tinh", AFTER, False),
    (UnitLevel.BASE, UnitType.PUBLIC_SERVICE, "giay-khen", AFTER, True),
    (UnitLevel.BASE, UnitType.ECONOMIC, "tap-the-lao-dong-tien-tien", AFTER, True),
    (UnitLevel.BASE, UnitType.SOCIO_POLITICAL, "giay-khen", AFTER, False),
    (UnitLevel.BASE, UnitType.PUBLIC_SERVICE, "chien-si-tien-tien", AFTER, False),
    (UnitLevel.BASE, UnitType.POLICE, "chien-si-tien-tien", AFTER, True),
    (UnitLevel.DISTRICT, UnitType.STATE_AGENCY, "giay-khen", BEFORE, True),
    (UnitLevel.DISTRICT, UnitType.STATE_AGENCY, "giay-khen", AFTER, False),
    (UnitLevel.COMMUNE, UnitType.COMMUNE, "gia-dinh-van-hoa", AFTER, True),
    (UnitLevel.COMMUNE, UnitType.COMMUNE, "chien-si-thi-dua-co-so", BEFORE, False),
    (UnitLevel.COMMUNE, UnitType.COMMUNE, "chien-si-thi-dua-co-so", AFTER, True),
    (UnitLevel.COMMUNE, UnitType.COMMUNE, "bang-khen-chu-tich-ubnd-tinh", AFTER, False),
]


@pytest.mark.parametrize(("level", "unit_type", "code", "day", "expected"), MATRIX)
def test_may_decide_follows_the_seeded_matrix(db, level, unit_type, code, day, expected):
    issuer = UnitFactory(level=level, unit_type=unit_type)
    assert may_decide(issuer, award(code), day) == expected


def test_authorities_for_names_the_decider_and_the_article(tree):
    rows = authorities_for(tree["hospital"], award("giay-khen"), AFTER)
    assert [(row.decider, row.legal_basis[:41]) for row in rows] == [
        (
            "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân",
            "Khoản 1 Điều 80 Luật Thi đua, khen thưởng",
        )
    ]


def test_every_seeded_row_has_a_decider_and_a_legal_basis(db):
    rows = AwardAuthority.objects.all()
    assert rows.count() == 42  # 37 seeded by 0014, thưởng nóng's 5 copied by 0017
    assert [row for row in rows if not (row.decider and row.legal_basis)] == []
    ended = {row.effective_to for row in rows if row.effective_to}
    assert ended == {BEFORE}  # only the district rows end


def test_a_nurses_certificate_of_merit_is_decided_by_her_hospital(tree):
    assert deciding_unit_for(tree["nurse"].unit, award("giay-khen"), AFTER) == tree["hospital"]


def test_a_ward_without_legal_status_sends_it_up_to_its_hospital(tree):
    ward = UnitFactory(
        name="Khoa Hồi sức tích cực",
        parent=tree["hospital"],
        level=UnitLevel.BASE,
        unit_type=UnitType.PUBLIC_SERVICE,
        has_legal_status=False,
    )
    assert not may_decide(ward, award("giay-khen"), AFTER)
    assert deciding_unit_for(ward, award("giay-khen"), AFTER) == tree["hospital"]


def test_without_the_hospitals_row_her_department_decides(tree):
    AwardAuthority.objects.filter(award_type__code="giay-khen", issuer_level=UnitLevel.BASE).update(
        effective_to=AFTER - datetime.timedelta(days=1)
    )
    assert deciding_unit_for(tree["hospital"], award("giay-khen"), AFTER) == tree["health"]


def test_the_provincial_certificate_is_decided_by_the_province(tree):
    bang_khen = award("bang-khen-chu-tich-ubnd-tinh")
    assert deciding_unit_for(tree["hospital"], bang_khen, AFTER) == tree["province"]


def test_a_national_title_has_no_deciding_unit_in_the_province(tree):
    assert deciding_unit_for(tree["hospital"], award("chien-si-thi-dua-toan-quoc"), AFTER) is None


def test_a_district_decides_until_it_is_abolished(tree):
    title = award("chien-si-thi-dua-co-so")
    assert deciding_unit_for(tree["club"], title, BEFORE) == tree["district"]
    # From 1/7/2025 the district is gone and the province does not decide this title.
    assert deciding_unit_for(tree["club"], title, AFTER) is None


def test_deciding_unit_for_takes_two_queries_whatever_the_depth(tree, django_assert_num_queries):
    ward = UnitFactory(parent=tree["hospital"], level=UnitLevel.BASE, unit_type=UnitType.COMMUNE)
    team = UnitFactory(parent=ward, level=UnitLevel.BASE, unit_type=UnitType.COMMUNE)
    bang_khen = award("bang-khen-chu-tich-ubnd-tinh")
    with django_assert_num_queries(2):
        found = deciding_unit_for(team, bang_khen, AFTER)
    assert found == tree["province"]


def test_awardable_types_of_a_department(tree):
    codes = set(awardable_types(tree["health"], AFTER).values_list("code", flat=True))
    assert codes == {
        "giay-khen",
        "lao-dong-tien-tien",
        "chien-si-thi-dua-co-so",
        "tap-the-lao-dong-tien-tien",
        "thu-khen",
        "thuong-nong",
    }


def test_in_branch_is_the_unit_and_the_units_below_it(tree):
    assert in_branch(tree["health"], tree["health"])
    assert in_branch(tree["health"], tree["hospital"])
    assert not in_branch(tree["health"], tree["police"])
    assert not in_branch(tree["hospital"], tree["health"])
    assert in_branch(tree["province"], tree["club"])
