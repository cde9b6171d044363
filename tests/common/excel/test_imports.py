"""Reading uploaded workbooks: the file's checks before openpyxl, the columns, the cells."""

import datetime
import io
import time
import zipfile

import openpyxl
import pytest

from common.dates import validate_birth_date
from common.excel.imports import (
    CellError,
    Column,
    ExcelFileError,
    boolean,
    choice,
    date,
    inspect_workbook,
    read_rows,
    read_upload,
    template_workbook,
    text,
)
from tests.support.workbooks import sheet_xml, upload, with_first_sheet, workbook

pytestmark = pytest.mark.unit


def number_of_twelve(value):
    value = str(value)
    if len(value) != 12:
        raise CellError("Số CCCD gồm đúng 12 chữ số.")
    return value


COLUMNS = [
    Column("Họ và tên", "name", text(20), required=True, example="Nguyễn Văn An"),
    Column(
        "Giới tính",
        "gender",
        choice([("male", "Nam"), ("female", "Nữ")]),
        required=True,
        choices=("Nam", "Nữ"),
        example="Nam",
    ),
    Column("Ngày sinh", "born", date(validate_birth_date), example=datetime.date(1985, 3, 12)),
    Column("Số CCCD", "number", number_of_twelve),
    Column("Lãnh đạo", "leader", boolean(), choices=("Có", "Không")),
]
HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Lãnh đạo"]


def messages(error) -> list[str]:
    return list(error.value.messages)


# --- Columns and cells ---------------------------------------------------------------------


def test_rows_are_parsed_from_the_header_row_down():
    data = workbook(
        HEADER,
        ["Trần Thị Bình", "nữ", datetime.datetime(1990, 2, 1), "012345678901", "Có"],
        ["Lê Văn Cường", "NAM", "25/12/1980", None, None],
        title="DANH SÁCH CÁN BỘ",
    )

    result = read_rows(data, COLUMNS)

    assert result.header_row == 2
    assert result.errors == []
    assert [(row.number, row.values) for row in result.rows] == [
        (
            3,
            {
                "name": "Trần Thị Bình",
                "gender": "female",
                "born": datetime.date(1990, 2, 1),
                "number": "012345678901",
                "leader": True,
            },
        ),
        (4, {"name": "Lê Văn Cường", "gender": "male", "born": datetime.date(1980, 12, 25)}),
    ]


def test_headers_match_without_accents_case_marks_or_notes():
    data = workbook(
        ["HO VA TEN *", "gioi tinh", "Ngày sinh (ngày/tháng/năm)"], ["An", "Nam", "1/2/1990"]
    )

    result = read_rows(data, COLUMNS)

    assert [row.values for row in result.rows] == [
        {"name": "An", "gender": "male", "born": datetime.date(1990, 2, 1)}
    ]


def test_each_bad_cell_is_reported_at_its_row_and_column():
    data = workbook(
        HEADER,
        ["Trần Thị Bình", "Khác", "31/02/1990", "123", "Có"],
        [None, "Nam", "01/01/2990", None, "thỉnh thoảng"],
        ["Một cái tên dài hơn hai mươi ký tự", "Nam"],
        ["Đúng", "Nam"],
    )

    result = read_rows(data, COLUMNS)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "Giới tính", "“Khác” không có trong danh sách: Nam, Nữ."),
        (2, "Ngày sinh", "“31/02/1990” không phải ngày hợp lệ; ghi theo dạng ngày/tháng/năm."),
        (2, "Số CCCD", "Số CCCD gồm đúng 12 chữ số."),
        (
            3,
            "Ngày sinh",
            "Ngày 01/01/2990 ở tương lai: việc đã diễn ra chỉ được ghi đến hôm nay "
            f"({datetime.date.today():%d/%m/%Y}).",
        ),
        (3, "Lãnh đạo", "Ghi “Có” hoặc “Không” (để trống là “Không”)."),
        (3, "Họ và tên", "Bắt buộc nhập."),
        (4, "Họ và tên", "Dài quá 20 ký tự."),
    ]
    assert [row.number for row in result.valid_rows] == [5]


def test_a_formula_is_refused_where_it_stands():
    data = workbook(HEADER, ["An", "Nam", "=TODAY()-10000"], ['=UPPER("b")', "Nữ"])

    result = read_rows(data, COLUMNS)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (
            2,
            "Ngày sinh",
            "Ô C2 chứa công thức (=TODAY()-10000). Hãy sao chép rồi dán giá trị "
            "(Paste Values) thay cho công thức.",
        ),
        (
            3,
            "Họ và tên",
            'Ô A3 chứa công thức (=UPPER("b")). Hãy sao chép rồi dán giá trị '
            "(Paste Values) thay cho công thức.",
        ),
    ]
    assert result.valid_rows == []


def test_unknown_twice_named_and_missing_columns_refuse_the_file():
    data = workbook(["Họ và tên", "Quê quán", "Ho va ten", "Ngày sinh"], ["An", "Bến Tre"])

    with pytest.raises(ExcelFileError) as error:
        read_rows(data, COLUMNS)

    assert messages(error) == [
        "Cột “Quê quán” (cột B) không có trong mẫu. Các cột của mẫu: “Họ và tên”, "
        "“Giới tính”, “Ngày sinh”, “Số CCCD”, “Lãnh đạo”.",
        "Cột “Họ và tên” xuất hiện hai lần (cột A và C).",
        "Thiếu cột bắt buộc “Giới tính”.",
    ]


def test_data_under_no_header_is_an_error_not_lost():
    data = workbook(["Họ và tên", "Giới tính"], ["An", "Nam", "ghi chú"])

    result = read_rows(data, COLUMNS)

    assert [(e.row, e.column) for e in result.errors] == [(2, "")]
    assert result.errors[0].message.startswith("Cột C có dữ liệu nhưng không có tiêu đề")


def test_a_sheet_without_the_header_row_is_refused():
    data = workbook(*[["ghi chú"]] * 12)

    with pytest.raises(ExcelFileError) as error:
        read_rows(data, COLUMNS)

    assert messages(error) == [
        "Không tìm thấy dòng tiêu đề cột trong 10 dòng đầu của trang tính thứ nhất. "
        "Hãy dùng mẫu của cổng và giữ nguyên dòng tiêu đề."
    ]


# --- The template --------------------------------------------------------------------------


def test_the_template_has_headers_an_example_lists_and_reads_back_empty():
    data = template_workbook(COLUMNS, title="DANH SÁCH", instructions=["Mỗi dòng một người."])

    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[2]] == [
        "Họ và tên *",
        "Giới tính *",
        "Ngày sinh",
        "Số CCCD",
        "Lãnh đạo",
    ]
    assert sheet["A3"].value == "Nguyễn Văn An"
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists == {
        "B3:B20003": "'Danh mục'!$B$1:$B$2",
        "E3:E20003": "'Danh mục'!$E$1:$E$2",
    }
    assert book.worksheets[1].sheet_state == "hidden"
    assert book.worksheets[2]["A1"].value == "Mỗi dòng một người."
    with pytest.raises(ExcelFileError) as error:  # the example row alone is not data
        read_rows(data, COLUMNS)
    assert messages(error) == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]


def test_the_template_filled_in_reads_back_without_its_example():
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(COLUMNS, title="DANH SÁCH")))
    book.worksheets[0].append(["Phạm Thị Dung", "Nữ"])
    out = io.BytesIO()
    book.save(out)

    result = read_rows(out.getvalue(), COLUMNS)

    assert [(row.number, row.values) for row in result.rows] == [
        (4, {"name": "Phạm Thị Dung", "gender": "female"})
    ]


# --- The file ------------------------------------------------------------------------------


def test_what_is_not_an_xlsx_is_refused_with_its_reason():
    cases = {
        b"Ho va ten,Gioi tinh\nAn,Nam\n": "not_xlsx",
        b"%PDF-1.7\n": "not_xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512: "xls",
        b"PK\x03\x04 not really a zip": "broken",
    }
    for data, code in cases.items():
        with pytest.raises(ExcelFileError) as error:
            inspect_workbook(data)
        assert error.value.code == code


def test_a_zip_that_is_no_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")

    with pytest.raises(ExcelFileError) as error:
        inspect_workbook(out.getvalue())

    assert messages(error) == [
        "Tệp không phải sổ làm việc Excel (.xlsx). Hãy tải mẫu của cổng, điền vào đó và lưu "
        "dưới dạng .xlsx."
    ]


def test_a_macro_workbook_is_refused():
    data = workbook(HEADER)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"spreadsheetml.sheet.main+xml", b"x").replace(
                    b'ContentType="application/vnd.openxmlformats-officedocument.x"',
                    b'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"',
                )
            target.writestr(item, content)

    with pytest.raises(ExcelFileError) as error:
        inspect_workbook(out.getvalue())

    assert error.value.code == "macro"


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    bomb = b"<c/>" * (5 * 1024 * 1024)  # 20 MB of XML that deflates a thousandfold
    data = with_first_sheet(sheet_xml([["Họ và tên"]]), **{"xl/media/bomb.xml": bomb})
    assert len(data) < 100_000

    started = time.monotonic()
    with pytest.raises(ExcelFileError) as error:
        read_rows(data, COLUMNS)

    assert error.value.code == "bomb"
    assert time.monotonic() - started < 0.5


def test_a_workbook_inflating_past_the_limit_is_refused(settings):
    settings.IMPORT_MAX_UNCOMPRESSED = 4000
    data = workbook(HEADER, *[["Nguyễn Văn An", "Nam"]] * 100)

    with pytest.raises(ExcelFileError) as error:
        inspect_workbook(data)

    assert error.value.code == "bomb"


def test_a_doctype_is_refused():
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaa">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData/></worksheet>"
    )

    with pytest.raises(ExcelFileError) as error:
        inspect_workbook(with_first_sheet(xml))

    assert error.value.code == "broken"


def test_an_upload_over_the_size_limit_is_refused_unread(settings):
    settings.IMPORT_MAX_BYTES = 1024

    with pytest.raises(ExcelFileError) as error:
        read_upload(upload(b"PK\x03\x04" + b"0" * 2000))

    assert messages(error) == [
        "Tệp vượt quá dung lượng cho phép (0 MB). Hãy chia danh sách thành nhiều tệp."
    ]


def test_rows_past_the_limit_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 5
    fits = with_first_sheet(sheet_xml([HEADER] + [["An", "Nam"]] * 5))
    too_many = with_first_sheet(sheet_xml([HEADER] + [["An", "Nam"]] * 16))

    assert inspect_workbook(fits) == 6
    with pytest.raises(ExcelFileError) as error:
        inspect_workbook(too_many)
    assert messages(error) == [
        "Tệp có hơn 5 dòng dữ liệu: mỗi lần chỉ nhập được tối đa 5 dòng. "
        "Hãy chia danh sách thành nhiều tệp."
    ]


def test_a_hundred_thousand_rows_are_refused_quickly_without_loading_them():
    rows = [HEADER] + [[f"Nguyễn Văn {n}", "Nam", "01/01/1990"] for n in range(100_000)]
    data = with_first_sheet(sheet_xml(rows))

    started = time.monotonic()
    with pytest.raises(ExcelFileError) as error:
        read_rows(data, COLUMNS)
    elapsed = time.monotonic() - started

    assert error.value.code == "too_many_rows"
    assert messages(error) == [
        "Tệp có hơn 20.000 dòng dữ liệu: mỗi lần chỉ nhập được tối đa 20.000 dòng. "
        "Hãy chia danh sách thành nhiều tệp."
    ]
    assert elapsed < 2


def test_data_rows_past_the_limit_are_refused_when_read(settings):
    settings.IMPORT_MAX_ROWS = 5
    data = workbook(HEADER, *[["An", "Nam"]] * 8)  # within the streamed count's slack

    with pytest.raises(ExcelFileError) as error:
        read_rows(data, COLUMNS)

    assert error.value.code == "too_many_rows"
