"""Award decisions: drafting, authority, lines and amounts, numbering, issue, revocation."""

import datetime
import functools
import threading
import time
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection, transaction

from awards.activity import DECISION_ISSUE, DECISION_REVOKE
from awards.enums import (
    DECISION_TRANSITIONS,
    CertificateState,
    DecisionState,
    NominationState,
    RoundingMode,
    RunState,
)
from awards.models import (
    AwardDecision,
    AwardType,
    Certificate,
    CertificateRun,
    Nomination,
    NumberSequence,
    Recipient,
)
from awards.selectors import certificates_visible_to, decisions_visible_to, recipients_visible_to
from awards.services.decisions import (
    DEFAULT_CITATION,
    DecisionError,
    add_recipients,
    certificate_serial,
    check_authority,
    create_decision,
    decision_warnings,
    issue_decision,
    recompute_amounts,
    remove_recipient,
    revoke_decision,
    revoke_recipient,
    set_decision_state,
    update_decision,
)
from common.models import ActivityLog
from tests.factories import (
    CampaignFactory,
    CertificateFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel, UnitType
from units.rules import EMULATION_STAFF_GROUP

pytestmark = pytest.mark.unit

SIGNED = datetime.date(2025, 9, 15)  # the Decree 152/2025 coefficients are in force


def make_world():
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        code="ubnd-tinh-bt",
        level=UnitLevel.PROVINCE,
        document_symbol="UBND",
        place_name="Bến Tre",
    )
    health = UnitFactory(name="Sở Y tế", code="so-y-te", parent=province, document_symbol="SYT")
    hospital = UnitFactory(
        name="Bệnh viện Nguyễn Đình Chiểu",
        code="bv-ndc",
        parent=health,
        level=UnitLevel.BASE,
        unit_type=UnitType.PUBLIC_SERVICE,
    )
    ward = UnitFactory(
        name="Khoa Hồi sức tích cực",
        code="khoa-hstc",
        parent=hospital,
        level=UnitLevel.BASE,
        unit_type=UnitType.PUBLIC_SERVICE,
    )
    return {
        "province": province,
        "health": health,
        "hospital": hospital,
        "ward": ward,
        "bang_khen": AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        "giay_khen": AwardType.objects.get(code="giay-khen"),
        "campaign": CampaignFactory(issuing_unit=province),
    }


@pytest.fixture
def world(db):
    return make_world()


def approved(world, award=None, **subject):
    subject = subject or {"individual": IndividualFactory(unit=world["ward"])}
    subject.setdefault("individual", None)  # a collective: no individual
    return NominationFactory(
        **subject,
        nominating_unit=world["health"],
        campaign=world["campaign"],
        award_type=award or world["bang_khen"],
        state=NominationState.APPROVED,
    )


def draft(world, by, *, issuer=None, award=None, signed=SIGNED, **kwargs):
    return create_decision(
        by=by,
        issuer=issuer or world["province"],
        award_type=award or world["bang_khen"],
        signed_date=signed,
        signer_name="Trần Minh Hiển",
        signer_title="PHÓ CHỦ TỊCH",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_capacity="KT. CHỦ TỊCH",
        campaign=world["campaign"],
        **kwargs,
    )


def issue(decision, by):
    """Issue.  In these tests the transaction never commits, so its after-commit
    work (rendering, notifications) does not run."""
    return issue_decision(decision, by=by)


# --- Drafting and authority ---------------------------------------------------------------


def test_a_new_draft_takes_its_defaults_from_the_issuer(world, staff_user):
    decision = draft(world, staff_user)
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    assert decision.number is None
    assert decision.year == 2025
    assert decision.symbol == "QĐ-UBND"
    assert decision.place == "Bến Tre"
    assert decision.citation == DEFAULT_CITATION
    assert decision.legal_basis.splitlines() == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều "
        "của Luật Thi đua, khen thưởng;",
        "Xét đề nghị của Giám đốc Sở Nội vụ.",
    ]
    assert decision.executors.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ")
    assert decision.executors.endswith(
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
    )
    assert decision.distribution == "Như Điều 3;\nLưu: VT."
    assert decision.created_by == staff_user
    entry = ActivityLog.objects.for_object(decision).get()
    assert (entry.action, entry.new_state, entry.actor) == (
        "decision.create",
        DecisionState.DRAFT,
        staff_user,
    )


def test_a_department_gets_its_own_symbol_and_given_texts_are_kept(world, staff_user):
    decision = draft(
        world,
        staff_user,
        issuer=world["health"],
        award=world["giay_khen"],
        place="Mỏ Cày",
        legal_basis="Căn cứ A;",
        distribution="",
    )
    assert decision.symbol == "QĐ-SYT"
    assert decision.place == "Mỏ Cày"
    assert decision.legal_basis == "Căn cứ A;"
    assert decision.distribution == ""
    assert "Ủy ban nhân dân tỉnh" not in decision.executors


def test_a_department_may_not_decide_the_provincial_chairs_certificate(world, staff_user):
    with pytest.raises(DecisionError) as raised:
        draft(world, staff_user, issuer=world["health"], award=world["bang_khen"])
    assert str(raised.value) == (
        "Sở Y tế không có thẩm quyền quyết định tặng “Bằng khen của Chủ tịch UBND tỉnh” "
        "(ngày 15/09/2025). Thẩm quyền quyết định thuộc: Chủ tịch UBND tỉnh."
    )
    assert not AwardDecision.objects.exists()


def test_national_titles_must_be_proposed_upward_by_everyone(world):
    national = AwardType.objects.get(code="chien-si-thi-dua-toan-quoc")
    for issuer in (world["province"], world["health"]):
        with pytest.raises(DecisionError, match="Thủ tướng Chính phủ quyết định.*khen cao"):
            check_authority(issuer, national, SIGNED)
    check_authority(world["health"], world["giay_khen"], SIGNED)  # within its authority


def test_authority_is_checked_again_at_issue(world, staff_user):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    # The administrator ends the provincial chair's row the day before the decision.
    world["bang_khen"].authorities.update(effective_to=SIGNED - datetime.timedelta(days=1))
    with pytest.raises(DecisionError, match="Bảng thẩm quyền chưa có quy định"):
        issue(decision, staff_user)
    decision.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.DRAFT, None)
    assert not NumberSequence.objects.exists()


def test_a_district_decides_until_30_june_2025_and_not_after(world, staff_user):
    district = UnitFactory(
        name="UBND huyện Châu Thành", parent=world["province"], level=UnitLevel.DISTRICT
    )
    kept = draft(
        world,
        staff_user,
        issuer=district,
        award=world["giay_khen"],
        signed=datetime.date(2025, 6, 30),
    )
    with pytest.raises(DecisionError, match="UBND huyện Châu Thành không có thẩm quyền"):
        draft(
            world,
            staff_user,
            issuer=district,
            award=world["giay_khen"],
            signed=datetime.date(2025, 7, 1),
        )
    assert list(AwardDecision.objects.all()) == [kept]


def test_a_hospital_decides_the_certificate_of_merit_for_its_staff(world, staff_user):
    decision = draft(world, staff_user, issuer=world["hospital"], award=world["giay_khen"])
    result = add_recipients(decision, [approved(world, world["giay_khen"])], by=staff_user)
    assert result.added == 1
    issue(decision, staff_user)
    assert decision.state == DecisionState.ISSUED


def police_nomination(world, award):
    """An approved nomination of a police officer: outside the health branch."""
    police = UnitFactory(name="Công an tỉnh", parent=world["province"])
    return approved(
        world, award, individual=IndividualFactory(full_name="Võ Văn Cảnh", unit=police)
    )


def test_adding_someone_outside_the_branch_refuses_the_whole_list(world, staff_user):
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    inside = approved(world, world["giay_khen"])
    with pytest.raises(DecisionError) as raised:
        add_recipients(
            decision, [inside, police_nomination(world, world["giay_khen"])], by=staff_user
        )
    assert str(raised.value) == (
        "Sở Y tế chỉ khen thưởng người, tập thể của đơn vị mình và các đơn vị trực thuộc; "
        "không thuộc phạm vi này: Võ Văn Cảnh (Công an tỉnh)."
    )
    assert not decision.recipients.exists()
    assert list(ActivityLog.objects.for_object(decision).values_list("action", flat=True)) == [
        "decision.create"
    ]


def test_a_line_outside_the_branch_is_refused_again_at_issue(world, staff_user):
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    add_recipients(decision, [approved(world, world["giay_khen"])], by=staff_user)
    police = UnitFactory(name="Công an tỉnh", parent=world["province"])
    # Written around the service (as an import or a repair would).
    Recipient.objects.create(decision=decision, unit=police, sort_order=2)
    with pytest.raises(DecisionError, match=r"không thuộc phạm vi này: Công an tỉnh \(Công an"):
        issue(decision, staff_user)
    decision.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.DRAFT, None)
    assert not NumberSequence.objects.exists()
    assert not Certificate.objects.exists()


def test_moving_a_draft_to_an_issuer_whose_branch_misses_a_line_is_refused(world, staff_user):
    decision = draft(world, staff_user, award=world["giay_khen"], issuer=world["health"])
    add_recipients(decision, [approved(world, world["giay_khen"])], by=staff_user)
    other = UnitFactory(name="Sở Giáo dục và Đào tạo", parent=world["province"])
    with pytest.raises(DecisionError, match="Sở Giáo dục và Đào tạo chỉ khen thưởng"):
        update_decision(decision, by=staff_user, issuer=other)
    decision.refresh_from_db()
    assert decision.issuer == world["health"]


def test_warnings_name_a_line_outside_the_branch(world, staff_user):
    decision = draft(world, staff_user, issuer=world["health"], award=world["giay_khen"])
    police = UnitFactory(name="Công an tỉnh", parent=world["province"])
    Recipient.objects.create(decision=decision, unit=police, sort_order=1)
    assert decision_warnings(decision)[0] == (
        "Sở Y tế chỉ khen thưởng người, tập thể của đơn vị mình và các đơn vị trực thuộc; "
        "không thuộc phạm vi này: Công an tỉnh (Công an tỉnh)."
    )


def test_a_fixed_amount_is_only_for_non_statutory_forms(world, staff_user):
    with pytest.raises(DecisionError, match="thư khen"):
        draft(world, staff_user, fixed_amount=500_000)
    thu_khen = AwardType.objects.get(code="thu-khen")
    decision = draft(world, staff_user, award=thu_khen, fixed_amount=500_000)
    result = add_recipients(decision, [approved(world, thu_khen)], by=staff_user)
    assert result.added == 1
    line = decision.recipients.get()
    assert (line.coefficient, line.multiplier, line.base_salary, line.amount) == (
        None,
        None,
        None,
        500_000,
    )


def test_a_cash_award_is_issued_with_its_fixed_amount_and_no_certificate(world, staff_user):
    thuong_nong = AwardType.objects.get(code="thuong-nong")
    decision = draft(world, staff_user, award=thuong_nong, fixed_amount=2_000_000)
    nurse = approved(world, thuong_nong)
    ward = approved(world, thuong_nong, unit=world["ward"])
    add_recipients(decision, [nurse, ward], by=staff_user)

    issue(decision, staff_user)

    decision.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.ISSUED, 1)
    lines = list(decision.recipients.order_by("sort_order"))
    assert [(line.amount, line.coefficient, line.golden_register_number) for line in lines] == [
        (2_000_000, None, ""),
        (2_000_000, None, ""),
    ]
    assert not Certificate.objects.filter(recipient__decision=decision).exists()
    assert not NumberSequence.objects.filter(name="golden_register").exists()
    nurse.refresh_from_db()
    assert nurse.state == NominationState.AWARDED
    entry = ActivityLog.objects.for_object(decision).get(action=DECISION_ISSUE)
    assert (entry.data["total"], entry.data["golden_register"]) == (4_000_000, [])


def test_a_cash_award_without_its_amount_is_not_issued(world, staff_user):
    thuong_nong = AwardType.objects.get(code="thuong-nong")
    decision = draft(world, staff_user, award=thuong_nong)
    nomination = approved(world, thuong_nong)
    add_recipients(decision, [nomination], by=staff_user)
    message = (
        "“Thưởng nóng” là khoản tiền thưởng: nhập mức thưởng (đồng) cho mỗi người, tập thể "
        "trên quyết định trước khi ban hành."
    )
    assert decision_warnings(decision) == [message]

    with pytest.raises(DecisionError) as refusal:
        issue(decision, staff_user)

    assert str(refusal.value) == message
    decision.refresh_from_db()
    nomination.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.DRAFT, None)
    assert nomination.state == NominationState.APPROVED
    assert not NumberSequence.objects.exists()
    assert not Certificate.objects.exists()


# --- Recipient lines and amounts ----------------------------------------------------------


def test_approved_nominations_become_lines_with_every_figure(world, staff_user):
    doctor = IndividualFactory(full_name="Lê Thị Hồng", position="Bác sĩ", unit=world["ward"])
    household = IndividualFactory(
        full_name="Phạm Văn Lợi", unit=world["hospital"], is_household=True
    )
    nominations = [
        approved(world, individual=doctor),
        approved(world, unit=world["ward"]),
        approved(world, unit=world["health"]),
        approved(world, individual=household),
    ]
    decision = draft(world, staff_user)
    result = add_recipients(decision, nominations, by=staff_user)
    assert (result.added, result.skipped) == (4, 0)

    lines = {line.nomination_id: line for line in decision.recipients.all()}
    doctor_line = lines[nominations[0].pk]
    assert doctor_line.individual == doctor
    assert doctor_line.position_and_unit == (
        "Bác sĩ, Khoa Hồi sức tích cực, Bệnh viện Nguyễn Đình Chiểu"
    )
    assert (
        doctor_line.coefficient,
        doctor_line.multiplier,
        doctor_line.base_salary,
        doctor_line.amount,
    ) == (Decimal("1.5"), Decimal("1"), 2_340_000, 3_510_000)
    ward_line = lines[nominations[1].pk]
    assert ward_line.unit == world["ward"]
    assert ward_line.position_and_unit == "Bệnh viện Nguyễn Đình Chiểu"
    assert (ward_line.multiplier, ward_line.amount) == (Decimal("2"), 7_020_000)
    # A department's parent is the province itself: nothing to print.
    assert lines[nominations[2].pk].position_and_unit == ""
    household_line = lines[nominations[3].pk]
    assert household_line.position_and_unit == "Bệnh viện Nguyễn Đình Chiểu"
    # 1.5 × 2,340,000 × 1.5 = 5,265,000 → 5,270,000
    assert (household_line.multiplier, household_line.amount) == (Decimal("1.5"), 5_270_000)
    assert sorted(line.sort_order for line in lines.values()) == [1, 2, 3, 4]
    entry = ActivityLog.objects.for_object(decision).filter(action="decision.add_recipients").get()
    assert entry.data["added"] == 4


def test_only_approved_nominations_of_the_same_form_are_added(world, staff_user):
    good = approved(world)
    submitted = approved(world)
    Nomination.objects.filter(pk=submitted.pk).update(state=NominationState.SUBMITTED)
    other_form = approved(world, world["giay_khen"])
    decision = draft(world, staff_user)

    result = add_recipients(decision, [good, submitted, other_form], by=staff_user)
    assert (result.added, result.not_approved, result.other_award_type) == (1, 1, 1)
    assert list(decision.recipients.values_list("nomination_id", flat=True)) == [good.pk]

    again = add_recipients(decision, Nomination.objects.filter(pk=good.pk), by=staff_user)
    assert (again.added, again.already_listed) == (0, 1)

    other_draft = draft(world, staff_user)
    elsewhere = add_recipients(other_draft, [good], by=staff_user)
    assert (elsewhere.added, elsewhere.on_other_decision) == (0, 1)


def test_a_removed_line_frees_its_nomination(world, staff_user):
    nomination = approved(world)
    decision = draft(world, staff_user)
    add_recipients(decision, [nomination], by=staff_user)
    remove_recipient(decision.recipients.get(), by=staff_user)
    assert not decision.recipients.exists()
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPROVED
    assert add_recipients(draft(world, staff_user), [nomination], by=staff_user).added == 1
    assert ActivityLog.objects.for_object(decision).filter(action="decision.remove_recipient")


def test_amounts_follow_the_date_and_rounding_of_the_draft(world, staff_user):
    decision = draft(world, staff_user, award=world["giay_khen"], issuer=world["health"])
    add_recipients(decision, [approved(world, world["giay_khen"])], by=staff_user)
    assert decision.recipients.get().amount == 710_000
    update_decision(decision, by=staff_user, rounding_mode=RoundingMode.NEAREST)
    assert decision.recipients.get().amount == 700_000
    update_decision(
        decision,
        by=staff_user,
        rounding_mode=RoundingMode.UP,
        signed_date=datetime.date(2026, 7, 1),
    )
    line = decision.recipients.get()
    assert (line.base_salary, line.amount) == (2_530_000, 760_000)
    decision.refresh_from_db()
    assert decision.year == 2026
    assert recompute_amounts(decision, by=staff_user) == []


def test_the_form_cannot_change_once_lines_exist(world, staff_user):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    with pytest.raises(DecisionError, match="xóa các dòng"):
        update_decision(decision, by=staff_user, award_type=world["giay_khen"])


def assert_not_issued(decision, nomination):
    """A refused issue changed nothing: still a draft without a number, the nomination
    still approved, no number used and no certificate made."""
    decision.refresh_from_db()
    nomination.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.DRAFT, None)
    assert nomination.state == NominationState.APPROVED
    assert not NumberSequence.objects.exists()
    assert not Certificate.objects.exists()


def test_missing_coefficient_blocks_the_issue_without_using_a_number(world, staff_user):
    """A decision of 15 September 2017: no decree on file was in force yet (91/2017
    took effect on 1 October 2017)."""
    nomination = approved(world)
    decision = draft(world, staff_user, signed=datetime.date(2017, 9, 15))
    assert add_recipients(decision, [nomination], by=staff_user).added == 1
    line = decision.recipients.get()
    assert (line.coefficient, line.base_salary, line.amount) == (None, None, 0)
    warnings = decision_warnings(decision)
    assert len(warnings) == 1
    assert "Bằng khen của Chủ tịch UBND tỉnh" in warnings[0]
    assert "15/09/2017" in warnings[0]
    assert recompute_amounts(decision, by=staff_user) == warnings

    with pytest.raises(DecisionError, match="Chưa có hệ số tiền thưởng"):
        issue(decision, staff_user)
    assert_not_issued(decision, nomination)


# --- Issuing ------------------------------------------------------------------------------


def test_issue_numbers_freezes_awards_logs_and_queues_certificates(
    world, staff_user, django_capture_on_commit_callbacks
):
    nominations = [approved(world), approved(world, unit=world["ward"])]
    decision = draft(world, staff_user)
    add_recipients(decision, nominations, by=staff_user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issue(decision, staff_user)

    decision.refresh_from_db()
    assert decision.state == DecisionState.ISSUED
    assert (decision.year, decision.number, decision.reference) == (2025, 1, "1/QĐ-UBND")
    assert decision.issued_by == staff_user
    assert decision.issued_at is not None

    lines = list(decision.recipients.order_by("sort_order"))
    assert [line.golden_register_number for line in lines] == ["1", "2"]
    assert [line.amount for line in lines] == [3_510_000, 7_020_000]
    certificates = list(Certificate.objects.filter(recipient__decision=decision).order_by("serial"))
    assert [(c.recipient_id, c.serial, c.state, c.file.name) for c in certificates] == [
        (lines[0].pk, "UBND-TINH-BT-2025-0001-001", CertificateState.VALID, ""),
        (lines[1].pk, "UBND-TINH-BT-2025-0001-002", CertificateState.VALID, ""),
    ]
    assert len({c.token for c in certificates}) == 2

    for nomination, line in zip(nominations, lines, strict=True):
        nomination.refresh_from_db()
        assert nomination.state == NominationState.AWARDED
        # What the statistics count (services/outcomes.py): the date and the bonus.
        assert (nomination.awarded_on, nomination.award_amount) == (SIGNED, line.amount)
        entry = ActivityLog.objects.for_object(nomination).get()
        assert (entry.previous_state, entry.new_state, entry.actor) == (
            NominationState.APPROVED,
            NominationState.AWARDED,
            staff_user,
        )
        assert entry.note == "Quyết định số 1/QĐ-UBND ngày 15/09/2025"

    issued = ActivityLog.objects.for_object(decision).get(action="decision.issue")
    assert (issued.previous_state, issued.new_state, issued.actor) == (
        DecisionState.DRAFT,
        DecisionState.ISSUED,
        staff_user,
    )
    assert issued.data == {
        "reference": "1/QĐ-UBND",
        "recipients": 2,
        "total": 10_530_000,
        "golden_register": [1, 2],
    }

    run = CertificateRun.objects.get(decision=decision)
    assert (run.state, run.total, run.requested_by) == (RunState.PENDING, 2, staff_user)
    # Queued after commit, not run: the render task only (nobody is notified
    # of "awarded"; the unit hears when its certificates are ready), besides the public
    # pages' cache, retired again on commit (common/cache.py: bump).
    assert len(callbacks) == 2
    assert [c.__qualname__ for c in callbacks if not isinstance(c, functools.partial)] == [
        "bump.<locals>.<lambda>"
    ]


def test_numbers_run_per_issuer_and_year_and_registers_never_restart(world, staff_user):
    def issued(issuer, award, signed):
        decision = draft(world, staff_user, issuer=issuer, award=award, signed=signed)
        add_recipients(decision, [approved(world, award)], by=staff_user)
        issue(decision, staff_user)
        decision.refresh_from_db()
        return decision

    bk, gk = world["bang_khen"], world["giay_khen"]
    province, health = world["province"], world["health"]
    in_2025 = [issued(province, bk, SIGNED) for _ in range(3)]
    assert [d.number for d in in_2025] == [1, 2, 3]
    department = issued(health, gk, SIGNED)
    assert (department.number, department.reference) == (1, "1/QĐ-SYT")
    next_year = issued(province, bk, datetime.date(2026, 1, 5))
    assert (next_year.year, next_year.number) == (2026, 1)
    assert issued(province, bk, datetime.date(2025, 12, 31)).number == 4

    registers = [d.recipients.get().golden_register_number for d in [*in_2025, next_year]]
    assert registers == ["1", "2", "3", "4"]
    assert department.recipients.get().golden_register_number == "1"


def test_numbering_continues_after_a_decision_entered_outside_the_sequence(world, staff_user):
    """E.g. decision 1234 of 2021 entered by an administrator or imported."""
    AwardDecision.objects.create(
        issuer=world["province"],
        award_type=world["bang_khen"],
        year=2025,
        number=1234,
        state=DecisionState.ISSUED,
        signed_date=datetime.date(2025, 8, 1),
        place="Bến Tre",
        signer_name="Trần Minh Hiển",
        signer_title="PHÓ CHỦ TỊCH",
        citation=DEFAULT_CITATION,
    )
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    issue(decision, staff_user)
    decision.refresh_from_db()
    assert decision.number == 1235
    assert NumberSequence.objects.get(name="decision").last_value == 1235


def test_an_empty_draft_cannot_be_issued(world, staff_user):
    decision = draft(world, staff_user)
    with pytest.raises(DecisionError, match="chưa có người, tập thể nào"):
        issue(decision, staff_user)


def test_an_issued_decision_is_locked(world, staff_user):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    issue(decision, staff_user)
    stale = AwardDecision.objects.get(pk=decision.pk)
    stale.state = DecisionState.DRAFT  # a page loaded before the issue

    with pytest.raises(DecisionError, match="đã được ban hành"):
        issue(stale, staff_user)
    with pytest.raises(DecisionError, match="không thể sửa"):
        add_recipients(stale, [approved(world)], by=staff_user)
    with pytest.raises(DecisionError, match="không thể sửa"):
        remove_recipient(decision.recipients.get(), by=staff_user)
    with pytest.raises(DecisionError, match="không thể sửa"):
        update_decision(stale, by=staff_user, citation="Khác")
    with pytest.raises(DecisionError, match="không thể sửa"):
        recompute_amounts(stale, by=staff_user)
    assert decision.recipients.count() == 1
    assert AwardDecision.objects.get(pk=decision.pk).number == 1


def test_a_nomination_awarded_elsewhere_stops_the_issue(world, staff_user):
    nomination = approved(world)
    decision = draft(world, staff_user)
    add_recipients(decision, [nomination], by=staff_user)
    Nomination.objects.filter(pk=nomination.pk).update(state=NominationState.AWARDED)
    with pytest.raises(DecisionError, match="không còn ở trạng thái"):
        issue(decision, staff_user)
    assert AwardDecision.objects.get(pk=decision.pk).state == DecisionState.DRAFT


def test_serial_stays_within_32_characters(world):
    long_code = UnitFactory(code="so-tai-nguyen-va-moi-truong-tinh")
    assert len(long_code.code) == 32
    serial = certificate_serial(long_code, 2025, 12, 3)
    assert serial == f"DV{long_code.pk}-2025-0012-003"
    assert certificate_serial(world["province"], 2025, 12, 3) == "UBND-TINH-BT-2025-0012-003"


# --- Revoking -----------------------------------------------------------------------------


@pytest.fixture
def issued_decision(world, staff_user):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world), approved(world), approved(world)], by=staff_user)
    issue(decision, staff_user)
    return decision


def test_revoking_a_line_revokes_its_certificate(issued_decision, staff_user):
    first, second, _third = issued_decision.recipients.order_by("sort_order")
    with pytest.raises(DecisionError, match="lý do"):
        revoke_recipient(first, by=staff_user, reason="  ")

    revoke_recipient(first, by=staff_user, reason="Kê khai thành tích không trung thực")

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert first.revoked_reason == "Kê khai thành tích không trung thực"
    certificate = first.certificates.get()
    assert certificate.state == CertificateState.REVOKED
    assert certificate.revoked_at == first.revoked_at
    assert certificate.revoked_reason == "Kê khai thành tích không trung thực"
    assert second.certificates.get().state == CertificateState.VALID
    issued_decision.refresh_from_db()
    assert issued_decision.state == DecisionState.ISSUED
    first.nomination.refresh_from_db()
    assert first.nomination.state == NominationState.AWARDED  # stays awarded
    # ... but the statistics no longer count its award; the others' still count.
    assert (first.nomination.awarded_on, first.nomination.award_amount) == (None, 0)
    second.nomination.refresh_from_db()
    assert (second.nomination.awarded_on, second.nomination.award_amount) == (
        SIGNED,
        second.amount,
    )

    entry = ActivityLog.objects.for_object(issued_decision).get(action="decision.revoke_recipient")
    assert entry.note == "Kê khai thành tích không trung thực"
    assert entry.data["recipient"] == first.pk
    cert_entry = ActivityLog.objects.for_object(certificate).get()
    assert (cert_entry.action, cert_entry.previous_state, cert_entry.new_state) == (
        "certificate.revoke",
        CertificateState.VALID,
        CertificateState.REVOKED,
    )
    with pytest.raises(DecisionError, match="đã bị thu hồi"):
        revoke_recipient(first, by=staff_user, reason="Lần nữa")


def test_revoking_the_decision_revokes_every_line_and_valid_certificate(
    issued_decision, staff_user
):
    first, second, third = issued_decision.recipients.order_by("sort_order")
    revoke_recipient(first, by=staff_user, reason="Sai tên")
    # A certificate replaced by a reissue keeps its state.
    replaced = second.certificates.get()
    replaced.state = CertificateState.REPLACED
    replaced.save()
    newer = CertificateFactory(recipient=second, serial="UBND-TINH-BT-2025-0001-002-R")

    revoke_decision(issued_decision, by=staff_user, reason="Hồ sơ giả mạo")

    assert set(
        Nomination.objects.filter(recipient_lines__decision=issued_decision).values_list(
            "awarded_on", "award_amount"
        )
    ) == {(None, 0)}
    issued_decision.refresh_from_db()
    assert issued_decision.state == DecisionState.REVOKED
    assert issued_decision.revoked_reason == "Hồ sơ giả mạo"
    assert issued_decision.revoked_at is not None
    first.refresh_from_db()
    assert first.revoked_reason == "Sai tên"  # revoked before: left as it was
    for line in (second, third):
        line.refresh_from_db()
        assert (line.revoked_at, line.revoked_reason) == (
            issued_decision.revoked_at,
            "Hồ sơ giả mạo",
        )
    states = dict(
        Certificate.objects.filter(recipient__decision=issued_decision).values_list(
            "serial", "state"
        )
    )
    assert states == {
        "UBND-TINH-BT-2025-0001-001": CertificateState.REVOKED,
        "UBND-TINH-BT-2025-0001-002": CertificateState.REPLACED,
        "UBND-TINH-BT-2025-0001-002-R": CertificateState.REVOKED,
        "UBND-TINH-BT-2025-0001-003": CertificateState.REVOKED,
    }
    newer.refresh_from_db()
    assert newer.revoked_reason == "Hồ sơ giả mạo"
    entry = ActivityLog.objects.for_object(issued_decision).get(action="decision.revoke")
    assert (entry.previous_state, entry.new_state, entry.note) == (
        DecisionState.ISSUED,
        DecisionState.REVOKED,
        "Hồ sơ giả mạo",
    )
    assert entry.data == {"recipients": 2, "certificates": 2}
    assert Nomination.objects.filter(state=NominationState.AWARDED).count() == 3

    with pytest.raises(DecisionError, match="đã bị thu hồi"):
        revoke_decision(issued_decision, by=staff_user, reason="Lần nữa")


def test_a_draft_cannot_be_revoked_and_reason_is_required(world, staff_user, issued_decision):
    with pytest.raises(DecisionError, match="Dự thảo"):
        revoke_decision(draft(world, staff_user), by=staff_user, reason="Không cần")
    with pytest.raises(DecisionError, match="lý do"):
        revoke_decision(issued_decision, by=staff_user, reason="")
    assert AwardDecision.objects.get(pk=issued_decision.pk).state == DecisionState.ISSUED


# --- Concurrency: real transactions in two threads ----------------------------------------


@contextmanager
def after_commit_work_withheld():
    """A transaction whose after-commit callbacks (render and notification tasks)
    are collected instead of run: the thread-local stand-in for
    ``django_capture_on_commit_callbacks(execute=False)``."""
    callbacks = []
    with transaction.atomic():
        yield callbacks
        callbacks.extend(callback for _ids, callback, _robust in connection.run_on_commit)
        connection.run_on_commit.clear()


def in_threads(*functions):
    """Run the functions at the same moment, one thread and DB connection each.

    Returns one ("ok", (value, after-commit callbacks)) or ("error", exception)
    per function.

    The SQLite test database lives in memory with a shared cache, where a second
    ``BEGIN IMMEDIATE`` fails at once with "database table is locked" instead of
    waiting as a file database does (``busy_timeout`` does not apply to
    shared-cache locks).  So, on SQLite only, a thread that could not *begin*
    its transaction waits and begins again: the stand-in for the busy timeout.
    Nothing is retried once the transaction has begun.
    """
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait(timeout=10)
            for _attempt in range(2000):
                begun = False
                try:
                    with after_commit_work_withheld() as callbacks:
                        begun = True
                        value = function()
                    break
                except OperationalError as error:
                    if begun or connection.vendor != "sqlite" or "locked" not in str(error):
                        raise
                    time.sleep(0.005)
            results[index] = ("ok", (value, len(callbacks)))
        except Exception as error:  # reported to the test
            results[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def threaded_world(reference_data):
    world = make_world()
    staff = UserFactory(username="staff_threads")
    staff.groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))
    return world, staff


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("issued_before", "expected"),
    [
        # The first decisions of the year: both create the sequence row at once.
        (0, [1, 2]),
        # Later in the year: both lock the existing row.
        (7, [8, 9]),
    ],
)
def test_two_decisions_issued_at_the_same_moment_get_consecutive_numbers(
    threaded_world, issued_before, expected
):
    world, staff = threaded_world
    if issued_before:
        NumberSequence.objects.create(
            issuer=world["province"], name="decision", year=2025, last_value=issued_before
        )
    decisions = []
    for _ in range(2):
        decision = draft(world, staff)
        add_recipients(decision, [approved(world), approved(world)], by=staff)
        decisions.append(decision)

    results = in_threads(*(lambda d=d: issue_decision(d, by=staff).number for d in decisions))

    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert sorted(value[0] for _kind, value in results) == expected
    # the render task; the public pages' cache and the namespaces of the tables written
    # retired again on commit (common/cache.py)
    assert all(value[1] == 3 for _kind, value in results), results
    stored = AwardDecision.objects.order_by("number").values_list("number", "state")
    assert list(stored) == [(n, DecisionState.ISSUED) for n in expected]
    sequence = NumberSequence.objects.get(name="decision")
    assert (sequence.year, sequence.last_value) == (2025, expected[-1])
    registers = sorted(
        int(n) for n in Recipient.objects.values_list("golden_register_number", flat=True)
    )
    assert registers == [1, 2, 3, 4]
    assert Certificate.objects.count() == 4
    assert CertificateRun.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_decision_issued_twice_at_once_is_issued_once(threaded_world):
    world, staff = threaded_world
    decision = draft(world, staff)
    add_recipients(decision, [approved(world)], by=staff)
    copies = [AwardDecision.objects.get(pk=decision.pk) for _ in range(2)]

    results = in_threads(*(lambda d=d: issue_decision(d, by=staff).number for d in copies))

    kinds = sorted(kind for kind, _value in results)
    assert kinds == ["error", "ok"], results
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, DecisionError)
    assert "đã được ban hành (số 1/QĐ-UBND)" in str(error)
    assert NumberSequence.objects.get(name="decision").last_value == 1
    assert Certificate.objects.count() == 1
    assert CertificateRun.objects.count() == 1
    assert ActivityLog.objects.filter(action="decision.issue").count() == 1


# --- Who sees which lines and certificates ------------------------------------------------


def test_officers_see_the_lines_and_certificates_of_their_units_only(world, staff_user):
    police = UnitFactory(name="Công an tỉnh", code="cong-an", parent=world["province"])
    hospital_officer = OfficerMembershipFactory(unit=world["hospital"]).user
    police_officer = OfficerMembershipFactory(unit=police).user
    council = CouncilMembershipFactory().user

    decision = draft(world, staff_user)
    add_recipients(
        decision,
        [
            approved(world),  # an individual of the ward, below the hospital
            approved(world, unit=world["ward"]),  # the ward itself
            approved(world, individual=IndividualFactory(unit=police)),
        ],
        by=staff_user,
    )
    pending = draft(world, staff_user)
    add_recipients(pending, [approved(world)], by=staff_user)
    # Drafts are not shown to officers.
    assert not decisions_visible_to(hospital_officer).exists()
    assert not recipients_visible_to(hospital_officer).exists()

    issue(decision, staff_user)
    ward_lines = set(
        decision.recipients.exclude(individual__unit=police).values_list("pk", flat=True)
    )
    assert set(recipients_visible_to(hospital_officer).values_list("pk", flat=True)) == ward_lines
    assert (
        set(certificates_visible_to(hospital_officer).values_list("recipient_id", flat=True))
        == ward_lines
    )
    assert certificates_visible_to(police_officer).count() == 1
    assert list(decisions_visible_to(police_officer)) == [decision]
    for everyone in (staff_user, council):
        assert set(decisions_visible_to(everyone)) == {decision, pending}
        assert certificates_visible_to(everyone).count() == 3
    anonymous = AnonymousUser()
    assert not decisions_visible_to(anonymous).exists()
    assert not certificates_visible_to(anonymous).exists()
    assert not decisions_visible_to(UserFactory()).exists()  # no role at all


# --- Only staff change decisions, whoever calls the service ----------------------------------


@pytest.fixture(params=["officer", "council member"])
def outsider(request, world):
    """A signed-in user who may read decisions but not compose, issue or revoke them."""
    if request.param == "officer":
        return OfficerMembershipFactory(unit=world["province"]).user
    return CouncilMembershipFactory().user


NOT_ALLOWED = "không có quyền"


def snapshot():
    """Everything a decision service may write, to show that a refusal wrote nothing."""
    return {
        "decisions": list(AwardDecision.objects.order_by("pk").values()),
        "lines": list(Recipient.objects.order_by("pk").values()),
        "nominations": list(Nomination.objects.order_by("pk").values("pk", "state")),
        "certificates": list(Certificate.objects.order_by("pk").values()),
        "runs": CertificateRun.objects.count(),
        "numbers": list(NumberSequence.objects.order_by("pk").values()),
        "log": ActivityLog.objects.count(),
    }


def test_an_outsider_cannot_create_a_decision(world, outsider):
    before = snapshot()
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        draft(world, outsider)
    assert snapshot() == before


def test_an_outsider_cannot_edit_a_draft(world, staff_user, outsider):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    before = snapshot()
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        update_decision(decision, by=outsider, signer_name="Người khác")
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        recompute_amounts(decision, by=outsider)
    assert snapshot() == before


def test_an_outsider_cannot_add_or_remove_lines(world, staff_user, outsider):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    waiting = approved(world)
    before = snapshot()
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        add_recipients(decision, [waiting], by=outsider)
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        remove_recipient(decision.recipients.get(), by=outsider)
    assert snapshot() == before


def test_an_outsider_cannot_issue_and_no_number_is_used(world, staff_user, outsider):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world), approved(world)], by=staff_user)
    before = snapshot()
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        issue_decision(decision, by=outsider)
    assert snapshot() == before
    assert decision.state == DecisionState.DRAFT
    assert issue(decision, staff_user).number == 1  # the number was not consumed


def test_an_outsider_cannot_revoke_a_decision_or_a_line(issued_decision, outsider):
    line = issued_decision.recipients.order_by("sort_order").first()
    before = snapshot()
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        revoke_decision(issued_decision, by=outsider, reason="Hồ sơ giả mạo")
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        revoke_recipient(line, by=outsider, reason="Hồ sơ giả mạo")
    assert snapshot() == before
    assert issued_decision.state == DecisionState.ISSUED


# --- One checked function moves a decision's state ---------------------------------------


@pytest.mark.parametrize(
    ("state", "target"),
    [
        (old, new)
        for old in DecisionState.values
        for new in (DecisionState.ISSUED, DecisionState.REVOKED)
        if new not in DECISION_TRANSITIONS[old]
    ],
)
def test_decision_moves_outside_the_table_are_refused(world, staff_user, state, target):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world)], by=staff_user)
    if state != DecisionState.DRAFT:
        issue(decision, staff_user)
    if state == DecisionState.REVOKED:
        revoke_decision(decision, by=staff_user, reason="Hồ sơ giả mạo")
    before = snapshot()
    with pytest.raises(DecisionError, match="ban hành|thu hồi"):
        set_decision_state(decision, target, by=staff_user, reason="Lý do")
    assert snapshot() == before


def test_a_stale_copy_of_a_decision_is_refused(issued_decision, staff_user):
    stale = AwardDecision.objects.get(pk=issued_decision.pk)
    stale.state = DecisionState.DRAFT  # as a page loaded before the issue saw it
    before = snapshot()
    with pytest.raises(DecisionError, match="đã được ban hành"):
        issue_decision(stale, by=staff_user)
    assert snapshot() == before


def test_the_state_change_is_logged_with_its_constant(issued_decision, staff_user):
    revoke_decision(issued_decision, by=staff_user, reason="Kê khai không trung thực")
    entries = ActivityLog.objects.for_object(issued_decision).order_by("id")
    assert [(e.action, e.previous_state, e.new_state) for e in entries][-2:] == [
        (DECISION_ISSUE, DecisionState.DRAFT, DecisionState.ISSUED),
        (DECISION_REVOKE, DecisionState.ISSUED, DecisionState.REVOKED),
    ]
    assert entries.last().note == "Kê khai không trung thực"


# --- The signing date -----------------------------------------------------------------------


def test_a_draft_signed_in_9999_is_refused_and_nothing_saved(world, staff_user):
    with pytest.raises(DecisionError, match=r"^Ngày ký: Ngày 31/12/9999 ở tương lai"):
        draft(world, staff_user, signed=datetime.date(9999, 12, 31))

    assert not AwardDecision.objects.exists()
    assert not ActivityLog.objects.exists()


def test_a_draft_cannot_be_moved_to_1999(world, staff_user):
    decision = draft(world, staff_user)

    with pytest.raises(DecisionError, match=r"^Ngày ký: Ngày 31/12/1999 quá xa"):
        update_decision(decision, by=staff_user, signed_date=datetime.date(1999, 12, 31))

    decision.refresh_from_db()
    assert decision.signed_date == SIGNED


def test_a_draft_whose_date_went_out_of_range_does_not_issue(world, staff_user):
    """A date written before the bounds existed (or by hand in the database) is caught
    at issue: no number is used, nothing is awarded."""
    nomination = approved(world)
    decision = draft(world, staff_user)
    add_recipients(decision, [nomination], by=staff_user)
    AwardDecision.objects.filter(pk=decision.pk).update(signed_date=datetime.date(9999, 12, 31))
    decision.refresh_from_db()

    with pytest.raises(DecisionError, match=r"^Ngày ký: Ngày 31/12/9999 ở tương lai"):
        issue(decision, staff_user)

    assert_not_issued(decision, nomination)


# --- Cost at a province's size ------------------------------------------------------------


def _drafted_with(world, staff_user, count):
    decision = draft(world, staff_user)
    add_recipients(decision, [approved(world) for _ in range(count)], by=staff_user)
    return decision


@pytest.mark.parametrize("count", [10, 50])
def test_issuing_costs_the_same_queries_for_10_or_50_lines(
    world, staff_user, count, django_assert_num_queries
):
    decision = _drafted_with(world, staff_user, count)
    ContentType.objects.clear_cache()  # every run pays its look-ups, whatever ran before

    with django_assert_num_queries(38):
        issue(decision, staff_user)

    assert Nomination.objects.filter(state=NominationState.AWARDED).count() == count
    assert Certificate.objects.filter(recipient__decision=decision).count() == count
    awarded = ActivityLog.objects.filter(new_state=NominationState.AWARDED)
    assert awarded.count() == count
    assert {(e.previous_state, e.actor_id, e.note) for e in awarded} == {
        (NominationState.APPROVED, staff_user.pk, "Quyết định số 1/QĐ-UBND ngày 15/09/2025")
    }


@pytest.mark.parametrize("count", [10, 50])
def test_adding_lines_costs_the_same_queries_for_10_or_50(
    world, staff_user, count, django_assert_num_queries
):
    decision = draft(world, staff_user)
    nominations = [approved(world) for _ in range(count)]
    ContentType.objects.clear_cache()

    with django_assert_num_queries(12):
        add_recipients(decision, nominations, by=staff_user)

    assert decision.recipients.count() == count
