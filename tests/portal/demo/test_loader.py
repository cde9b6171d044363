"""``manage.py load_demo``: the Plan 2777 demonstration data, built idempotently."""

import datetime
import unicodedata
from collections import Counter
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from awards.enums import (
    NOMINATION_OPEN_STATES,
    CentralAddressee,
    CentralOutcome,
    CertificateState,
    DecisionState,
    DossierKind,
    NominationState,
    RunState,
    SubjectType,
    SubmissionState,
)
from awards.models import (
    Achievement,
    AwardDecision,
    CentralSubmission,
    Ceremony,
    Certificate,
    DossierFile,
    Evidence,
    Nomination,
    Recipient,
)
from awards.rules import leads_issuer
from awards.services.bonus import compute_bonus
from awards.services.rendering import READY_ACTION
from campaign.activity import CAMPAIGN_CREATE, CAMPAIGN_STATE, INDICATORS_UPDATE, LAUNCH_CREATE
from campaign.enums import (
    CampaignKind,
    CampaignStatus,
    IndicatorKind,
    NoticeBatchState,
    ReminderKind,
    ReminderState,
    ReviewKind,
    RoundKind,
)
from campaign.models import (
    Campaign,
    CampaignReview,
    LaunchDelivery,
    LaunchRun,
    Notice,
    NoticeBatch,
    Registration,
    RegistrationTarget,
    Reminder,
    ReportingRound,
)
from campaign.selectors import branch_totals
from campaign.services.outbox import sweep
from common.enums import JobState
from common.models import ActivityLog, Notification
from council.enums import BallotKind, Choice, ItemOutcome, SessionState, VoteSource
from council.models import Ballot, Minutes, Session, Vote
from council.rules import can_vote
from portal.demo import data
from portal.demo.loader import PATHS
from units.enums import Gender, IndividualCategory, OfficerRole, SignerKind, UnitLevel, UnitType
from units.models import CouncilMembership, Individual, OfficerMembership, Unit, UnitSigner
from units.rules import is_council_member, is_emulation_staff

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

USERNAMES = (
    "admin",
    "staff",
    "officer1",
    "officer2",
    "director1",
    "deputy2",
    "council",
    "chairman",
    "council2",
    "council3",
    "council4",
    "council5",
)


def load(**options):
    out = StringIO()
    call_command("load_demo", force=True, stdout=out, **options)
    return out.getvalue()


def snapshot():
    """Every row of every table, as plain values; except when each reminder rule last
    ran, which a second run updates (it ran them again, writing nothing), to the
    minute of the run."""
    tables = {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
    }
    for row in tables["campaign.ReminderRule"]:
        row.pop("last_run_at")
    return tables


def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
    assert not Unit.objects.exists()
    assert not get_user_model().objects.exists()


def test_runs_with_debug_on_without_force(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert Unit.objects.filter(code="so-y-te").exists()


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_second_run_changes_nothing(demo, settings):
    first = snapshot()
    first_files = stored_files(settings)
    load()
    second = snapshot()
    assert {k: len(v) for k, v in second.items()} == {k: len(v) for k, v in first.items()}
    assert second == first
    assert Evidence.objects.count() == 12
    # 5 proposal letters and the council's minutes filed in the closed session's 2 dossiers
    assert DossierFile.objects.count() == 5 + 2
    # 12 photos, their 12 thumbnails and 5 letters; the 11 certificates of the
    # issued decision and the one reissued in 2022, its document and its print file;
    # a notice per late unit and their print file; none written twice
    # and the units' two giấy khen decisions: their 4 + 2 certificates, documents and
    # print files, and Sở Y tế's ceremony photo; the central package's ZIP and tờ trình
    assert Certificate.objects.exclude(file="").count() == 12 + 6
    notices = Notice.objects.exclude(file="").count()
    assert notices == Notice.objects.count() >= 1
    # and the launch letters of the two campaigns, the sơ kết's PDF, Word and Excel files;
    # the council's minutes and their copy in each of its 2 dossiers; the honour board's
    # 2 consented photos; the photos of the 3 published good practices and their thumbnails
    assert len(first_files) == (
        29 + 12 + 2 + notices + 1 + (6 + 2 + 2 + 1) + 2 + 2 + 3 + 3 + 2 + 3 + 3
    )
    assert stored_files(settings) == first_files


def test_evidence_photos_are_stored_like_uploads(demo):
    evidence = list(Evidence.objects.select_related("achievement"))
    assert len(evidence) == 12
    assert len({e.achievement_id for e in evidence}) == 12
    for item in evidence:
        assert item.content_type == "image/jpeg"
        assert item.original_name.startswith("IMG_") and item.original_name.endswith(".jpg")
        assert item.caption == item.achievement.title
        assert item.uploaded_by == item.achievement.recorded_by
        with item.file.open("rb") as f, Image.open(f) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 800))
        assert item.size == item.file.size
        with item.thumbnail.open("rb") as f, Image.open(f) as thumb:
            assert thumb.format == "JPEG"
            assert max(thumb.size) == 320
    officer1_units = Unit.objects.get(code="so-y-te").path
    assert (
        Evidence.objects.filter(achievement__owner_unit__path__startswith=officer1_units).count()
        >= 6
    )
    fast_track = Nomination.objects.filter(is_fast_track=True)
    assert Evidence.objects.filter(achievement__nominations__in=fast_track).count() == 3


def test_proposal_letters_are_readable_pdfs(demo):
    letters = list(
        DossierFile.objects.filter(kind=DossierKind.PROPOSAL_LETTER).select_related(
            "nomination__award_type"
        )
    )
    assert len(letters) == 5
    for letter in letters:
        assert letter.kind == DossierKind.PROPOSAL_LETTER
        assert letter.content_type == "application/pdf"
        assert letter.original_name == (
            f"Tờ trình đề nghị khen thưởng – {letter.nomination.subject_name}.pdf"
        )
        assert letter.nomination.state != NominationState.DRAFT
        with letter.file.open("rb") as f:
            assert len(PdfReader(f).pages) == 1
    returned = Nomination.objects.filter(state=NominationState.RETURNED, files__isnull=False)
    assert returned.exists()


def test_fast_track_achievements_have_their_moment(demo):
    now = timezone.now()
    for nomination in Nomination.objects.filter(is_fast_track=True):
        achievement = nomination.achievements.get()
        assert achievement.occurred_at is not None
        assert achievement.date == timezone.localdate(achievement.occurred_at)
        assert achievement.occurred_at < nomination.created_at <= nomination.submitted_at
        # what the review queue reads, kept on the nomination by the services
        assert nomination.achieved_at == achievement.occurred_at
        assert nomination.is_pinned == (nomination.state in NOMINATION_OPEN_STATES)
        if nomination.state in (NominationState.SUBMITTED, NominationState.APPROVED):
            # the lane works in hours: sent within two hours of the achievement
            assert nomination.submitted_at - achievement.occurred_at <= datetime.timedelta(hours=2)
            assert now - achievement.occurred_at < datetime.timedelta(days=2)
    assert not Achievement.objects.filter(
        occurred_at__isnull=False, nominations__is_fast_track=False
    ).exists()


def test_the_fast_track_moment_is_kept_on_a_later_run(demo):
    achievement = Achievement.objects.get(
        nominations__is_fast_track=True, nominations__state=NominationState.SUBMITTED
    )
    moment = timezone.now() - datetime.timedelta(hours=30)
    Achievement.objects.filter(pk=achievement.pk).update(occurred_at=moment)
    load()
    achievement.refresh_from_db()
    assert achievement.occurred_at == moment
    assert achievement.date == timezone.localdate(moment)
    assert achievement.nominations.get().achieved_at == moment


def test_summary_lists_counts_and_logins(demo):
    assert "Cá nhân" in demo
    assert "300" in demo
    for username in USERNAMES:
        assert f"  {username} " in demo
    assert "demo12345" in demo


def test_plan_2777_campaign(demo):
    campaign = Campaign.objects.get(plan_number="2777")
    today = datetime.date.today()
    assert campaign.plan_reference == "2777/KH-UBND"
    assert campaign.title == "Phong trào thi đua thực hiện công tác phòng, chống dịch COVID-19"
    assert campaign.issuing_unit.name == "Ủy ban nhân dân tỉnh Bến Tre"
    assert campaign.end_date is None
    assert campaign.start_date == campaign.issue_date
    assert campaign.issue_date.year == 2021
    assert campaign.end_condition == "Đến khi hết dịch bệnh theo công bố của Chính phủ"
    assert campaign.kind == CampaignKind.THEMATIC
    assert campaign.status == CampaignStatus.LAUNCHED
    assert "Chống dịch như chống giặc" in campaign.slogan
    assert "Dập dịch triệt để - Điều trị khỏi bệnh" in campaign.slogan
    assert campaign.target_unit_types == list(UnitType.values)
    assert campaign.target_individual_categories == list(IndividualCategory.values)
    assert set(campaign.allowed_award_types.values_list("code", flat=True)) >= {
        "giay-khen",
        "bang-khen-chu-tich-ubnd-tinh",
        "thu-khen",
    }
    assert campaign.registration_required
    assert today < campaign.registration_deadline < campaign.nomination_deadline
    assert campaign.nomination_deadline < campaign.interim_review_date
    # Every unit of the province takes part.
    assert campaign.participants.count() == Unit.objects.count()

    closed = Campaign.objects.exclude(pk=campaign.pk).get()
    assert closed.kind == CampaignKind.REGULAR
    assert closed.status == CampaignStatus.CLOSED


def test_plan_2777_was_created_and_launched_through_the_staff_services(demo):
    staff = get_user_model().objects.get(username="staff")
    campaign = Campaign.objects.get(plan_number="2777")
    assert len(campaign.content_items) == 4
    assert campaign.content_items[-1].startswith("Tích cực đổi mới, cải tiến cách làm việc")
    assert "Vận động các nhà hảo tâm, mạnh thường quân" in campaign.content_items[-1]
    assert campaign.created_at.date() == campaign.issue_date == datetime.date(2021, 6, 10)
    log = ActivityLog.objects.for_object(campaign).order_by("pk")
    assert [(e.action, e.previous_state, e.new_state) for e in log] == [
        (CAMPAIGN_CREATE, "", CampaignStatus.DRAFT),
        (INDICATORS_UPDATE, "", ""),
        (CAMPAIGN_STATE, CampaignStatus.DRAFT, CampaignStatus.LAUNCHED),
    ]
    assert {e.actor for e in log} == {staff}
    [run] = LaunchRun.objects.filter(campaign=campaign)
    assert run.state == JobState.DONE
    assert run.done == run.total == Unit.objects.count() + 1  # every unit, and the letter
    assert run.date == datetime.date(2021, 6, 12)
    assert run.signer_name == "Trần Minh Hiển"
    assert run.finished_at.date() == run.date
    with run.letter.open("rb") as handle:
        text = unicodedata.normalize("NFC", PdfReader(handle).pages[0].extract_text())
    assert "2777/KH-UBND" in text
    deliveries = LaunchDelivery.objects.filter(campaign=campaign)
    assert deliveries.count() == campaign.participants.count() == Unit.objects.count()
    assert not deliveries.filter(notified_at__isnull=True).exists()
    # officer1 heard of the launch for Sở Y tế in 2021, and read it.
    [told] = Notification.objects.filter(
        activity__action=LAUNCH_CREATE,
        activity__object_id=run.pk,
        recipient__username="officer1",
    )
    assert told.title == "Phát động: " + campaign.title
    assert (told.created_at.date(), told.read_at is not None) == (run.date, True)


def test_plan_2777_indicators(demo):
    campaign = Campaign.objects.get(plan_number="2777")
    assert [(i.name, i.measure, i.kind) for i in campaign.indicators.order_by("position")] == [
        ("Số người được tiêm vắc xin COVID-19", "người", IndicatorKind.NUMBER),
        ("Số lượt xét nghiệm SARS-CoV-2", "lượt xét nghiệm", IndicatorKind.NUMBER),
        (
            "Tiền, hàng vận động từ nhà hảo tâm, mạnh thường quân (quy ra tiền)",
            "đồng",
            IndicatorKind.MONEY,
        ),
        ("Công trình, phần việc phòng, chống dịch", "công trình", IndicatorKind.NUMBER),
        ("Sáng kiến, cách làm hay được áp dụng", "sáng kiến", IndicatorKind.NUMBER),
    ]


def test_the_2024_campaign_was_closed_by_its_decision(demo):
    closed = Campaign.objects.get(plan_number="125")
    assert (closed.closing_number, closed.closing_date) == (
        "58/QĐ-UBND",
        datetime.date(2025, 1, 20),
    )
    assert closed.end_date == datetime.date(2024, 12, 31)  # it had an end date: kept
    assert LaunchRun.objects.get(campaign=closed).state == JobState.DONE
    states = ActivityLog.objects.for_object(closed).filter(action=CAMPAIGN_STATE)
    assert [e.new_state for e in states.order_by("pk")] == [
        CampaignStatus.LAUNCHED,
        CampaignStatus.CLOSED,
    ]


def test_unit_tree(demo):
    assert 35 <= Unit.objects.count() <= 50
    root = Unit.objects.get(code="ubnd-tinh-ben-tre")
    assert root.parent is None
    assert root.level == UnitLevel.PROVINCE
    assert root.issuer_name == "ỦY BAN NHÂN DÂN TỈNH BẾN TRE"
    assert root.document_symbol == "UBND"
    assert root.place_name == "Bến Tre"
    # The demo stays in Bến Tre as Plan 2777 knew it: no successor, no other province.
    assert (root.valid_to, root.successor) == (None, None)
    assert not Unit.objects.filter(name__contains="Vĩnh Long").exists()
    assert not Unit.objects.exclude(place_name="Bến Tre").filter(level=UnitLevel.PROVINCE).exists()

    health = Unit.objects.get(code="so-y-te")
    hospital = Unit.objects.get(name="Bệnh viện Nguyễn Đình Chiểu")
    ward = Unit.objects.get(code="bvndc-khoa-hoi-suc")
    assert ward.path.startswith(hospital.path) and hospital.path.startswith(health.path)
    assert health.path.startswith(root.path)
    assert Unit.objects.get(name="Ban Thi đua – Khen thưởng").parent.name == "Sở Nội vụ"
    assert {u.unit_type for u in Unit.objects.all()} == set(UnitType.values)

    commune = Unit.objects.get(code="xa-phu-tuc")
    assert (commune.level, commune.unit_type) == (UnitLevel.COMMUNE, UnitType.COMMUNE)
    assert commune.issuer_name == "ỦY BAN NHÂN DÂN XÃ PHÚ TÚC"


def test_the_issuing_units_have_their_document_fields_and_signers(demo):
    fields = {
        code: Unit.objects.values_list(
            "head_title", "letterhead_parent", "collective_leadership"
        ).get(code=code)
        for code in ("ubnd-tinh-ben-tre", "so-y-te", "bv-nguyen-dinh-chieu", "xa-phu-tuc")
    }
    assert fields == {
        "ubnd-tinh-ben-tre": ("CHỦ TỊCH", "", True),
        "so-y-te": ("GIÁM ĐỐC", "UBND TỈNH BẾN TRE", False),
        "bv-nguyen-dinh-chieu": ("GIÁM ĐỐC", "SỞ Y TẾ TỈNH BẾN TRE", False),
        "xa-phu-tuc": ("CHỦ TỊCH", "", True),
    }
    signers = sorted(UnitSigner.objects.values_list("unit__code", "position", "kind"))
    assert signers == [
        ("bv-nguyen-dinh-chieu", "GIÁM ĐỐC", SignerKind.HEAD),
        ("so-y-te", "GIÁM ĐỐC", SignerKind.HEAD),
        ("so-y-te", "PHÓ GIÁM ĐỐC", SignerKind.DEPUTY),
        ("ubnd-tinh-ben-tre", "CHỦ TỊCH", SignerKind.HEAD),
        ("ubnd-tinh-ben-tre", "PHÓ CHỦ TỊCH", SignerKind.DEPUTY),
        ("xa-phu-tuc", "CHỦ TỊCH", SignerKind.HEAD),
    ]
    # Every unit that issues under a name of its own has its head's title.
    assert not Unit.objects.exclude(issuer_name="").filter(head_title="").exists()


def test_the_decision_and_the_notices_name_their_listed_signer(demo):
    decision = AwardDecision.objects.get(number=1234)
    batch = NoticeBatch.objects.get()
    deputy = UnitSigner.objects.get(unit__code="ubnd-tinh-ben-tre", kind=SignerKind.DEPUTY)
    assert (decision.signer, batch.signer) == (deputy, deputy)
    assert (decision.signer_authority, decision.signer_capacity, decision.signer_title) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    assert decision.issuer_snapshot["heading"]["name"] == "TỈNH BẾN TRE"
    assert batch.issuer_snapshot["name"] == "Ủy ban nhân dân tỉnh Bến Tre"


def test_individuals(demo):
    people = Individual.objects.all()
    assert 280 <= people.count() <= 320
    assert Individual.history.filter(history_type="+").count() == people.count()
    assert people.filter(full_name="Nguyễn Văn An").count() == 1
    assert people.filter(is_household=True, position="Chủ hộ").count() >= 3
    assert people.filter(is_leader=True).exists()
    without_id = people.filter(citizen_id__isnull=True).count()
    assert 0 < without_id < 20
    assert people.exclude(citizen_id__isnull=True).filter(
        citizen_id__regex=r"^\d{12}$"
    ).count() == (people.count() - without_id)
    for person in people:
        assert person.full_name == unicodedata.normalize("NFC", person.full_name)
        middle = person.full_name.split()[1]
        if middle == "Văn":
            assert person.gender == Gender.MALE, person.full_name
        if middle == "Thị":
            assert person.gender == Gender.FEMALE, person.full_name
    assert set(
        people.filter(unit__code="bvndc-khoa-hoi-suc").values_list("category", flat=True)
    ) <= {IndividualCategory.PUBLIC_EMPLOYEE, IndividualCategory.WORKER}
    assert set(
        people.filter(unit__unit_type=UnitType.POLICE).values_list("category", flat=True)
    ) == {
        IndividualCategory.SOLDIER,
        IndividualCategory.ARMED_OFFICER,
    }


def test_nominations_in_every_state_with_their_history(demo):
    nominations = Nomination.objects.all()
    assert set(nominations.values_list("state", flat=True)) == set(NominationState.values)
    assert nominations.filter(is_fast_track=True).exists()
    for nomination in nominations:
        assert nomination.achievements.count() == 1
        achievement = nomination.achievements.get()
        assert (achievement.individual_id, achievement.unit_id) == (
            nomination.individual_id,
            nomination.unit_id,
        )
        assert achievement.owner_unit_id is not None
        log = list(ActivityLog.objects.for_object(nomination).order_by("id"))
        steps = [
            s for s in PATHS[nomination.state] if not nomination.is_fast_track or s != "inreview"
        ]
        states = [e for e in log if e.action == "nomination.state"]
        assert [entry.new_state for entry in states] == list(steps)
        assert all(entry.actor for entry in log)
        # Besides its steps: a department forwards up and passes a return on down, and the
        # province forwards the Prime Minister's forms to the central level.
        moves = [e for e in log if e.action in ("nomination.forward", "nomination.return_level")]
        central = [e for e in log if e.action == "nomination.central_forwarded"]
        assert len(states) + len(moves) + len(central) == len(log)
        assert bool(central) == (nomination.award_type.code == "bang-khen-thu-tuong")
        if nomination.state == NominationState.DRAFT:
            assert nomination.submitted_at is None
        else:
            assert nomination.submitted_at is not None
            assert nomination.state_changed_at >= nomination.submitted_at
    returned = nominations.filter(state=NominationState.RETURNED).first()
    assert ActivityLog.objects.for_object(returned).get(new_state="returned").note


def province_decision():
    return AwardDecision.objects.get(issuer__code="ubnd-tinh-ben-tre", number=1234)


def test_issued_decision_with_recipients_and_amounts(demo):
    decision = province_decision()
    assert decision.state == DecisionState.ISSUED
    assert decision.reference == "1234/QĐ-UBND"
    assert decision.issuer.code == "ubnd-tinh-ben-tre"
    assert decision.place == decision.issuer.place_name == "Bến Tre"
    assert (decision.year, decision.signed_date) == (2021, datetime.date(2021, 9, 15))
    assert timezone.localtime(decision.issued_at).date() == decision.signed_date
    assert decision.award_type.name == "Bằng khen của Chủ tịch UBND tỉnh"
    assert decision.signer_authority == "TM. ỦY BAN NHÂN DÂN"
    assert decision.signer_capacity == "KT. CHỦ TỊCH"
    assert decision.signer_title == "PHÓ CHỦ TỊCH"
    assert (
        decision.citation
        == "Đã có thành tích xuất sắc trong phong trào thi đua phòng, chống dịch COVID-19"
    )
    # A 2021 decision rests on the texts of 2021, not on the 2022 Law and its decrees.
    assert "Nghị định số 91/2017/NĐ-CP" in decision.legal_basis
    assert "2022" not in decision.legal_basis and "152/2025" not in decision.legal_basis

    lines = list(decision.recipients.order_by("sort_order"))
    awarded = Nomination.objects.filter(
        state=NominationState.AWARDED, award_type=decision.award_type
    )
    assert [r.nomination_id for r in lines if r.nomination_id] == [r.nomination_id for r in lines]
    assert {r.nomination_id for r in lines} == set(awarded.values_list("pk", flat=True))
    # Decree 91/2017: 1.0 × the base salary of 2021 (1,490,000 đ), collectives twice that.
    expected = {
        SubjectType.INDIVIDUAL: (Decimal("1"), 1_490_000),
        SubjectType.COLLECTIVE: (Decimal("2"), 2_980_000),
    }
    assert {r.subject_type for r in lines} == set(expected)
    for line in lines:
        multiplier, amount = expected[line.subject_type]
        assert (line.coefficient, line.multiplier) == (Decimal("1.0"), multiplier)
        assert (line.base_salary, line.amount) == (1_490_000, amount)
        figures = compute_bonus(
            award_type=decision.award_type,
            subject_type=line.subject_type,
            on_date=decision.signed_date,
            rounding_mode=decision.rounding_mode,
        )
        assert figures.amount == line.amount
        first = line.certificates.order_by("id").first()
        assert first.serial == f"UBND-TINH-BEN-TRE-2021-1234-{line.sort_order:03d}"
    assert [r.golden_register_number for r in lines] == [str(1501 + i) for i in range(len(lines))]
    an = next(r for r in lines if r.individual and r.individual.full_name == "Nguyễn Văn An")
    assert an.position_and_unit == "Bác sĩ, Trung tâm Kiểm soát bệnh tật tỉnh"
    assert Recipient.objects.filter(decision__issuer=decision.issuer).count() == len(lines)
    # one reissued
    assert Certificate.objects.filter(recipient__decision=decision).count() == len(lines) + 1
    actions = list(
        ActivityLog.objects.for_object(decision).order_by("id").values_list("action", flat=True)
    )
    assert actions == [
        "decision.create",
        "decision.add_recipients",
        "decision.issue",
        READY_ACTION,
        "decision.revoke_recipient",
        READY_ACTION,  # the reissued certificate
    ]
    staff = get_user_model().objects.get(username="staff")
    assert set(ActivityLog.objects.for_object(decision).values_list("actor", flat=True)) <= {
        staff.pk,
        None,
    }


def test_in_2022_a_line_was_revoked_and_a_certificate_reissued(demo):
    decision = province_decision()
    [revoked] = decision.recipients.filter(revoked_at__isnull=False)
    assert revoked.individual.unit.code == "ca-pc06"
    assert timezone.localtime(revoked.revoked_at).date() == datetime.date(2022, 3, 15)
    [certificate] = revoked.certificates.all()
    assert certificate.state == CertificateState.REVOKED
    assert certificate.revoked_reason == revoked.revoked_reason != ""

    [old] = Certificate.objects.filter(state=CertificateState.REPLACED)
    assert old.recipient.unit.code == "cdc-ben-tre"
    new = old.replaced_by
    assert new.state == CertificateState.VALID
    assert new.serial == old.serial[-(32 - 3) :] + "-R1"
    assert timezone.localtime(new.created_at).date() == datetime.date(2022, 5, 20)
    assert ActivityLog.objects.for_object(old).get(action="certificate.reissue").note
    assert new.file and old.file


def test_every_nomination_step_was_taken_by_someone_allowed_to(demo):
    """The workflow service checked each step: officers for their own units, staff
    for the review and for the paper dossiers of units without an account; a unit's
    head reviews, approves and awards (by the unit's decision) the giấy khen
    nominations addressed to the unit, and a commune's chairman, the commune having
    no officer account, also submits them."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    officer_paths = {
        users["officer1"].pk: Unit.objects.get(code="so-y-te").path,
        users["officer2"].pk: Unit.objects.get(code="cong-an-tinh").path,
    }
    leaders = {users["director1"].pk: "so-y-te", users["deputy2"].pk: "cong-an-tinh"}
    head_steps = {
        users["director1"].pk: ("so-y-te", {"inreview", "approved", "awarded"}),
        users["chairman"].pk: ("xa-phu-tuc", {"submitted", "inreview", "approved", "awarded"}),
    }
    for nomination in Nomination.objects.select_related("nominating_unit", "award_type"):
        for entry in ActivityLog.objects.for_object(nomination):
            if entry.action in ("nomination.forward", "nomination.return_level"):
                # A department's leader forwards up, passes a return on down; the staff
                # return one level down to the department.
                if entry.actor_id == users["staff"].pk:
                    continue
                unit = entry.data.get("from", entry.data.get("reviewing_unit"))
                assert unit == Unit.objects.get(code=leaders[entry.actor_id]).name
            elif entry.action == "nomination.central_forwarded":
                assert entry.actor_id == users["staff"].pk
            elif entry.actor_id in leaders and entry.new_state == "returned":
                unit = entry.data.get("from", entry.data.get("reviewing_unit"))
                assert unit == Unit.objects.get(code=leaders[entry.actor_id]).name
            elif entry.actor_id in officer_paths:
                assert entry.new_state in ("submitted", "withdrawn")
                assert nomination.nominating_unit.path.startswith(officer_paths[entry.actor_id])
            elif entry.actor_id in head_steps:
                code, states = head_steps[entry.actor_id]
                assert entry.new_state in states
                assert nomination.award_type.code == "giay-khen"
                line = nomination.recipient_lines.get()
                assert line.decision.issuer.code == code
            else:
                assert entry.actor_id == users["staff"].pk


def test_accounts_and_roles(demo):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    assert set(users) == set(USERNAMES)
    for user in users.values():
        assert user.check_password("demo12345"), user.username
        assert user.first_name and user.last_name and user.email
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert is_emulation_staff(users["staff"]) and not users["staff"].is_staff
    assert not is_emulation_staff(users["officer1"])
    assert is_council_member(users["council"])
    assert CouncilMembership.objects.get(user=users["council"]).council.name == (
        "Hội đồng Thi đua – Khen thưởng tỉnh Bến Tre"
    )

    unit1 = OfficerMembership.objects.get(user=users["officer1"]).unit
    unit2 = OfficerMembership.objects.get(user=users["officer2"]).unit
    assert (unit1.name, unit2.name) == ("Sở Y tế", "Công an tỉnh")
    for unit in (unit1, unit2):
        assert Nomination.objects.filter(nominating_unit__path__startswith=unit.path).count() >= 5
    hospital = Unit.objects.get(name="Bệnh viện Nguyễn Đình Chiểu")
    assert hospital.path.startswith(unit1.path)
    assert not hospital.path.startswith(unit2.path)


def test_second_run_restores_the_demo_password(demo):
    user = get_user_model().objects.get(username="officer1")
    user.set_password("changed-0987")
    user.save()
    load()
    user.refresh_from_db()
    assert user.check_password("demo12345")


def test_some_units_registered_others_late(demo):
    campaign = Campaign.objects.get(plan_number="2777")
    registered = Registration.objects.filter(campaign=campaign)
    assert 5 <= registered.count() < campaign.participants.count()
    assert all(r.target_lines for r in registered)
    assert registered.filter(unit__code="so-y-te", registered_by__username="officer1").exists()
    # officer2's own unit is late: their home page lists the registration to do
    assert not registered.filter(unit__code="cong-an-tinh").exists()
    assert registered.filter(unit__code="ca-pc06").exists()


def test_registrations_set_targets_on_the_indicators(demo):
    campaign = Campaign.objects.get(plan_number="2777")
    targets = RegistrationTarget.objects.filter(registration__campaign=campaign)
    # Sở Y tế (a state agency of 8 people) and the CDC (a public service unit of 16).
    assert {
        (t.registration.unit.code, t.indicator.measure): t.value
        for t in targets.filter(registration__unit__code__in=["so-y-te", "cdc-ben-tre"])
    } == {
        ("so-y-te", "đồng"): Decimal("120000000"),
        ("so-y-te", "công trình"): Decimal(2),
        ("so-y-te", "sáng kiến"): Decimal(2),
        ("cdc-ben-tre", "người"): Decimal(19200),
        ("cdc-ben-tre", "lượt xét nghiệm"): Decimal(48000),
        ("cdc-ben-tre", "công trình"): Decimal(6),
        ("cdc-ben-tre", "sáng kiến"): Decimal(3),
    }
    assert not Registration.objects.filter(campaign=campaign, target_values__isnull=True).exists()


def test_two_reporting_rounds_the_second_with_a_late_unit(demo):
    today = timezone.localdate()
    campaign = Campaign.objects.get(plan_number="2777")
    past, current = ReportingRound.objects.filter(campaign=campaign).order_by("period_start")
    assert (past.title, past.kind, past.due_date) == (
        "6 tháng cuối năm 2021",
        RoundKind.HALF_YEAR,
        datetime.date(2022, 1, 10),
    )
    assert past.locked_at.date() == datetime.date(2022, 1, 12)
    assert past.locked_by.username == "staff"
    assert past.reports.count() == 10
    assert {r.submitted_at.date() for r in past.reports.all()} == {datetime.date(2022, 1, 6)}
    assert current.kind == RoundKind.AD_HOC
    assert (current.is_locked, current.due_date) == (False, today + datetime.timedelta(days=5))
    reported = set(current.reports.values_list("unit__code", flat=True))
    assert "cong-an-tinh" not in reported
    assert {"so-y-te", "ca-pc06", "ca-pc08", "ca-pc02", "xa-phu-tuc"} <= reported
    assert len(reported) == 9
    assert all(
        today - datetime.timedelta(days=10) < r.submitted_at.date() < today
        for r in current.reports.all()
    )
    # Who wrote them: the officers of the branches and the commune's chairman.
    assert set(current.reports.values_list("submitted_by__username", flat=True)) == {
        "officer1",
        "officer2",
        "chairman",
    }


def test_the_health_branch_rolls_up_against_hand_made_figures(demo):
    past = ReportingRound.objects.get(title="6 tháng cuối năm 2021")
    lines = {
        line.indicator.measure: line
        for line in branch_totals(past, Unit.objects.get(code="so-y-te"))
    }
    # Vaccinations: the CDC (16 people, 60 %), the two hospitals (14 people, 65 %; 12
    # people, 55 %) and Châu Thành (10 people, 60 %) of 12.000 a unit of ten.
    assert lines["người"].figure == 11520 + 10920 + 7920 + 7200 == 37560
    assert lines["người"].target == 19200 + 16800 + 14400 + 12000 == 62400
    assert lines["người"].percent == 60
    # Money: Sở Y tế itself only (a state agency of 8 people, 55 % of 120.000.000).
    assert lines["đồng"].figure == Decimal(66000000)
    assert lines["đồng"].target == Decimal(120000000)


def test_the_interim_review_of_plan_2777_was_built(demo):
    campaign = Campaign.objects.get(plan_number="2777")
    [review] = CampaignReview.objects.filter(campaign=campaign)
    assert (review.kind, review.state) == (ReviewKind.INTERIM, JobState.DONE)
    assert (review.period_start, review.period_end, review.date) == (
        datetime.date(2021, 6, 10),
        datetime.date(2021, 12, 31),
        datetime.date(2022, 1, 14),
    )
    assert review.reference == "1/BC-UBND"
    assert review.opened_by.username == "staff"
    assert review.finished_at.date() == review.date
    with review.pdf_file.open("rb") as handle:
        text = unicodedata.normalize("NFC", PdfReader(handle).pages[0].extract_text())
    assert "2777/KH-UBND" in text


def test_the_late_unit_is_chased_by_the_reminders_and_the_notice(demo):
    [reminder] = Reminder.objects.filter(
        rule__kind=ReminderKind.PROGRESS_REPORT, recipient__username="officer2"
    )
    assert reminder.unit.code == "cong-an-tinh"
    assert "Báo cáo đột xuất: tiêm chủng, xét nghiệm và vận động nguồn lực" in reminder.body_text
    assert not Reminder.objects.filter(
        rule__kind=ReminderKind.PROGRESS_REPORT, recipient__username="officer1"
    ).exists()
    police = Notice.objects.get(unit__code="cong-an-tinh")
    kinds = [item["kind"] for item in police.items]
    assert kinds == ["registration", "progress_report", "interim_report"]


def test_bell_notifications_for_the_live_workflow(demo, mailoutbox):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    # reminders: see below; the good-practice library's: tests/portal/demo/test_practices.py
    workflow = Notification.objects.filter(reminder__isnull=True).exclude(
        activity__action__startswith="practice."
    )
    staff_unread = workflow.filter(recipient=users["staff"], read_at__isnull=True)
    # Those waiting at the province; those waiting at a department are its members' news.
    sent_by_units = Nomination.objects.filter(
        state=NominationState.SUBMITTED,
        created_by__username__in=["officer1", "officer2"],
        reviewing_unit__level=UnitLevel.PROVINCE,
    )
    at_health = Nomination.objects.filter(
        state=NominationState.SUBMITTED, reviewing_unit__code="so-y-te"
    )
    director_unread = workflow.filter(recipient=users["director1"], read_at__isnull=True)
    assert director_unread.count() == at_health.count() >= 1
    assert staff_unread.count() == sent_by_units.count() >= 1
    assert {n.url for n in staff_unread} == {
        reverse("awards:nomination_detail", args=[pk])
        for pk in sent_by_units.values_list("pk", flat=True)
    }
    assert all(n.title.startswith("Hồ sơ mới gửi: ") for n in staff_unread)

    officer1_unread = workflow.filter(recipient=users["officer1"], read_at__isnull=True).exclude(
        activity__action=READY_ACTION
    )
    [returned] = officer1_unread
    assert returned.title.startswith("Hồ sơ bị trả lại để bổ sung: ")
    assert returned.body == returned.activity.note
    assert Notification.objects.filter(recipient=users["officer1"], read_at__isnull=False).exists()
    # Nobody hears about their own step; the 2021 history was heard and read in 2021.
    assert not Notification.objects.filter(recipient_id=F("activity__actor_id")).exists()
    history = workflow.filter(created_at__year=2021)
    assert history.filter(recipient=users["officer2"]).exists()
    assert not history.filter(read_at__isnull=True).exists()
    assert not workflow.filter(emailed_at__isnull=True).exists()
    # The officers heard in 2021 that their certificates were ready.
    ready = Notification.objects.filter(activity__action=READY_ACTION)
    assert ready.filter(recipient=users["officer1"]).exists()
    assert {n.created_at.year for n in ready} == {2021, 2022}  # issued, then reissued
    # That history sent no email: it happened before the portal.
    assert [m for m in mailoutbox if "Message-ID" not in m.extra_headers] == []


def test_reminder_rules_run_on_the_demo_day(demo, mailoutbox):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    campaign = Campaign.objects.get(plan_number="2777")
    # officer2's unit has not registered and the deadline is 3 days away: the chaser went out.
    chaser = Reminder.objects.get(
        rule__kind=ReminderKind.REGISTRATION_DEADLINE, recipient=users["officer2"]
    )
    assert chaser.unit.code == "cong-an-tinh"
    assert chaser.campaign == campaign
    assert chaser.subject == "Còn 3 ngày đến hạn đăng ký thi đua – Công an tỉnh"
    assert chaser.notification.recipient == users["officer2"]
    # officer1's unit registered: no chaser for it.
    assert not Reminder.objects.filter(
        rule__kind=ReminderKind.REGISTRATION_DEADLINE, recipient=users["officer1"]
    ).exists()
    # The staff hear of nominations waiting for review longer than the rule's five days.
    waiting = Reminder.objects.filter(rule__kind=ReminderKind.SUBMITTED_WAITING)
    assert waiting.exists()
    assert {r.recipient for r in waiting} == {users["staff"]}
    waiting_states = {NominationState.SUBMITTED, NominationState.IN_REVIEW}
    assert {r.nomination.state for r in waiting} <= waiting_states
    # Their emails wait in the outbox for the worker; the sweep hands them over.
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.PENDING}
    mailoutbox.clear()
    sweep()
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENT}
    emailed = [m.extra_headers["Message-ID"] for m in mailoutbox]
    assert sorted(emailed) == sorted(r.message_id for r in Reminder.objects.all())


def test_a_second_run_sends_no_reminder_again(demo, mailoutbox):
    before = Reminder.objects.count()
    mailoutbox.clear()
    load()
    assert Reminder.objects.count() == before
    assert mailoutbox == []


def test_late_units_have_a_printable_notice(demo):
    campaign = Campaign.objects.get(plan_number="2777")
    batch = NoticeBatch.objects.get(campaign=campaign)
    assert batch.state == NoticeBatchState.DONE
    assert batch.done == batch.total == batch.notices.count() >= 1
    police = batch.notices.get(unit__code="cong-an-tinh")  # not registered: late
    assert [item["kind"] for item in police.items][0] == "registration"
    with police.file.open("rb") as handle:
        text = unicodedata.normalize("NFC", PdfReader(handle).pages[0].extract_text())
    assert "Kính gửi" in text and "Công an tỉnh" in text
    with batch.merged_file.open("rb") as handle:
        assert len(PdfReader(handle).pages) >= batch.total
    # A second run makes no second batch.
    load()
    assert NoticeBatch.objects.filter(campaign=campaign).count() == 1


# --- Units award within their own authority; the province forwards to the centre --------


def test_the_heads_of_sy_te_and_a_commune_have_accounts_as_their_signers(demo):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    for username, code, name in (
        ("director1", "so-y-te", "Phan Thị Ngọc Hà"),
        ("chairman", "xa-phu-tuc", "Đặng Văn Thắng"),
    ):
        user = users[username]
        [membership] = OfficerMembership.objects.filter(user=user)
        assert (membership.unit.code, membership.role, membership.is_active) == (
            code,
            OfficerRole.HEAD,
            True,
        )
        signer = UnitSigner.objects.get(user=user)
        assert (signer.unit.code, signer.full_name, signer.kind) == (code, name, SignerKind.HEAD)
        assert f"{user.last_name} {user.first_name}" == name
        assert leads_issuer(user, membership.unit.pk)
        assert not leads_issuer(user, Unit.objects.get(code="ubnd-tinh-ben-tre").pk)
    # no other signer is anybody's account
    assert UnitSigner.objects.filter(user__isnull=False).count() == 2


def test_units_issue_giay_khen_for_their_own_people(demo):
    giay_khen = {
        d.issuer.code: d
        for d in AwardDecision.objects.filter(award_type__code="giay-khen").select_related(
            "issuer", "signer__user"
        )
    }
    assert set(giay_khen) == {"so-y-te", "xa-phu-tuc"}
    expected = {
        "so-y-te": ("312/QĐ-SYT", datetime.date(2021, 10, 8), "director1", 4, "GIÁM ĐỐC", ""),
        "xa-phu-tuc": (
            "57/QĐ-UBND",
            datetime.date(2021, 10, 1),
            "chairman",
            2,
            "CHỦ TỊCH",
            "TM. ỦY BAN NHÂN DÂN",
        ),
    }
    for code, decision in giay_khen.items():
        reference, signed, head, count, title, authority = expected[code]
        assert decision.state == DecisionState.ISSUED
        assert (decision.reference, decision.signed_date) == (reference, signed)
        assert timezone.localtime(decision.issued_at).date() == signed
        assert decision.signer.user.username == head
        assert (decision.signer_title, decision.signer_authority) == (title, authority)
        assert "Nghị định số 91/2017/NĐ-CP" in decision.legal_basis
        issued = ActivityLog.objects.for_object(decision).get(action="decision.issue")
        assert issued.actor.username == head
        lines = list(decision.recipients.select_related("individual__unit", "nomination"))
        assert len(lines) == count
        for line in lines:
            # the unit's own people, from nominations it approved
            assert line.individual.unit.path.startswith(decision.issuer.path)
            assert line.nomination.state == NominationState.AWARDED
            figures = compute_bonus(
                award_type=decision.award_type,
                subject_type=line.subject_type,
                on_date=decision.signed_date,
                rounding_mode=decision.rounding_mode,
            )
            assert line.amount == figures.amount > 0
            [certificate] = line.certificates.all()
            assert certificate.state == CertificateState.VALID
            assert certificate.file
            assert timezone.localtime(certificate.created_at).date() == signed
    certificate = Certificate.objects.filter(recipient__decision=giay_khen["so-y-te"]).first()
    with certificate.file.open("rb") as handle:
        text = unicodedata.normalize("NFC", PdfReader(handle).pages[0].extract_text())
    assert "SỞ Y TẾ" in text
    assert certificate.recipient.individual.full_name in text


def test_so_y_te_recorded_its_award_ceremony(demo):
    decision = AwardDecision.objects.get(issuer__code="so-y-te")
    [ceremony] = Ceremony.objects.filter(decision=decision)
    assert set(ceremony.lines.all()) == set(decision.recipients.all())
    assert timezone.localtime(ceremony.held_at) == timezone.make_aware(
        datetime.datetime(2021, 10, 12, 8, 0)
    )
    assert ceremony.place == "Hội trường Sở Y tế tỉnh Bến Tre"
    assert ceremony.recorded_by.username == "officer1"
    assert ceremony.photo and ceremony.photo_content_type == "image/jpeg"
    assert ceremony.created_at > ceremony.held_at
    # the other decisions' awards were not presented through the portal
    assert Ceremony.objects.count() == 1


def test_a_dossier_forwarded_to_the_prime_minister_and_its_result(demo):
    submission = CentralSubmission.objects.get()
    assert submission.reference == "245/TTr-UBND"
    assert submission.issuer.code == "ubnd-tinh-ben-tre"
    assert submission.addressee == CentralAddressee.PRIME_MINISTER
    assert submission.letter_date == datetime.date(2021, 10, 20)
    assert timezone.localtime(submission.sent_at).date() == submission.letter_date
    assert submission.state == SubmissionState.PARTLY
    lines = {
        line.outcome: line
        for line in submission.lines.select_related("nomination__individual", "result")
    }
    assert set(lines) == {CentralOutcome.AWARDED, CentralOutcome.PENDING}
    awarded = lines[CentralOutcome.AWARDED]
    assert awarded.nomination.individual.full_name == "Nguyễn Văn An"
    assert awarded.nomination.state == NominationState.AWARDED
    assert (awarded.result.decision_number, awarded.result.decision_date) == (
        "156/QĐ-TTg",
        datetime.date(2022, 1, 14),
    )
    waiting = lines[CentralOutcome.PENDING]
    assert waiting.nomination.unit.code == "bv-nguyen-dinh-chieu"
    assert waiting.nomination.state == NominationState.APPROVED
    for line in lines.values():
        assert line.nomination.award_type.code == "bang-khen-thu-tuong"
    # the package (tờ trình, Excel list, dossiers) was built in the background
    package = submission.packages.get()
    assert package.state == RunState.DONE
    assert package.file


# --- The provincial council ---------------------------------------------------------------


def _closed_session():
    return Session.objects.get(title=data.COUNCIL_CLOSED[0])


def test_the_closed_council_session_passed_one_item_and_failed_the_other(demo):
    session = _closed_session()
    assert session.state == SessionState.CLOSED
    assert session.council.name == data.COUNCIL_NAME
    assert session.council.memberships.count() == 5
    passed, failed = session.items.order_by("position")
    assert (passed.outcome, failed.outcome) == (ItemOutcome.PASSED, ItemOutcome.FAILED)
    assert passed.nomination.state == NominationState.APPROVED
    assert failed.nomination.state == NominationState.REJECTED
    assert passed.nomination.award_type.code == data.COUNCIL_AWARD
    # 4 e-votes and the absent member's written opinion on each item, but the recused
    # chair's: no vote on the second one
    assert Counter(passed.votes.values_list("source", "choice")) == {
        (VoteSource.ELECTRONIC, Choice.AGREE): 4,
        (VoteSource.WRITTEN, Choice.AGREE): 1,
    }
    assert Counter(failed.votes.values_list("source", "choice")) == {
        (VoteSource.ELECTRONIC, Choice.AGREE): 2,
        (VoteSource.ELECTRONIC, Choice.DISAGREE): 1,
        (VoteSource.WRITTEN, Choice.AGREE): 1,
    }
    recused = failed.ballots.get(kind=BallotKind.RECUSED)
    assert recused.member.username == "council2"
    assert failed.ballots.get(kind=BallotKind.WRITTEN).member.username == "council5"
    present = set(session.present_members.values_list("username", flat=True))
    assert present == {"council", "council2", "council3", "council4"}
    assert session.closed_at < timezone.now() - datetime.timedelta(days=10)
    assert session.opened_at < session.votes_open_at


def test_the_closed_session_has_its_minutes_pdf(demo, settings):
    minutes = Minutes.objects.get(session=_closed_session())
    assert minutes.state == JobState.DONE
    with minutes.file.open("rb") as f:
        text = "".join(page.extract_text() for page in PdfReader(f).pages)
    assert "BIÊN BẢN" in text
    copies = DossierFile.objects.filter(kind=DossierKind.COUNCIL_MINUTES)
    assert {c.nomination_id for c in copies} == set(
        _closed_session().items.values_list("nomination_id", flat=True)
    )


def test_the_council_member_has_items_to_vote_on_in_the_open_session(demo, client):
    session = Session.objects.get(title=data.COUNCIL_OPEN[0])
    assert session.state == SessionState.OPEN
    assert session.items.count() == 2
    assert not Ballot.objects.filter(item__session=session).exists()
    council = get_user_model().objects.get(username="council")
    assert can_vote(council, session)
    client.force_login(council)
    page = client.get(reverse("council:session_vote", args=[session.pk]))
    assert page.status_code == 200
    for item in session.items.all():
        assert str(item.nomination.individual.full_name) in page.content.decode()


def test_the_summary_counts_the_council(demo):
    assert "Phiên họp Hội đồng" in demo
    assert Session.objects.count() == 2
    assert Vote.objects.count() == 5 + 4
