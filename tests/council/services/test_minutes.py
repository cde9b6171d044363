"""The minutes of a closed session: numbered per unit and year on closing, rendered in
the background (the task runs eagerly here), read back with pypdf, attached to each
dossier and carried in the package forwarded upward; retried from the page's service."""

import datetime
import io
import re
import zipfile

import pytest
from django.utils import timezone
from pypdf import PdfReader

from awards.enums import DossierKind
from awards.models import CentralPackage, DossierFile
from awards.services.central import send_central_submission
from awards.services.central_package import build_package
from common.enums import JobState
from common.models import ActivityLog
from common.services.jobs import requeue_stale_jobs
from council.activity import MINUTES_RETRY
from council.enums import Choice, SessionState
from council.models import Minutes
from council.services.closing import close_session
from council.services.errors import CouncilError
from council.services.minutes import render_minutes, retry_minutes
from council.services.sessions import record_attendance, record_written_vote
from council.services.voting import cast_votes, recuse
from tests.awards.conftest import central_draft, central_world  # noqa: F401 (a fixture)
from tests.common.pdf.fonts import embedded_faces
from tests.council.conftest import open_session_of
from tests.factories import AgendaItemFactory, CouncilFactory, SessionFactory, UnitFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _vote(session, member, choice, item):
    cast_votes(session, {item.pk: choice}, by=member, secret=f"{member.pk:043d}")


def _named(world):
    for n, member in enumerate(world.members, 1):
        member.first_name = f"Trần Văn Ủy viên {n}"
        member.save()
    world.secretary.first_name = "Lê Thị Thư Ký"
    world.secretary.save()


def pdf_pages(field) -> list[str]:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def pdf_text(field) -> str:
    return " ".join(pdf_pages(field))


@pytest.fixture
def closed(world, django_capture_on_commit_callbacks):
    """Five members: four attend and vote online, the fifth is absent and sends a written
    opinion on the first item; the fourth recuses on the second item."""
    _named(world)
    world.province.place_name = "Bến Tre"
    world.province.save()
    passing, failing = world.nominations[:2]
    session = open_session_of(world, nominations=[passing, failing])
    first, second = session.items.order_by("position")
    for member in world.members[:4]:
        _vote(session, member, Choice.AGREE, first)
    record_written_vote(first, world.members[4], Choice.AGREE, by=world.secretary)
    recuse(second, by=world.members[3])
    for member in world.members[:2]:
        _vote(session, member, Choice.AGREE, second)
    _vote(session, world.members[2], Choice.DISAGREE, second)
    record_attendance(session, [m.pk for m in world.members[:4]], by=world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        close_session(session, by=world.secretary)
    return session


def test_close_numbers_the_minutes_and_renders_them(closed, world):
    minutes = Minutes.objects.get(session=closed)

    assert (minutes.number, minutes.year, minutes.number_text) == (
        1,
        closed.meeting_at.year,
        "1/BB-HĐTĐKT",
    )
    assert (minutes.state, minutes.done, minutes.total) == (JobState.DONE, 3, 3)
    assert minutes.file.name.endswith(f"Bien-ban-hop-Hoi-dong-1-{minutes.year}.pdf")


def test_minutes_pdf_reads_back_in_the_decree_30_format(closed, world):
    minutes = Minutes.objects.get(session=closed)
    text = pdf_text(minutes.file)

    assert "Số: 1/BB-HĐTĐKT" in text
    assert "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG TỈNH" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BIÊN BẢN" in text
    assert f"Địa điểm: {closed.place}." in text
    assert "Tổng số thành viên Hội đồng: 5; có mặt: 4; vắng mặt: 1." in text
    assert (
        "1 Trần Văn Ủy viên 1 Chủ tịch Hội đồng 2 Trần Văn Ủy viên 2 Phó Chủ tịch Hội đồng "
        "3 Trần Văn Ủy viên 3 Ủy viên thường trực 4 Trần Văn Ủy viên 4 Ủy viên"
    ) in text
    assert "Trần Văn Ủy viên 5 – Ủy viên (có ý kiến bằng văn bản)" in text
    assert "Thư ký phiên họp: Lê Thị Thư Ký." in text
    assert "Bỏ phiếu kín, từ 90% trở lên trên tổng số thành viên Hội đồng" in text
    assert "Đồng ý 5, không đồng ý 0, không biểu quyết 0; tỷ lệ đồng ý 5/5 = 100%" in text
    assert "Không tham gia biểu quyết do xung đột lợi ích: Trần Văn Ủy viên 4." in text
    assert "Hội đồng thống nhất đề nghị khen thưởng 1 trường hợp đạt yêu cầu:" in text
    assert "1 trường hợp không đạt yêu cầu:" in text
    assert "THƯ KÝ" in text and "CHỦ TỊCH HỘI ĐỒNG" in text
    assert text.index("Lê Thị Thư Ký", text.index("THƯ KÝ")) > 0
    assert "Trần Văn Ủy viên 1" in text[text.index("CHỦ TỊCH HỘI ĐỒNG") :]


def test_minutes_pdf_embeds_the_shipped_fonts(closed):
    minutes = Minutes.objects.get(session=closed)
    with minutes.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert sorted(set(embedded_faces(reader))) == ["bold", "italic", "regular"]


def test_minutes_join_each_items_dossier_once(closed, world):
    minutes = Minutes.objects.get(session=closed)

    render_minutes(minutes)  # a second delivery: nothing added
    Minutes.objects.filter(pk=minutes.pk).update(state=JobState.FAILED)
    render_minutes(minutes)  # a run resumed after a failure: nothing added either

    files = DossierFile.objects.filter(kind=DossierKind.COUNCIL_MINUTES).order_by("nomination_id")
    assert [f.nomination for f in files] == world.nominations[:2]
    assert [f.original_name for f in files] == [f"Bien-ban-hop-Hoi-dong-1-{minutes.year}.pdf"] * 2
    assert "Số: 1/BB-HĐTĐKT" in pdf_text(files[0].file)


def test_minutes_on_object_storage_land_in_the_bucket_with_each_dossiers_copy(
    s3_bucket, closed, world
):
    minutes = Minutes.objects.get(session=closed)
    copies = DossierFile.objects.filter(kind=DossierKind.COUNCIL_MINUTES).order_by("nomination_id")

    minutes_text = PdfReader(io.BytesIO(s3_bucket.read(minutes.file.name))).pages[0].extract_text()

    assert minutes.state == JobState.DONE
    assert s3_bucket.keys() == sorted([minutes.file.name, *(c.file.name for c in copies)])
    assert len(copies) == 2
    assert "Số: 1/BB-HĐTĐKT" in minutes_text
    assert {s3_bucket.read(c.file.name) for c in copies} == {s3_bucket.read(minutes.file.name)}


def test_minutes_numbers_run_per_unit_and_year(world, closed):
    second = open_session_of(world, nominations=world.nominations[2:3])
    close_session(second, by=world.secretary)
    other_unit = UnitFactory(name="Sở Y tế")
    other = open_session_of(
        world, nominations=[], council=CouncilFactory(unit=other_unit, name="Hội đồng Sở Y tế")
    )
    close_session(other, by=world.staff)
    next_year = open_session_of(
        world,
        nominations=[],
        meeting_at=closed.meeting_at + datetime.timedelta(days=366),
    )
    close_session(next_year, by=world.staff)

    assert [
        Minutes.objects.get(session=s).number_text for s in (closed, second, other, next_year)
    ] == ["1/BB-HĐTĐKT", "2/BB-HĐTĐKT", "1/BB-HĐTĐKT", "1/BB-HĐTĐKT"]


def test_retry_refuses_minutes_that_did_not_fail(closed, world):
    minutes = Minutes.objects.get(session=closed)

    with pytest.raises(CouncilError, match="không ở trạng thái lỗi"):
        retry_minutes(minutes, by=world.secretary)

    minutes.refresh_from_db()
    assert minutes.state == JobState.DONE
    assert not ActivityLog.objects.filter(action=MINUTES_RETRY).exists()


def test_retry_refuses_a_member_who_does_not_keep_the_session(closed, world):
    minutes = Minutes.objects.get(session=closed)
    Minutes.objects.filter(pk=minutes.pk).update(state=JobState.FAILED, error="x")

    with pytest.raises(CouncilError, match="không có quyền"):
        retry_minutes(minutes, by=world.members[0])

    minutes.refresh_from_db()
    assert minutes.state == JobState.FAILED


def test_retry_renders_failed_minutes_again(closed, world, django_capture_on_commit_callbacks):
    minutes = Minutes.objects.get(session=closed)
    Minutes.objects.filter(pk=minutes.pk).update(state=JobState.FAILED, error="OSError: disk")

    with django_capture_on_commit_callbacks(execute=True):
        retry_minutes(minutes, by=world.secretary)

    minutes.refresh_from_db()
    assert (minutes.state, minutes.error) == (JobState.DONE, "")
    assert ActivityLog.objects.filter(action=MINUTES_RETRY).count() == 1
    assert closed.state == SessionState.CLOSED


def test_minutes_travel_in_the_package_forwarded_upward(central_world):  # noqa: F811
    nurse = central_world.nurse
    session = SessionFactory(
        council=CouncilFactory(unit=central_world.province),
        state=SessionState.CLOSED,
        closed_at=timezone.now(),
    )
    AgendaItemFactory(session=session, nomination=nurse)
    minutes = Minutes.objects.create(session=session, number=7, year=2025)
    render_minutes(minutes)
    submission = central_draft(central_world, nurse)
    send_central_submission(
        submission, by=central_world.staff, letter_date=datetime.date(2025, 10, 20)
    )
    package = build_package(CentralPackage.objects.get(submission=submission))

    with package.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    name = "03-Ho-so/01-Nguyen-Thi-Ngoc-Hang/01-Bien-Ban-Hop-Hoi-Dong-7-2025.pdf"
    assert [n for n in archive.namelist() if "Bien-Ban" in n] == [name]
    reader = PdfReader(io.BytesIO(archive.read(name)))
    assert "Số: 7/BB-HĐTĐKT" in " ".join(page.extract_text() for page in reader.pages)


def test_the_sweeper_hands_silent_minutes_to_a_worker_again(
    closed, settings, django_capture_on_commit_callbacks
):
    minutes = Minutes.objects.get(session=closed)
    later = timezone.now() + datetime.timedelta(seconds=settings.JOB_STALE_AFTER + 1)
    Minutes.objects.filter(pk=minutes.pk).update(state=JobState.RUNNING, done=1)

    with django_capture_on_commit_callbacks(execute=True):
        queued = requeue_stale_jobs(now=later)

    assert queued["council.minutes"] == [minutes.pk]
    minutes.refresh_from_db()
    assert (minutes.state, minutes.done) == (JobState.DONE, 3)
    assert DossierFile.objects.filter(kind=DossierKind.COUNCIL_MINUTES).count() == 2
