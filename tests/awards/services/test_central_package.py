"""The package of a central submission: ZIP members, Excel cells, the tờ trình PDF, and
the build resumable and idempotent."""

import datetime
import io
import zipfile
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.enums import RunState
from awards.models import CentralPackage
from awards.services.central import send_central_submission
from awards.services.central_package import build_package, excel_bytes
from tests.awards.conftest import central_draft
from tests.common.pdf.fonts import embedded_faces

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def package(central_world):
    submission = central_draft(central_world, central_world.nurse, central_world.collective)
    send_central_submission(
        submission, by=central_world.staff, letter_date=datetime.date(2025, 10, 20)
    )
    return CentralPackage.objects.get(submission=submission)


def members(package):
    with package.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_build_zip_holds_letter_list_and_a_folder_per_nomination(package):
    build_package(package)

    assert (package.state, package.done, package.total) == (RunState.DONE, 4, 4)
    assert members(package).namelist() == [
        "01-To-trinh.pdf",
        "02-Danh-sach.xlsx",
        "03-Ho-so/01-Nguyen-Thi-Ngoc-Hang/",
        "03-Ho-so/01-Nguyen-Thi-Ngoc-Hang/01-To-Trinh-So-Y-Te.pdf",
        "03-Ho-so/02-Khoa-Hoi-Suc-Tich-Cuc-Chong-Doc/",
    ]
    assert members(package).read("03-Ho-so/01-Nguyen-Thi-Ngoc-Hang/01-To-Trinh-So-Y-Te.pdf") == (
        b"%PDF-1.4 test"
    )


def test_build_excel_rows_in_vietnamese(package):
    build_package(package)

    sheet = load_workbook(io.BytesIO(members(package).read("02-Danh-sach.xlsx"))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4, max_row=6)]
    assert rows == [
        [
            "STT",
            "Họ và tên, tên tập thể",
            "Cá nhân/Tập thể",
            "Giới tính",
            "Năm sinh",
            "Chức vụ, đơn vị công tác",
            "Hình thức đề nghị",
            "Tóm tắt thành tích",
            "Đơn vị đề nghị",
            "Ghi chú",
        ],
        [
            1,
            "Nguyễn Thị Ngọc Hằng",
            "Cá nhân",
            "Nữ",
            "1985",
            "Điều dưỡng trưởng, Khoa Hồi sức tích cực – Chống độc, Bệnh viện Nguyễn Đình Chiểu",
            "Bằng khen của Thủ tướng Chính phủ",
            "Trực tiếp điều trị hơn 500 ca COVID-19 nặng, không để xảy ra tử vong.",
            "Sở Y tế",
            None,
        ],
        [
            2,
            "Khoa Hồi sức tích cực – Chống độc",
            "Tập thể",
            None,
            None,
            "Bệnh viện Nguyễn Đình Chiểu",
            "Bằng khen của Thủ tướng Chính phủ",
            "Tập thể dẫn đầu phong trào thi đua phòng, chống dịch.",
            "Sở Y tế",
            None,
        ],
    ]
    assert sheet["A2"].value == (
        "Kèm theo Tờ trình số 1/TTr-UBND ngày 20/10/2025 của Ủy ban nhân dân tỉnh Bến Tre"
    )


def test_build_letter_pdf_text_and_embedded_fonts(package):
    build_package(package)

    reader = PdfReader(io.BytesIO(members(package).read("01-To-trinh.pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    words = " ".join(text.split())
    assert "Số: 1/TTr-UBND" in words
    assert "TỜ TRÌNH" in words
    assert "Kính gửi: Thủ tướng Chính phủ" in words
    assert "Nguyễn Thị Ngọc Hằng" in words
    assert "Bến Tre, ngày 20 tháng 10 năm 2025" in words
    assert sorted(set(embedded_faces(reader))) == ["bold", "bold_italic", "italic", "regular"]


def test_build_twice_changes_nothing_the_second_time(package):
    build_package(package)
    finished, name = package.finished_at, package.file.name

    build_package(package)

    assert (package.state, package.finished_at, package.file.name) == (
        RunState.DONE,
        finished,
        name,
    )


def test_build_resumed_after_a_dead_worker_keeps_the_letter_and_finishes(package, tmp_path):
    build_package(package)
    letter = package.letter.name
    # A worker died after the letter: the row says RUNNING with the letter stored.
    CentralPackage.objects.filter(pk=package.pk).update(
        state=RunState.RUNNING, done=1, file="", finished_at=None
    )
    package.refresh_from_db()
    package.scratch_path().mkdir(parents=True)
    (package.scratch_path() / "left-over.zip").write_bytes(b"half")

    build_package(package)

    assert (package.state, package.done, package.letter.name) == (RunState.DONE, 4, letter)
    assert members(package).namelist()[0] == "01-To-trinh.pdf"
    assert package.scratch_path().exists() is False


def test_the_list_keeps_a_summary_typed_as_a_formula_as_text():
    submission = SimpleNamespace(
        reference="12/TTr-UBND", letter_date=None, issuer=SimpleNamespace(name="UBND tỉnh")
    )
    row = {
        "number": 1,
        "name": "Lê Văn Bình",
        "subject_type": "Cá nhân",
        "gender": "Nam",
        "birth_year": "1980",
        "position": "Cán bộ",
        "award": "Bằng khen của Thủ tướng Chính phủ",
        "summary": '=HYPERLINK("http://x","Bấm")',
        "nominating_unit": "Sở Y tế",
    }

    sheet = load_workbook(io.BytesIO(excel_bytes(submission, [row]))).active

    assert sheet["H5"].value == '\'=HYPERLINK("http://x","Bấm")'
    assert sheet["H5"].data_type == "s"
    assert sheet["H5"].alignment.wrap_text is True
