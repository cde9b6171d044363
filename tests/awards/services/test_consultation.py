"""Public consultation before a tờ trình goes to the central level: the window counted in
working days, the list frozen once published, sending refused before the window has
closed, comments throttled and held for moderation, the comments in the package."""

import datetime
import io
import zipfile

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from awards.enums import CommentState
from awards.models import AwardType, CentralPackage, CentralSubmissionLine, ConsultationComment
from awards.services.central import CentralError, remove_central_nomination, send_central_submission
from awards.services.central_package import COMMENTS_NAME, build_package
from awards.services.consultation import (
    ConsultationError,
    moderate_comment,
    open_consultation,
    post_comment,
)
from common.pdf.letterhead import short_date
from tests.awards.conftest import central_draft

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

THURSDAY = datetime.date(2026, 2, 12)  # Tết Bính Ngọ: 14–22/2/2026
LETTER = datetime.date(2025, 10, 20)


@pytest.fixture
def draft(central_world):
    AwardType.objects.filter(pk=central_world.prime_minister.pk).update(consultation_days=10)
    return central_draft(central_world, central_world.nurse)


def test_the_window_skips_weekends_and_tet(draft, central_world):
    consultation = open_consultation(draft, by=central_world.staff, today=THURSDAY)

    assert (consultation.working_days, consultation.closes_on) == (10, datetime.date(2026, 3, 5))


def test_sending_is_refused_without_a_consultation(draft, central_world):
    with pytest.raises(CentralError, match="phải được công khai lấy ý kiến 10 ngày làm việc"):
        send_central_submission(draft, by=central_world.staff, letter_date=LETTER)

    draft.refresh_from_db()
    assert (draft.state, draft.number) == ("draft", None)


def test_sending_is_refused_until_the_window_has_closed(draft, central_world):
    today = timezone.localdate()
    consultation = open_consultation(draft, by=central_world.staff, today=today)

    with pytest.raises(CentralError, match=f"đến hết ngày {short_date(consultation.closes_on)}"):
        send_central_submission(draft, by=central_world.staff, letter_date=today)

    draft.refresh_from_db()
    assert (draft.state, draft.number) == ("draft", None)


def test_sending_is_allowed_once_the_window_has_closed(draft, central_world):
    open_consultation(draft, by=central_world.staff, today=datetime.date(2025, 10, 1))

    send_central_submission(draft, by=central_world.staff, letter_date=LETTER)

    draft.refresh_from_db()
    assert draft.number == 1


def test_the_published_list_is_frozen(draft, central_world):
    open_consultation(draft, by=central_world.staff, today=THURSDAY)
    line = CentralSubmissionLine.objects.get(submission=draft)

    with pytest.raises(CentralError, match="đã được công khai lấy ý kiến"):
        remove_central_nomination(line, by=central_world.staff)

    assert CentralSubmissionLine.objects.filter(pk=line.pk).exists()


def test_opening_twice_or_by_a_non_staff_user_is_refused(draft, central_world):
    with pytest.raises(ConsultationError, match="dự thảo"):
        open_consultation(draft, by=central_world.officer, today=THURSDAY)
    open_consultation(draft, by=central_world.staff, today=THURSDAY)

    with pytest.raises(ConsultationError, match="đã được công khai"):
        open_consultation(draft, by=central_world.staff, today=THURSDAY)


def _at(day, hour=10):
    return datetime.datetime(day.year, day.month, day.day, hour - 7, tzinfo=datetime.UTC)


def test_comments_are_held_limited_and_throttled_per_address(draft, central_world):
    consultation = open_consultation(draft, by=central_world.staff, today=timezone.localdate())

    first = post_comment(consultation, name="Lê Văn Dân", body="Đồng ý.", address="1.2.3.4")
    with pytest.raises(ConsultationError, match="tối đa 2000 ký tự"):
        post_comment(consultation, name="Lê Văn Dân", body="x" * 2001, address="1.2.3.4")
    for _ in range(2):
        post_comment(consultation, name="Lê Văn Dân", body="Ý kiến.", address="1.2.3.4")
    with pytest.raises(ConsultationError, match="3 góp ý trong một giờ qua"):
        post_comment(consultation, name="Lê Văn Dân", body="Nữa.", address="1.2.3.4")
    post_comment(consultation, name="Trần Thị Khác", body="Ý kiến.", address="5.6.7.8")
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1, minutes=1)
    ConsultationComment.objects.update(created_at=an_hour_ago)
    post_comment(consultation, name="Lê Văn Dân", body="Sau một giờ.", address="1.2.3.4")

    assert first.state == CommentState.PENDING
    assert ConsultationComment.objects.count() == 5
    assert "1.2.3.4" not in first.address_hash


def test_comments_are_refused_once_the_window_is_over(draft, central_world):
    consultation = open_consultation(draft, by=central_world.staff, today=THURSDAY)

    with pytest.raises(ConsultationError, match="đã kết thúc"):
        post_comment(
            consultation, name="A", body="B", address="1.1.1.1", now=_at(datetime.date(2026, 3, 6))
        )

    assert ConsultationComment.objects.count() == 0


def test_moderation_publishes_answers_and_the_package_carries_them(draft, central_world):
    AwardType.objects.filter(pk=central_world.prime_minister.pk).update(consultation_days=1)
    consultation = open_consultation(
        draft, by=central_world.staff, today=datetime.date(2025, 10, 1)
    )
    comment = post_comment(
        consultation,
        name="Nguyễn Văn Góp",
        body="Chị Hằng tận tụy với người bệnh.",
        address="9.9.9.9",
        now=_at(datetime.date(2025, 10, 1), 15),
    )
    with pytest.raises(ConsultationError, match="không có quyền"):
        moderate_comment(comment, by=central_world.officer, publish=True, answer="x")
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING

    moderate_comment(comment, by=central_world.staff, publish=True, answer="Cảm ơn ông.")
    send_central_submission(draft, by=central_world.staff, letter_date=datetime.date(2025, 10, 20))
    package = build_package(CentralPackage.objects.get(submission=draft))

    with package.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    sheet = load_workbook(io.BytesIO(archive.read(COMMENTS_NAME))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Nguyễn Văn Góp" in values
    assert "Chị Hằng tận tụy với người bệnh." in values
    assert "Cảm ơn ông." in values
