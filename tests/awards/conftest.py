"""What the tests of the awards app share: the issued decision whose certificates the
rendering, certificate and verification tests print and check; the tree a nomination
climbs (hospital → Sở Y tế → province) in the routing and forwarding tests."""

import datetime
import unicodedata
from types import SimpleNamespace

import pytest

from awards.enums import DecisionState, NominationState
from awards.models import AwardType, CertificateRun
from awards.services.central import add_central_nominations, create_central_submission
from awards.services.rendering import render_run
from tests.factories import (
    AwardDecisionFactory,
    CampaignFactory,
    CertificateFactory,
    CouncilMembershipFactory,
    DossierFileFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    RecipientFactory,
    UnitFactory,
    UnitSignerFactory,
    UserFactory,
)
from units.enums import Gender, IndividualCategory, OfficerRole, SignerKind, UnitLevel, UnitType

NAME = "Nguyễn Thị Ngọc Hằng"
POSITION = "Điều dưỡng, Khoa Hồi sức tích cực – Chống độc, Bệnh viện Nguyễn Đình Chiểu"
CITATION = "Đã có thành tích xuất sắc trong phong trào thi đua phòng, chống dịch COVID-19"


def make_decision():
    """An issued decision of the provincial chair with three lines: a nurse (her
    name stored decomposed, NFD, as some keyboards type it), a police officer,
    and a hospital ward (a collective); one valid certificate each."""
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        level=UnitLevel.PROVINCE,
    )
    health = UnitFactory(
        name="Sở Y tế",
        issuer_name="SỞ Y TẾ",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        parent=province,
    )
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health)
    ward = UnitFactory(name="Khoa Hồi sức tích cực – Chống độc", parent=hospital)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    decision = AwardDecisionFactory(
        issuer=province,
        number=123,
        year=2021,
        signed_date=datetime.date(2021, 9, 15),
        state=DecisionState.ISSUED,
        award_type=AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        citation=CITATION,
        legal_basis=(
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
            "Căn cứ Kế hoạch số 2777/KH-UBND ngày 10 tháng 6 năm 2021;"
        ),
        distribution="Như Điều 3;\nLưu: VT, NC.",
    )
    nurse = IndividualFactory(
        full_name=unicodedata.normalize("NFD", NAME),
        gender=Gender.FEMALE,
        unit=hospital,
        citizen_id="083190001234",
        date_of_birth=datetime.date(1990, 3, 4),
    )
    lines = [
        RecipientFactory(
            decision=decision,
            individual=nurse,
            position_and_unit=POSITION,
            amount=2_240_000,
            golden_register_number="456",
            sort_order=1,
        ),
        RecipientFactory(
            decision=decision,
            individual=IndividualFactory(full_name="Trần Văn Đạt", unit=police),
            position_and_unit="Thượng úy, Công an tỉnh",
            amount=2_240_000,
            golden_register_number="457",
            sort_order=2,
        ),
        RecipientFactory(
            decision=decision,
            individual=None,
            unit=ward,
            position_and_unit="Bệnh viện Nguyễn Đình Chiểu",
            amount=4_480_000,
            golden_register_number="458",
            sort_order=3,
        ),
    ]
    certificates = [
        CertificateFactory(recipient=line, serial=f"UBND-BT-2021-0123-{index:03d}")
        for index, line in enumerate(lines, 1)
    ]
    return SimpleNamespace(
        decision=decision,
        lines=lines,
        certificates=certificates,
        province=province,
        health=health,
        hospital=hospital,
        ward=ward,
        police=police,
    )


def new_run(decision, **fields):
    return CertificateRun.objects.create(decision=decision, **fields)


def render(decision, **options):
    run = new_run(decision)
    render_run(run, **options)
    run.refresh_from_db()
    return run


# --- Forwarding to the central level ---------------------------------------------------


@pytest.fixture
def central_world(staff_user):
    """The province, a hospital under Sở Y tế, two approved nominations of the Prime
    Minister's Bằng khen (a nurse with her proposal letter, a ward), one of the
    provincial chair's, the staff user, an officer of Sở Y tế and a council member."""
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        code="ubnd-bt",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        level=UnitLevel.PROVINCE,
        document_symbol="UBND",
        place_name="Bến Tre",
    )
    health = UnitFactory(name="Sở Y tế", code="syt", issuer_name="SỞ Y TẾ", parent=province)
    hospital = UnitFactory(
        name="Bệnh viện Nguyễn Đình Chiểu", code="bv-ndc", parent=health, level=UnitLevel.BASE
    )
    ward = UnitFactory(
        name="Khoa Hồi sức tích cực – Chống độc",
        code="khoa-hstc",
        parent=hospital,
        level=UnitLevel.BASE,
    )
    prime_minister = AwardType.objects.get(code="bang-khen-thu-tuong")
    # Central forms ask for a public consultation first (test_consultation.py); these
    # tests of the letter and package send at once.
    AwardType.objects.filter(pk=prime_minister.pk).update(consultation_days=0)
    prime_minister.refresh_from_db()
    chair = AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh")
    campaign = CampaignFactory(issuing_unit=province, title="Phòng, chống dịch COVID-19")
    nurse = NominationFactory(
        individual=IndividualFactory(
            full_name=NAME,
            gender=Gender.FEMALE,
            position="Điều dưỡng trưởng",
            unit=ward,
            date_of_birth=datetime.date(1985, 3, 4),
        ),
        nominating_unit=health,
        award_type=prime_minister,
        campaign=campaign,
        state=NominationState.APPROVED,
        summary="Trực tiếp điều trị hơn 500 ca COVID-19 nặng, không để xảy ra tử vong.",
    )
    DossierFileFactory(nomination=nurse, original_name="Tờ trình Sở Y tế.pdf")
    collective = NominationFactory(
        individual=None,
        unit=ward,
        nominating_unit=health,
        award_type=prime_minister,
        campaign=campaign,
        state=NominationState.APPROVED,
        summary="Tập thể dẫn đầu phong trào thi đua phòng, chống dịch.",
    )
    provincial = NominationFactory(
        individual=IndividualFactory(unit=hospital),
        nominating_unit=health,
        award_type=chair,
        campaign=campaign,
        state=NominationState.APPROVED,
    )
    return SimpleNamespace(
        province=province,
        health=health,
        hospital=hospital,
        ward=ward,
        prime_minister=prime_minister,
        chair=chair,
        campaign=campaign,
        nurse=nurse,
        collective=collective,
        provincial=provincial,
        staff=staff_user,
        officer=OfficerMembershipFactory(
            unit=health, user=UserFactory(username="officer_syt")
        ).user,
        council=CouncilMembershipFactory(user=UserFactory(username="council_c")).user,
    )


def central_draft(world, *nominations):
    """A draft submission of the province to the Prime Minister, carrying ``nominations``."""
    submission = create_central_submission(
        by=world.staff,
        issuer=world.province,
        signer_name="Trần Ngọc Tam",
        signer_title="CHỦ TỊCH",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
    )
    if nominations:
        add_central_nominations(submission, nominations, by=world.staff)
    return submission


@pytest.fixture
def tree():
    """Province → Sở Y tế (an officer, a deputy, a listed deputy signer) → hospital (an
    officer) → its nurse; and a department nobody has an account for."""
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Vĩnh Long",
        level=UnitLevel.PROVINCE,
        issuer_name="ỦY BAN NHÂN DÂN TỈNH VĨNH LONG",
        head_title="CHỦ TỊCH",
    )
    health = UnitFactory(
        name="Sở Y tế",
        parent=province,
        level=UnitLevel.DEPARTMENT,
        issuer_name="SỞ Y TẾ",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH VĨNH LONG",
        document_symbol="SYT",
        place_name="Vĩnh Long",
    )
    hospital = UnitFactory(
        name="Bệnh viện Đa khoa tỉnh",
        parent=health,
        level=UnitLevel.BASE,
        unit_type=UnitType.PUBLIC_SERVICE,
    )
    officer = OfficerMembershipFactory(unit=hospital).user
    health_officer = OfficerMembershipFactory(unit=health).user
    deputy = OfficerMembershipFactory(unit=health, role=OfficerRole.DEPUTY).user
    signer = UnitSignerFactory(
        unit=health, full_name="Võ Hoàng Khải", position="PHÓ GIÁM ĐỐC", kind=SignerKind.DEPUTY
    )
    nurse = IndividualFactory(full_name="Nguyễn Thị Ngọc Hằng", unit=hospital)
    return locals()


def sent_at(day: datetime.date) -> datetime.datetime:
    """10:00 in Việt Nam on ``day``."""
    return datetime.datetime.combine(day, datetime.time(3), tzinfo=datetime.UTC)


@pytest.fixture
def statistics_world():
    """A district with two communes and the police, under the province, with figures
    worked out by hand (``tests/awards/test_statistics.py`` spells them out):

    ========  ============================  ====  =========  ==========  ===========
    unit      subject                       sent  awarded    amount      days
    ========  ============================  ====  =========  ==========  ===========
    commune1  An (viên chức, nữ)            yes   05/10/21   710.000     34
    commune1  Bình (viên chức, nam, leader) yes   no
    commune2  the commune itself            yes   05/10/21   1.410.000   60
    district  Cường (công chức, nam)        yes   no
    police    Dũng (chiến sĩ, nam), fast    yes   10/01/22   2.340.000   10
    police    Em (chiến sĩ), draft          no    no
    ========  ============================  ====  =========  ==========  ===========
    """
    province = UnitFactory(name="Ủy ban nhân dân tỉnh", level=UnitLevel.PROVINCE)
    district = UnitFactory(name="Huyện Mỏ Cày Nam", parent=province)
    commune1 = UnitFactory(name="Xã An Thạnh", parent=district, level=UnitLevel.COMMUNE)
    commune2 = UnitFactory(name="Xã Đa Phước Hội", parent=district, level=UnitLevel.COMMUNE)
    police = UnitFactory(name="Công an tỉnh", parent=province, unit_type=UnitType.POLICE)
    campaign = CampaignFactory(issuing_unit=province, title="Phong trào phòng, chống COVID-19")
    award = AwardType.objects.get(code="giay-khen")
    high = AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh")

    def person(name, unit, category, gender=Gender.MALE, leader=False):
        return IndividualFactory(
            full_name=name, unit=unit, category=category, gender=gender, is_leader=leader
        )

    def nomination(unit, *, individual=None, collective=None, sent=None, **fields):
        return NominationFactory(
            individual=individual,
            unit=collective,
            nominating_unit=unit,
            campaign=campaign,
            award_type=fields.pop("award_type", award),
            state=fields.pop("state", NominationState.SUBMITTED),
            submitted_at=sent_at(sent) if sent else None,
            **fields,
        )

    sept = datetime.date(2021, 9, 20)
    an = nomination(
        commune1,
        individual=person(
            "Nguyễn Thị An", commune1, IndividualCategory.PUBLIC_EMPLOYEE, Gender.FEMALE
        ),
        sent=sept,
        state=NominationState.AWARDED,
        achieved_on=datetime.date(2021, 9, 1),
        awarded_on=datetime.date(2021, 10, 5),
        award_amount=710_000,
    )
    binh = nomination(
        commune1,
        individual=person(
            "Trần Văn Bình", commune1, IndividualCategory.PUBLIC_EMPLOYEE, leader=True
        ),
        sent=sept,
    )
    collective = nomination(
        commune2,
        collective=commune2,
        sent=sept,
        state=NominationState.AWARDED,
        achieved_on=datetime.date(2021, 8, 6),
        awarded_on=datetime.date(2021, 10, 5),
        award_amount=1_410_000,
    )
    cuong = nomination(
        district,
        individual=person("Lê Văn Cường", district, IndividualCategory.CIVIL_SERVANT),
        sent=datetime.date(2021, 11, 2),
        award_type=high,
    )
    dung = nomination(
        police,
        individual=person("Phạm Văn Dũng", police, IndividualCategory.SOLDIER),
        sent=datetime.date(2021, 12, 31),
        state=NominationState.AWARDED,
        is_fast_track=True,
        achieved_on=datetime.date(2021, 12, 31),
        awarded_on=datetime.date(2022, 1, 10),
        award_amount=2_340_000,
        award_type=high,
    )
    draft = nomination(
        police,
        individual=person("Võ Văn Em", police, IndividualCategory.SOLDIER),
        state=NominationState.DRAFT,
    )
    district_officer = OfficerMembershipFactory(unit=district).user
    police_officer = OfficerMembershipFactory(unit=police).user
    return SimpleNamespace(**locals())
