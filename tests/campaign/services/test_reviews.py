"""Opening and building a campaign's review (campaign/services/reviews.py): who may open
one, the refusals (nothing written), one final review per campaign, the number per
issuer and year, the three files read back, and a build that is idempotent and resumes."""

import datetime
import io

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from campaign.enums import CampaignStatus, ReviewKind
from campaign.models import CampaignReview
from campaign.services.reviews import (
    ReviewError,
    build_campaign_review,
    open_campaign_review,
    retry_campaign_review,
)
from common.enums import JobState
from common.models import ActivityLog
from tests.factories import CampaignFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SIGNED = {
    "signer_name": "Trần Minh Hiển",
    "signer_title": "Phó Chủ tịch",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
}


def open_review(world, *, by=None, kind=ReviewKind.INTERIM, **fields):
    values = {
        "kind": kind,
        "period_start": datetime.date(2021, 7, 1),
        "period_end": datetime.date(2021, 12, 31),
        "date": datetime.date(2022, 1, 5),
        **SIGNED,
        **fields,
    }
    return open_campaign_review(world.campaign, by=by or world.staff, **values)


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_a_review_is_numbered_built_and_its_three_files_say_the_figures(
    review_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        review = open_review(review_world)

    assert len(callbacks) == 1
    review.refresh_from_db()
    assert (review.state, review.done, review.total, review.error) == (JobState.DONE, 3, 3, "")
    assert (review.reference, review.year, review.place) == ("1/BC-UBND", 2022, "Bến Tre")
    assert review.issuer_snapshot["name"] == "Ủy ban nhân dân tỉnh Bến Tre"
    pdf = PdfReader(io.BytesIO(read(review.pdf_file)))
    text = " ".join("\n".join(page.extract_text() for page in pdf.pages).split())
    assert "Số: 1/BC-UBND" in text
    assert "Có 3/4 đơn vị đăng ký thi đua (đạt 75,0%)." in text
    assert "Lê Thị Hồng Nhung" in text
    assert "Trần Minh Hiển" in text
    word = Document(io.BytesIO(read(review.docx_file)))
    paragraphs = [p.text for p in word.paragraphs]
    assert "Có 3/4 đơn vị đăng ký thi đua (đạt 75,0%)." in " ".join(paragraphs)
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "12/QĐ-UBND" in cells
    book = openpyxl.load_workbook(io.BytesIO(read(review.xlsx_file)))
    listed = book["Danh sách tập thể, cá nhân được"]
    rows = [row for row in listed.iter_rows(values_only=True) if row and row[0] == 1]
    assert rows == [
        (
            1,
            "Lê Thị Hồng Nhung",
            "Điều dưỡng, Bệnh viện Nguyễn Đình Chiểu",
            "Giấy khen phòng, chống dịch",
            "12/QĐ-UBND",
            "15/09/2021",
        )
    ]
    actions = [e.action for e in ActivityLog.objects.for_object(review).order_by("pk")]
    assert actions == ["review.opened", "review.done"]


def test_numbers_follow_each_other_per_issuer_and_year(review_world):
    first = open_review(review_world)
    second = open_review(review_world, kind=ReviewKind.FINAL)
    next_year = open_review(review_world, date=datetime.date(2023, 1, 5))

    assert [first.reference, second.reference, next_year.reference] == [
        "1/BC-UBND",
        "2/BC-UBND",
        "1/BC-UBND",
    ]


def test_an_officer_may_not_open_a_review_and_nothing_is_written(review_world):
    with pytest.raises(ReviewError, match="Bạn không có quyền lập báo cáo sơ kết, tổng kết"):
        open_review(review_world, by=review_world.health_officer)

    assert CampaignReview.objects.count() == 0


def test_a_draft_campaign_has_no_review(review_world, staff_user):
    draft = CampaignFactory(issuing_unit=review_world.province, status=CampaignStatus.DRAFT)

    with pytest.raises(ReviewError, match="Bạn không có quyền"):
        open_campaign_review(
            draft,
            by=staff_user,
            kind=ReviewKind.INTERIM,
            period_start=datetime.date(2021, 9, 1),
            period_end=datetime.date(2021, 12, 31),
            date=datetime.date(2022, 1, 5),
            **SIGNED,
        )

    assert CampaignReview.objects.count() == 0


def test_a_campaign_has_one_final_review(review_world):
    open_review(review_world, kind=ReviewKind.FINAL)

    with pytest.raises(ReviewError, match="Phong trào này đã có báo cáo tổng kết"):
        open_review(review_world, kind=ReviewKind.FINAL)

    assert CampaignReview.objects.filter(kind=ReviewKind.FINAL).count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"period_end": datetime.date(2021, 6, 30), "period_start": datetime.date(2021, 7, 1)},
            "Ngày kết thúc kỳ phải sau ngày bắt đầu.",
        ),
        (
            {"period_start": datetime.date(2021, 5, 1)},
            "Kỳ sơ kết, tổng kết bắt đầu trước ngày phong trào bắt đầu \\(01/06/2021\\).",
        ),
        ({"signer_name": "", "signer_title": ""}, "Vui lòng ghi họ tên và chức vụ người ký."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(review_world, fields, message):
    with pytest.raises(ReviewError, match=message):
        open_review(review_world, **fields)

    assert CampaignReview.objects.count() == 0


def test_building_twice_changes_nothing_the_second_time(
    review_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = open_review(review_world)
    review.refresh_from_db()
    files = (review.pdf_file.name, review.docx_file.name, review.xlsx_file.name)
    finished = review.finished_at

    again = build_campaign_review(review)

    assert (again.state, again.finished_at) == (JobState.DONE, finished)
    assert (again.pdf_file.name, again.docx_file.name, again.xlsx_file.name) == files
    assert ActivityLog.objects.for_object(review).filter(action="review.done").count() == 1


def test_a_failed_build_is_retried_and_writes_only_what_is_missing(
    review_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = open_review(review_world)
    review.refresh_from_db()
    pdf_name, content = review.pdf_file.name, review.content
    # A worker that died after the PDF: the Word file and the annexes are missing.
    CampaignReview.objects.filter(pk=review.pk).update(
        state=JobState.FAILED, docx_file="", xlsx_file="", done=1, error="OSError: disk full"
    )
    review.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        retry_campaign_review(review, by=review_world.staff)

    review.refresh_from_db()
    assert (review.state, review.done, review.error) == (JobState.DONE, 3, "")
    assert review.pdf_file.name == pdf_name
    assert review.docx_file and review.xlsx_file
    assert review.content == content


def test_a_review_that_did_not_fail_is_not_retried(
    review_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = open_review(review_world)
    review.refresh_from_db()

    with pytest.raises(ReviewError, match="không ở trạng thái lỗi"):
        retry_campaign_review(review, by=review_world.staff)

    review.refresh_from_db()
    assert review.state == JobState.DONE
