"""Reminder notices (công văn đôn đốc): what late units owe, the batch, the PDFs
(real WeasyPrint renders, checked by their text), and the staff pages."""

import datetime
import io
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.enums import NominationState
from campaign.enums import CampaignStatus, NoticeBatchState
from campaign.models import Notice, NoticeBatch
from campaign.services.notices import (
    NoticeError,
    can_retry,
    create_batch,
    late_units,
    owed_items,
    render_batch,
    retry_batch,
)
from campaign.tasks import render_notices
from common.jobs import stale_after
from common.models import ActivityLog
from common.services.jobs import requeue_stale_jobs
from common.tasks import requeue_stale_jobs as requeue_stale_jobs_task
from tests.common.pdf.fonts import embedded_faces
from tests.factories import (
    AwardTypeFactory,
    CampaignFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    ProgressReportFactory,
    RegistrationFactory,
    ReportingRoundFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel
from units.rules import EMULATION_STAFF_GROUP

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

TODAY = datetime.date(2026, 11, 25)
HOSPITAL = "Bệnh viện Nguyễn Đình Chiểu"
NURSE = "Nguyễn Thị Ngọc Hằng"
AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"

REGISTRATION_LATE = {
    "kind": "registration",
    "text": "Đăng ký thi đua: đơn vị chưa đăng ký; hạn ngày 20/11/2026 (đã quá hạn).",
    "deadline": "2026-11-20",
}
NOMINATION_OWED = {
    "kind": "nomination",
    "text": "Hồ sơ đề nghị khen thưởng: đơn vị chưa gửi hồ sơ nào; hạn ngày 09/12/2026.",
    "deadline": "2026-12-09",
}
RETURNED_OWED = {
    "kind": "returned",
    "text": (
        f"Hồ sơ đề nghị tặng {AWARD} cho {NURSE}: bị trả lại để bổ sung ngày 18/11/2026,"
        " chưa gửi lại; hạn ngày 09/12/2026."
    ),
    "deadline": "2026-12-09",
}


def make_world(*, units=0, tag=""):
    """Plan 2777 of the province, addressed to four units on 25/11/2026:

    * Sở Y tế: neither registered nor nominated;
    * the hospital (its name stored decomposed, NFD): registered, one nomination
      returned and not resubmitted, another submitted;
    * Công an tỉnh: registered and submitted: owes nothing;
    * the province itself (it launched the plan): owes itself nothing.
    ``units`` more participants that owe both registration and nominations;
    ``staff``, a member of the emulation staff, makes the batches.
    """
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        head_title="CHỦ TỊCH",
        collective_leadership=True,
        place_name="Bến Tre",
        level=UnitLevel.PROVINCE,
        code=f"ubnd-bt{tag}",
    )
    health = UnitFactory(
        name="Sở Y tế",
        issuer_name="SỞ Y TẾ",
        head_title="GIÁM ĐỐC",
        letterhead_parent="UBND TỈNH BẾN TRE",
        place_name="Bến Tre",
        parent=province,
        code=f"so-y-te{tag}",
    )
    hospital = UnitFactory(
        name=unicodedata.normalize("NFD", HOSPITAL), parent=health, code=f"bv-ndc{tag}"
    )
    police = UnitFactory(name="Công an tỉnh", parent=province, code=f"ca-tinh{tag}")
    campaign = CampaignFactory(
        title="Phong trào thi đua thực hiện công tác phòng, chống dịch COVID-19",
        plan_number="2777",
        plan_symbol="KH-UBND",
        issue_date=datetime.date(2021, 6, 10),
        issuing_unit=province,
        registration_required=True,
        registration_deadline=datetime.date(2026, 11, 20),
        nomination_deadline=datetime.date(2026, 12, 9),
    )
    extra = [UnitFactory(parent=province) for _ in range(units)]
    campaign.participants.set([province, health, hospital, police, *extra])
    award = AwardTypeFactory(name=AWARD, code="bk-test")
    RegistrationFactory(campaign=campaign, unit=hospital)
    RegistrationFactory(campaign=campaign, unit=police)
    returned = NominationFactory(
        campaign=campaign,
        individual=IndividualFactory(full_name=NURSE, unit=hospital),
        nominating_unit=hospital,
        award_type=award,
        state=NominationState.RETURNED,
        state_changed_at=timezone.make_aware(datetime.datetime(2026, 11, 18, 9, 30)),
    )
    NominationFactory(
        campaign=campaign,
        individual=IndividualFactory(unit=hospital),
        nominating_unit=hospital,
        award_type=award,
        state=NominationState.SUBMITTED,
    )
    NominationFactory(
        campaign=campaign,
        individual=IndividualFactory(unit=police),
        nominating_unit=police,
        award_type=award,
        state=NominationState.APPROVED,
    )
    staff = UserFactory(username=f"batch-maker{tag}")
    staff.groups.add(Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)[0])
    return SimpleNamespace(
        staff=staff,
        province=province,
        health=health,
        hospital=hospital,
        police=police,
        campaign=campaign,
        award=award,
        returned=returned,
        extra=extra,
    )


@pytest.fixture
def world():
    return make_world()


def new_batch(world, **fields):
    values = {
        "by": world.staff,
        "issuer": world.province,
        "date": TODAY,
        "signer_name": "Trần Minh Hiển",
        "signer_title": "Phó Chủ tịch",
        "signer_authority": "KT. CHỦ TỊCH",
        "symbol": "TĐKT",
        "number": "",
        "today": TODAY,
    }
    return create_batch(world.campaign, **{**values, **fields})


def read_pdf(field) -> PdfReader:
    with field.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def flat(text: str) -> str:
    """Text with every run of white space (line breaks of the layout) as one space."""
    return " ".join(text.split())


def pdf_text(field) -> str:
    return flat("\n".join(page.extract_text() for page in read_pdf(field).pages))


def top_margin_text(page) -> str:
    """What is printed above the text area (20 mm from the top of the A4 page): the page number."""
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y > 297 / 25.4 * 72 - 20 / 25.4 * 72:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def stored_files(batch) -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "notices" / str(batch.pk)
    return sorted(p.name for p in folder.iterdir())


# --- What a unit owes -------------------------------------------------------------------


def test_a_unit_that_did_nothing_owes_registration_and_nominations(world):
    assert owed_items(world.campaign, world.health, TODAY) == [REGISTRATION_LATE, NOMINATION_OWED]


def test_a_returned_nomination_not_resubmitted_is_named(world):
    # Registered, and one nomination submitted: only the returned one is owed.
    assert owed_items(world.campaign, world.hospital, TODAY) == [RETURNED_OWED]

    world.returned.state = NominationState.SUBMITTED  # resubmitted
    world.returned.save()
    assert owed_items(world.campaign, world.hospital, TODAY) == []


def test_nominations_are_owed_until_one_is_submitted_or_later(world):
    nomination = NominationFactory(
        campaign=world.campaign,
        individual=IndividualFactory(unit=world.health),
        nominating_unit=world.health,
        state=NominationState.DRAFT,
    )
    assert NOMINATION_OWED in owed_items(world.campaign, world.health, TODAY)
    for state in (NominationState.WITHDRAWN, NominationState.RETURNED):
        nomination.state = state
        nomination.save()
        assert NOMINATION_OWED in owed_items(world.campaign, world.health, TODAY), state
    for state in (
        NominationState.SUBMITTED,
        NominationState.IN_REVIEW,
        NominationState.APPROVED,
        NominationState.REJECTED,
        NominationState.AWARDED,
    ):
        nomination.state = state
        nomination.save()
        assert NOMINATION_OWED not in owed_items(world.campaign, world.health, TODAY), state


def test_no_deadline_no_requirement_owes_nothing(world):
    world.campaign.registration_required = False
    world.campaign.nomination_deadline = None
    world.campaign.save()
    assert owed_items(world.campaign, world.health, TODAY) == []
    returned = owed_items(world.campaign, world.hospital, TODAY)
    assert returned == [
        {
            "kind": "returned",
            "text": (
                f"Hồ sơ đề nghị tặng {AWARD} cho {NURSE}: bị trả lại để bổ sung ngày"
                " 18/11/2026, chưa gửi lại."
            ),
            "deadline": None,
        }
    ]


def test_a_draft_campaign_is_owed_nothing(world):
    world.campaign.status = CampaignStatus.DRAFT
    world.campaign.save()
    assert owed_items(world.campaign, world.health, TODAY) == []
    assert late_units(world.campaign, TODAY) == []


def test_review_reports_are_owed_from_30_days_before_the_review_date(world):
    world.campaign.interim_review_date = TODAY + datetime.timedelta(days=30)
    world.campaign.final_review_date = TODAY + datetime.timedelta(days=31)
    world.campaign.save()
    interim = {
        "kind": "interim_report",
        "text": "Báo cáo sơ kết phong trào: gửi chậm nhất ngày 25/12/2026.",
        "deadline": "2026-12-25",
    }
    assert owed_items(world.campaign, world.police, TODAY) == [interim]

    later = datetime.date(2026, 12, 26)
    assert owed_items(world.campaign, world.police, later) == [
        {
            **interim,
            "text": "Báo cáo sơ kết phong trào: gửi chậm nhất ngày 25/12/2026 (đã quá hạn).",
        },
        {
            "kind": "final_report",
            "text": "Báo cáo tổng kết phong trào: gửi chậm nhất ngày 26/12/2026.",
            "deadline": "2026-12-26",
        },
    ]


def test_an_open_round_without_the_units_report_is_owed_and_makes_it_late(world):
    round_ = ReportingRoundFactory(
        campaign=world.campaign,
        title="Quý III/2026",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        due_date=datetime.date(2026, 11, 20),
    )
    ReportingRoundFactory(  # locked: owed no more
        campaign=world.campaign, due_date=datetime.date(2026, 11, 1), locked_at=timezone.now()
    )
    ProgressReportFactory(round=round_, unit=world.hospital)
    owed = {
        "kind": "progress_report",
        "text": "Báo cáo kết quả thực hiện phong trào kỳ Quý III/2026: đơn vị chưa gửi; "
        "hạn ngày 20/11/2026 (đã quá hạn).",
        "deadline": "2026-11-20",
    }

    assert owed_items(world.campaign, world.police, TODAY) == [owed]
    assert owed_items(world.campaign, world.hospital, TODAY) == [RETURNED_OWED]
    late = late_units(world.campaign, TODAY)
    assert [(unit, items) for unit, items in late] == [
        (world.health, [REGISTRATION_LATE, NOMINATION_OWED, owed]),
        (world.hospital, [RETURNED_OWED]),
        (world.police, [owed]),
    ]


def test_late_units_are_the_participants_that_owe_something_in_unit_order(world):
    late = late_units(world.campaign, TODAY)

    assert [(unit, items) for unit, items in late] == [
        (world.health, [REGISTRATION_LATE, NOMINATION_OWED]),
        (world.hospital, [RETURNED_OWED]),
    ]


def test_a_unit_is_late_only_once_something_it_owes_is_pressing(world):
    """Owing only what falls due in more than a week is not yet late; the letter
    of a late unit still lists everything it owes."""
    RegistrationFactory(campaign=world.campaign, unit=world.health)
    # Sở Y tế now owes only nominations, due 09/12: 14 days from 25/11, 7 days from 02/12.
    assert world.health not in [u for u, _ in late_units(world.campaign, TODAY)]
    a_week_before = datetime.date(2026, 12, 2)
    late = dict(late_units(world.campaign, a_week_before))
    assert [item["kind"] for item in late[world.health]] == ["nomination"]
    # A returned dossier is pressing whatever its deadline: the hospital is late either way.
    assert [item["kind"] for item in late[world.hospital]] == ["returned"]
    assert world.hospital in [u for u, _ in late_units(world.campaign, TODAY)]


def test_without_participants_every_active_unit_is_addressed(world):
    world.campaign.participants.clear()
    gone = UnitFactory(valid_to=datetime.date(2025, 6, 30))

    units = [unit for unit, _items in late_units(world.campaign, TODAY)]

    assert world.health in units and world.hospital in units
    assert world.police not in units and world.province not in units and gone not in units


def test_late_units_queries_do_not_grow_with_units():
    few = make_world(units=1)
    with CaptureQueriesContext(connection) as one:
        assert len(late_units(few.campaign, TODAY)) == 3
    many = make_world(units=15, tag="-2")
    with CaptureQueriesContext(connection) as fifteen:
        assert len(late_units(many.campaign, TODAY)) == 17
    assert (len(one), len(fifteen)) == (6, 6)


# --- The batch --------------------------------------------------------------------------


def test_no_batch_when_no_unit_is_late(world, staff_user):
    world.campaign.registration_required = False
    world.campaign.nomination_deadline = None
    world.campaign.save()
    world.returned.state = NominationState.SUBMITTED
    world.returned.save()

    with pytest.raises(NoticeError) as refused:
        new_batch(world, by=staff_user)

    assert str(refused.value) == (
        "Không có đơn vị nào chậm thực hiện phong trào này: không cần gửi công văn đôn đốc."
    )
    assert not NoticeBatch.objects.exists()


def test_a_batch_freezes_one_notice_per_late_unit_logs_and_renders_after_commit(
    world, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch = new_batch(world, by=staff_user)

    assert len(callbacks) == 1  # the render task, queued once
    batch.refresh_from_db()
    assert (batch.state, batch.total, batch.done, batch.error) == (
        NoticeBatchState.DONE,
        2,
        2,
        "",
    )
    notices = list(batch.notices.order_by("unit__path"))
    assert [(n.unit, n.items) for n in notices] == [
        (world.health, [REGISTRATION_LATE, NOMINATION_OWED]),
        (world.hospital, [RETURNED_OWED]),
    ]
    entries = ActivityLog.objects.for_object(batch).order_by("pk")
    assert [(e.action, e.actor, e.new_state) for e in entries] == [
        ("notices.created", staff_user, "pending"),
        ("notices.rendered", None, "done"),
    ]
    assert entries[0].data == {
        "campaign": world.campaign.pk,
        "units": [world.health.pk, world.hospital.pk],
    }

    # Frozen: what the unit does afterwards does not change the letter.
    RegistrationFactory(campaign=world.campaign, unit=world.health)
    assert Notice.objects.get(pk=notices[0].pk).items == [REGISTRATION_LATE, NOMINATION_OWED]


def test_the_issuer_does_not_chase_itself(world):
    batch = new_batch(world, issuer=world.health)
    assert list(batch.notices.values_list("unit", flat=True)) == [world.hospital.pk]


def test_the_place_line_is_the_issuers_place_name(world):
    district = UnitFactory(
        name="Ủy ban nhân dân huyện Châu Thành",
        issuer_name="ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH",
        place_name="Châu Thành",
        parent=world.province,
    )

    batch = new_batch(world, issuer=district)

    assert batch.place == "Châu Thành"


def counts() -> tuple[int, int, int]:
    return NoticeBatch.objects.count(), Notice.objects.count(), ActivityLog.objects.count()


def test_an_issuer_without_a_place_name_is_refused_and_nothing_is_made(world):
    world.health.place_name = ""
    world.health.save()
    before = counts()

    with pytest.raises(NoticeError, match="^Sở Y tế chưa có địa danh: hãy ghi địa danh"):
        new_batch(world, issuer=world.health)

    assert counts() == before


@pytest.mark.parametrize("who", ["officer", "council", "nobody"])
def test_only_staff_make_a_batch_and_a_refusal_makes_nothing(world, who):
    user = {
        "officer": lambda: OfficerMembershipFactory(unit=world.health).user,
        "council": lambda: CouncilMembershipFactory().user,
        "nobody": lambda: None,  # a call on nobody's behalf is not the system's: refused too
    }[who]()
    before = counts()

    with pytest.raises(
        NoticeError, match="^Bạn không có quyền lập công văn đôn đốc cho phong trào này.$"
    ):
        new_batch(world, by=user)

    assert counts() == before


def test_only_staff_retry_a_batch_and_a_refusal_changes_nothing(
    world, django_capture_on_commit_callbacks
):
    batch = new_batch(world)
    NoticeBatch.objects.filter(pk=batch.pk).update(state=NoticeBatchState.FAILED, error="x")
    officer = OfficerMembershipFactory(unit=world.health).user
    before = counts()

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(NoticeError, match="^Bạn không có quyền tạo lại đợt công văn này.$"),
    ):
        retry_batch(batch, by=officer)

    assert callbacks == []
    assert counts() == before
    batch.refresh_from_db()
    assert (batch.state, batch.error) == (NoticeBatchState.FAILED, "x")


def test_a_batch_that_did_not_fail_is_not_retried(world):
    batch = new_batch(world)  # pending, and its worker is not silent
    before = counts()

    with pytest.raises(NoticeError, match="^Đợt công văn này không ở trạng thái lỗi"):
        retry_batch(batch, by=world.staff)

    assert counts() == before
    batch.refresh_from_db()
    assert batch.state == NoticeBatchState.PENDING


# --- Rendering ----------------------------------------------------------------------------


@pytest.fixture
def rendered(world):
    world.batch = new_batch(world)
    render_batch(world.batch)
    world.batch.refresh_from_db()
    world.notices = list(world.batch.notices.order_by("unit__path"))
    return world


def test_one_pdf_per_late_unit_with_its_name_and_what_it_owes(rendered):
    health, hospital = rendered.notices
    assert all(len(read_pdf(n.file).pages) == 1 for n in (health, hospital))
    assert health.file.name == f"notices/{rendered.batch.pk}/cong-van-{health.pk}-so-y-te.pdf"

    text = pdf_text(hospital.file)
    assert f"Kính gửi: {HOSPITAL}." in text  # NFC, every diacritic, from a name stored as NFD
    assert unicodedata.normalize("NFD", HOSPITAL) not in text
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẾN TRE",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /TĐKT",  # no number yet: the clerk writes it in
        "V/v đôn đốc thực hiện Kế hoạch số 2777/KH-UBND",
        "Bến Tre, ngày 25 tháng 11 năm 2026",
        "Thực hiện Kế hoạch số 2777/KH-UBND ngày 10/6/2021 của Ủy ban nhân dân tỉnh Bến Tre"
        " về phong trào thi đua thực hiện công tác phòng, chống dịch COVID-19",
        f"1. {RETURNED_OWED['text']}",
        f"Đề nghị {HOSPITAL} khẩn trương hoàn thành",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Minh Hiển",
    ):
        assert expected in text, expected
    health_text = pdf_text(health.file)
    assert "Kính gửi: Sở Y tế." in health_text
    assert f"1. {REGISTRATION_LATE['text']}" in health_text
    assert f"2. {NOMINATION_OWED['text']}" in health_text
    assert HOSPITAL not in health_text and NURSE not in health_text


def test_the_number_is_printed_when_given(world):
    batch = new_batch(world, number="152")
    render_batch(batch)
    notice = batch.notices.first()
    assert "Số: 152/TĐKT" in pdf_text(notice.file)


def test_fonts_are_the_shipped_liberation_serif_embedded(rendered):
    reader = read_pdf(rendered.notices[1].file)
    # All four faces ("Nơi nhận:" is bold italic), from the shipped files whatever
    # the system has installed; no other (fallback) font.
    assert sorted(embedded_faces(reader), key=str) == ["bold", "bold_italic", "italic", "regular"]
    assert f"Kính gửi: {HOSPITAL}." in flat(reader.pages[0].extract_text())
    assert NURSE in flat(reader.pages[0].extract_text())


def test_the_merged_file_has_every_notice_in_order(rendered):
    reader = read_pdf(rendered.batch.merged_file)
    assert len(reader.pages) == len(rendered.notices) == 2
    assert "Kính gửi: Sở Y tế." in flat(reader.pages[0].extract_text())
    assert f"Kính gửi: {HOSPITAL}." in flat(reader.pages[1].extract_text())


def test_rendering_again_adds_no_row_and_no_file(rendered):
    files_before = stored_files(rendered.batch)
    stamps = {n.pk: (n.file.name, n.rendered_at) for n in rendered.notices}

    render_batch(rendered.batch)  # already DONE: nothing to do
    render_notices(batch_id=rendered.batch.pk)  # the task delivered twice

    assert stored_files(rendered.batch) == files_before
    assert len(files_before) == 3  # two notices and the print file
    assert Notice.objects.filter(batch=rendered.batch).count() == 2
    assert {n.pk: (n.file.name, n.rendered_at) for n in rendered.batch.notices.all()} == stamps
    assert (
        ActivityLog.objects.for_object(rendered.batch).filter(action="notices.rendered").count()
        == 1
    )


def test_a_batch_left_half_done_by_a_dead_worker_resumes(rendered):
    kept, lost = rendered.notices
    # What a worker killed after storing the first notice leaves: RUNNING, one file.
    Notice.objects.filter(pk=lost.pk).update(file="", rendered_at=None)
    NoticeBatch.objects.filter(pk=rendered.batch.pk).update(
        state=NoticeBatchState.RUNNING, done=1, merged_file=""
    )
    files_before = stored_files(rendered.batch)

    render_notices(batch_id=rendered.batch.pk)

    batch = NoticeBatch.objects.get(pk=rendered.batch.pk)
    assert (batch.state, batch.done, batch.total) == (NoticeBatchState.DONE, 2, 2)
    assert Notice.objects.get(pk=kept.pk).rendered_at == kept.rendered_at  # not redone
    assert Notice.objects.get(pk=lost.pk).file.name == lost.file.name
    assert stored_files(batch) == files_before
    reader = read_pdf(batch.merged_file)  # put together from the stored files
    assert len(reader.pages) == 2
    assert "Kính gửi: Sở Y tế." in flat(reader.pages[0].extract_text())
    assert f"Kính gửi: {HOSPITAL}." in flat(reader.pages[1].extract_text())


def test_a_long_letter_runs_onto_a_second_page_and_stays_whole(world):
    for index in range(14):
        NominationFactory(
            campaign=world.campaign,
            individual=IndividualFactory(full_name=f"Lê Văn Thắng {index}", unit=world.hospital),
            nominating_unit=world.hospital,
            award_type=world.award,
            state=NominationState.RETURNED,
            state_changed_at=timezone.make_aware(datetime.datetime(2026, 11, 19, 8, 0)),
        )
    batch = new_batch(world)
    render_batch(batch)
    batch.refresh_from_db()
    health, hospital = batch.notices.order_by("unit__path")

    pages = read_pdf(hospital.file).pages
    assert len(pages) == 2
    assert f"Kính gửi: {HOSPITAL}." in flat(pages[0].extract_text())
    second = flat(pages[1].extract_text())
    # Numbered from its own second page, whatever came before it in the batch.
    assert [top_margin_text(page) for page in pages] == ["", "2"]
    assert "Trần Minh Hiển" in second  # the signer closes the letter
    assert len(read_pdf(health.file).pages) == 1
    assert "Lê Văn Thắng 13" in pdf_text(hospital.file)
    assert len(read_pdf(batch.merged_file).pages) == 3


def test_a_failure_is_recorded_and_a_retry_finishes(world, tmp_path):
    batch = new_batch(world)
    empty = tmp_path / "no-static"
    empty.mkdir()
    with (
        override_settings(STATICFILES_DIRS=[empty], STATIC_ROOT=empty),
        pytest.raises(ImproperlyConfigured),
    ):
        render_notices(batch_id=batch.pk)  # the fonts are missing
    batch.refresh_from_db()
    assert batch.state == NoticeBatchState.FAILED
    assert "Font file missing" in batch.error
    assert not Notice.objects.exclude(file="").exists()

    render_notices(batch_id=batch.pk)  # Celery's retry, or the "Tạo lại" button

    batch.refresh_from_db()
    assert (batch.state, batch.error, batch.done) == (NoticeBatchState.DONE, "", 2)


# --- Pages ----------------------------------------------------------------------------------


@pytest.fixture
def people(staff_user):
    return SimpleNamespace(
        staff=staff_user,
        officer=OfficerMembershipFactory(user=UserFactory(username="yte")).user,
        council=CouncilMembershipFactory(user=UserFactory(username="hoidong")).user,
    )


def notice_urls(batch, notice):
    return [
        reverse("campaign:notice_list", args=[batch.campaign_id]),
        reverse("campaign:notice_batch", args=[batch.pk]),
        reverse("campaign:notice_batch_progress", args=[batch.pk]),
        reverse("campaign:notice_merged", args=[batch.pk]),
        reverse("campaign:notice_file", args=[notice.pk]),
    ]


def test_staff_see_the_late_units_and_a_prefilled_form(client, world, people):
    client.force_login(people.staff)
    response = client.get(reverse("campaign:notice_list", args=[world.campaign.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="late-unit-{world.health.pk}"' in html
    assert f'id="late-unit-{world.hospital.pk}"' in html
    assert f'id="late-unit-{world.police.pk}"' not in html
    assert RETURNED_OWED["text"] in html
    form = response.context["form"]
    assert form["issuer"].value() == world.province.pk
    assert "place" not in form.fields  # the issuer's own place name is used
    assert form["date"].value() == timezone.localdate()
    # No signer listed and no earlier batch: nothing is guessed, the lines are typed.
    assert (form["signer"].value(), form["signer_authority"].value()) == (None, None)
    assert form.fields["signer"].choices == [("", "(Nhập tay bên dưới)")]


def test_staff_make_a_batch_watch_it_and_download(
    client, world, people, django_capture_on_commit_callbacks
):
    client.force_login(people.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("campaign:notice_list", args=[world.campaign.pk]),
            {
                "issuer": world.province.pk,
                "number": "",
                "symbol": "TĐKT",
                "date": "2026-11-25",
                "signer_authority": "KT. CHỦ TỊCH",
                "signer_title": "PHÓ CHỦ TỊCH",
                "signer_name": "Trần Minh Hiển",
            },
        )
    batch = NoticeBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaign:notice_batch", args=[batch.pk])
    assert batch.created_by == people.staff
    assert batch.state == NoticeBatchState.DONE

    html = client.get(response["Location"]).content.decode()
    assert "hx-trigger" not in html  # done: nothing to poll
    assert reverse("campaign:notice_merged", args=[batch.pk]) in html
    for notice in batch.notices.all():
        assert reverse("campaign:notice_file", args=[notice.pk]) in html

    merged = client.get(reverse("campaign:notice_merged", args=[batch.pk]))
    assert merged.status_code == 200 and merged["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(b"".join(merged.streaming_content))).pages) == 2
    notice = batch.notices.get(unit=world.hospital)
    one = client.get(reverse("campaign:notice_file", args=[notice.pk]))
    assert one.status_code == 200
    assert (
        'filename="Cong-van-don-doc-Benh-Vien-Nguyen-Dinh-Chieu.pdf"'
        in (one["Content-Disposition"])
    )
    body = b"".join(one.streaming_content)
    assert f"Kính gửi: {HOSPITAL}." in flat(PdfReader(io.BytesIO(body)).pages[0].extract_text())


def test_the_form_tells_staff_when_no_unit_is_late(client, world, people):
    world.campaign.registration_required = False
    world.campaign.nomination_deadline = None
    world.campaign.save()
    world.returned.state = NominationState.SUBMITTED
    world.returned.save()
    client.force_login(people.staff)
    response = client.post(
        reverse("campaign:notice_list", args=[world.campaign.pk]),
        {
            "issuer": world.province.pk,
            "symbol": "TĐKT",
            "date": "2026-11-25",
            "signer_title": "PHÓ CHỦ TỊCH",
            "signer_name": "Trần Minh Hiển",
        },
    )
    assert response.status_code == 200
    assert "Không có đơn vị nào chậm thực hiện phong trào này" in response.content.decode()
    assert not NoticeBatch.objects.exists()


def test_the_form_tells_staff_when_the_issuer_has_no_place_name(client, world, people):
    world.health.place_name = ""
    world.health.save()
    client.force_login(people.staff)
    response = client.post(
        reverse("campaign:notice_list", args=[world.campaign.pk]),
        {
            "issuer": world.health.pk,
            "symbol": "TĐKT",
            "date": "2026-11-25",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Trần Văn Hùng",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Sở Y tế chưa có địa danh: hãy ghi địa danh của đơn vị trước khi lập công văn đôn đốc."
    ]
    assert not NoticeBatch.objects.exists()


def test_progress_polls_while_running_and_offers_a_retry_when_failed(client, world, people):
    batch = new_batch(world)  # not rendered: the task waits for the commit
    NoticeBatch.objects.filter(pk=batch.pk).update(state=NoticeBatchState.RUNNING, done=1)
    progress = reverse("campaign:notice_batch_progress", args=[batch.pk])
    client.force_login(people.staff)

    html = client.get(progress).content.decode()
    assert f'hx-get="{progress}"' in html and 'hx-trigger="every 1s"' in html
    assert 'value="1"' in html and 'max="2"' in html
    assert "style=" not in html and "<script" not in html  # the CSP allows neither
    assert reverse("campaign:notice_merged", args=[batch.pk]) not in html
    retry = reverse("campaign:notice_batch_retry", args=[batch.pk])
    assert retry not in html  # running, and not silent

    NoticeBatch.objects.filter(pk=batch.pk).update(
        state=NoticeBatchState.FAILED, error="OSError: disk full"
    )
    html = client.get(progress).content.decode()
    assert "hx-trigger" not in html and "OSError: disk full" in html
    assert retry in html


def test_retry_renders_a_failed_batch(client, world, people, django_capture_on_commit_callbacks):
    batch = new_batch(world)
    NoticeBatch.objects.filter(pk=batch.pk).update(state=NoticeBatchState.FAILED, error="x")
    client.force_login(people.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaign:notice_batch_retry", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.error) == (NoticeBatchState.DONE, 2, "")
    assert [e.action for e in ActivityLog.objects.for_object(batch).order_by("pk")] == [
        "notices.created",
        "notices.retried",
        "notices.rendered",
    ]


def test_nobody_but_staff_reaches_any_notice_url(client, rendered, people):
    batch, notice = rendered.batch, rendered.notices[1]
    # Even the officer of the unit the letter is addressed to.
    OfficerMembershipFactory(user=people.officer, unit=rendered.hospital)
    assert notice.unit == rendered.hospital
    retry = reverse("campaign:notice_batch_retry", args=[batch.pk])
    for user in (people.officer, people.council, None):
        client.logout()
        if user is not None:
            client.force_login(user)
        for path in notice_urls(batch, notice):
            assert client.get(path).status_code == 404, (user, path)
        assert client.post(retry).status_code == 404, user
        assert (
            client.post(reverse("campaign:notice_list", args=[batch.campaign_id]), {}).status_code
            == 404
        )
    client.force_login(people.staff)
    for path in notice_urls(batch, notice):
        assert client.get(path).status_code == 200, path
    assert NoticeBatch.objects.count() == 1


def test_the_campaign_page_links_to_the_notices_for_staff_only(client, world, people):
    link = reverse("campaign:notice_list", args=[world.campaign.pk])
    detail = reverse("campaign:campaign_detail", args=[world.campaign.pk])
    client.force_login(people.staff)
    assert link in client.get(detail).content.decode()
    client.force_login(people.council)
    response = client.get(detail)
    assert response.status_code == 200 and link not in response.content.decode()


def test_late_units_page_queries_do_not_grow_with_units(client, people):
    client.force_login(people.staff)
    few = make_world(units=1)
    path = reverse("campaign:notice_list", args=[few.campaign.pk])
    client.get(path)
    cache.clear()  # measured cold: nothing cached between the two
    with CaptureQueriesContext(connection) as one:
        response = client.get(path)
    assert response.content.decode().count('<tr id="late-unit-') == 3
    many = make_world(units=15, tag="-2")
    new_batch(many)
    new_batch(many)
    path = reverse("campaign:notice_list", args=[many.campaign.pk])
    client.get(path)
    cache.clear()  # measured cold: nothing cached between the two
    with CaptureQueriesContext(connection) as fifteen:
        response = client.get(path)
    assert response.content.decode().count('<tr id="late-unit-') == 17
    assert (len(one), len(fifteen)) == (18, 18)


def test_beat_resumes_a_batch_whose_worker_went_silent(
    rendered, django_capture_on_commit_callbacks
):
    kept, lost = rendered.notices
    Notice.objects.filter(pk=lost.pk).update(file="", rendered_at=None)
    NoticeBatch.objects.filter(pk=rendered.batch.pk).update(
        state=NoticeBatchState.RUNNING, done=1, merged_file=""
    )
    touched = NoticeBatch.objects.get(pk=rendered.batch.pk).updated_at

    # Silent for less than the limit: left alone.
    with django_capture_on_commit_callbacks(execute=True):
        swept = requeue_stale_jobs_task.apply().get()
    assert swept["campaign.noticebatch"] == []
    assert NoticeBatch.objects.get(pk=rendered.batch.pk).state == NoticeBatchState.RUNNING

    # Past it: queued again once the sweep commits (the tests' tasks run at once), and finished.
    later = touched + stale_after() + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        swept = requeue_stale_jobs(now=later)
    assert swept["campaign.noticebatch"] == [rendered.batch.pk]
    batch = NoticeBatch.objects.get(pk=rendered.batch.pk)
    assert (batch.state, batch.done) == (NoticeBatchState.DONE, 2)
    assert Notice.objects.get(pk=kept.pk).rendered_at == kept.rendered_at
    # A finished batch is never queued again.
    assert requeue_stale_jobs(now=later + stale_after() * 2)["campaign.noticebatch"] == []


def test_a_silent_batch_may_be_retried_by_staff(world, settings):
    batch = new_batch(world)  # not rendered: the task waits for the commit
    assert not can_retry(batch)
    settings.JOB_QUEUED_STALE_AFTER = settings.JOB_STALE_AFTER = 0
    assert can_retry(batch)


def test_the_batch_page_names_its_author_family_name_first(client, world, people):
    people.staff.last_name, people.staff.first_name = "Lê Thị Thu", "Hà"
    people.staff.save()
    batch = new_batch(world, by=people.staff)
    client.force_login(people.staff)

    response = client.get(reverse("campaign:notice_batch", args=[batch.pk]))

    assert "Lê Thị Thu Hà" in response.content.decode()


def test_a_batch_on_object_storage_renders_into_the_bucket_once(
    s3_bucket, world, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the render task, eagerly
        batch = new_batch(world, by=staff_user)
    batch.refresh_from_db()
    notices = list(batch.notices.order_by("unit__path"))
    names = sorted([batch.merged_file.name, *(n.file.name for n in notices)])

    render_notices(batch_id=batch.pk)  # the task delivered twice

    assert batch.state == NoticeBatchState.DONE
    assert s3_bucket.keys() == names
    assert len(names) == 3
    merged = PdfReader(io.BytesIO(s3_bucket.read(batch.merged_file.name)))
    assert f"Kính gửi: {HOSPITAL}." in flat(merged.pages[1].extract_text())
