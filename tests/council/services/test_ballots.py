"""The printable paper ballot: the agenda with three boxes per item, read back with
pypdf, and no member's name on it."""

import io
import re

import pytest
from pypdf import PdfReader

from council.services.ballots import ballot_file_name, ballot_pdf
from tests.common.pdf.fonts import embedded_faces
from tests.council.conftest import open_session_of

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_ballot_lists_every_item_with_three_choices_and_no_member(world):
    for n, member in enumerate([*world.members, world.secretary], 1):
        member.first_name = f"Phạm Thị Thành Viên {n}"
        member.save()
    session = open_session_of(world, is_paper=True)

    reader = PdfReader(io.BytesIO(ballot_pdf(session)))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))

    assert "PHIẾU BẦU" in text
    assert "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG TỈNH" in text
    assert "Đồng ý Không đồng ý Không biểu quyết" in text
    subjects = [n.subject_name for n in world.nominations]
    rows = re.findall(r"(\d) (Nguyễn Văn Thành \d+) Chiến sĩ thi đua \(thử\)", text)
    assert rows == [(str(i), name) for i, name in enumerate(subjects, 1)]
    assert "Tổng số: 3 trường hợp." in text
    assert "Không ghi tên hoặc ký vào phiếu." in text
    assert "Thành Viên" not in text
    assert sorted(set(embedded_faces(reader))) == ["bold", "italic", "regular"]


def test_ballot_file_name_is_ascii(world):
    session = open_session_of(world, nominations=[], title="Xét Chiến sĩ thi đua")

    assert ballot_file_name(session) == f"Phieu-bau-Xet-Chien-Si-Thi-Dua-{session.pk}.pdf"
