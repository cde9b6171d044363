"""The Excel writer: cell types, formula neutralisation, layout, the download response."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from common.excel.export import (
    CONTENT_TYPE,
    MONEY,
    Column,
    Sheet,
    clean_text,
    content_disposition,
    excel_response,
    neutralise,
    sheet_title,
    workbook_bytes,
)

pytestmark = pytest.mark.unit

DANGEROUS = [
    '=HYPERLINK("http://evil.example","Bấm")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def sheet_xml(data: bytes, number: int = 1) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/sheet{number}.xml").decode()


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_puts_an_apostrophe_before_a_formula_start(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Nguyễn Văn An", "1+1", "a=b", "", "'=x"])
def test_neutralise_leaves_other_text_alone(text):
    assert neutralise(text) == text


def test_no_formula_ever_reaches_the_file():
    data = workbook_bytes([Sheet("Danh sách", ["Tên"], [[text] for text in DANGEROUS])])

    values = [row[0].value for row in read(data).active.iter_rows(min_row=2)]
    types = {row[0].data_type for row in read(data).active.iter_rows(min_row=2)}

    assert values == ["'" + text for text in DANGEROUS]
    assert types == {"s"}
    assert "<f>" not in sheet_xml(data)
    assert "<f " not in sheet_xml(data)


def test_numbers_dates_and_booleans_are_real_cells():
    rows = [
        [
            1,
            Decimal("1410000"),
            2.5,
            datetime.date(2021, 9, 15),
            datetime.datetime(2021, 9, 15, 1, 30, tzinfo=datetime.UTC),
            True,
            None,
        ]
    ]
    columns = [
        Column("STT"),
        Column("Số tiền", number_format=MONEY),
        "Tỷ lệ",
        "Ngày",
        "Lúc",
        "Đột xuất",
        "Ghi chú",
    ]
    sheet = read(workbook_bytes([Sheet("Bảng", columns, rows)])).active

    cells = list(sheet.iter_rows(min_row=2))[0]

    assert [c.data_type for c in cells[:5]] == ["n", "n", "n", "d", "d"]
    assert cells[1].value == 1410000
    assert cells[1].number_format == MONEY
    assert cells[3].value == datetime.datetime(2021, 9, 15)
    assert cells[3].number_format == "DD/MM/YYYY"
    # 01:30 UTC is 08:30 in Việt Nam: the portal's time zone, without one in the file.
    assert cells[4].value == datetime.datetime(2021, 9, 15, 8, 30)
    assert cells[5].value == "Có"
    assert cells[6].value is None


def test_header_row_is_styled_and_columns_have_their_widths():
    sheet = read(
        workbook_bytes(
            [
                Sheet(
                    "Danh sách",
                    [Column("STT", 6), Column("Họ và tên", 32)],
                    [[1, "Trần Thị Lan"]],
                    caption=["DANH SÁCH KHEN THƯỞNG", "Kèm theo Quyết định số 12/QĐ-UBND"],
                )
            ]
        )
    ).active

    assert [c.value for c in sheet[1]][:1] == ["DANH SÁCH KHEN THƯỞNG"]
    assert [c.value for c in sheet[4]] == ["STT", "Họ và tên"]
    assert sheet["A4"].font.bold is True
    assert sheet["A4"].fill.fgColor.rgb.endswith("DDE7F0")
    assert sheet.column_dimensions["A"].width == 6
    assert sheet.column_dimensions["B"].width == 32
    assert sheet.freeze_panes == "A5"
    assert [c.value for c in sheet[5]] == [1, "Trần Thị Lan"]


def test_text_is_nfc_without_illegal_characters_and_within_excels_limit():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed as base letters and marks

    assert clean_text(decomposed) == "Nguyễn"
    assert clean_text("a\x00b\x1fc\td") == "abc\td"
    assert len(clean_text("x" * 40_000)) == 32_766


def test_several_sheets_with_titles_excel_accepts():
    used: set[str] = set()
    assert sheet_title("Theo đơn vị / cấp: [1]", used) == "Theo đơn vị   cấp   1"
    assert sheet_title("Theo đơn vị / cấp: [1]", used) == "Theo đơn vị   cấp   1 (2)"
    assert len(sheet_title("x" * 50, used)) == 31

    book = read(workbook_bytes([Sheet("Một", ["A"], [[1]]), Sheet("Hai", ["B"], [[2]])]))

    assert book.sheetnames == ["Một", "Hai"]


def test_rows_are_read_once_from_a_generator():
    generated = ([n, f"Người {n}"] for n in range(1, 1001))

    sheet = read(workbook_bytes([Sheet("Dài", ["STT", "Tên"], generated)])).active

    assert sheet.max_row == 1001
    assert [c.value for c in sheet[1001]] == [1000, "Người 1000"]


def test_content_disposition_has_an_ascii_name_and_the_real_one():
    header = content_disposition("Danh sách khen thưởng 12/QĐ.xlsx")

    assert header == (
        'attachment; filename="Danh-Sach-Khen-Thuong-12-Qd.xlsx"; '
        "filename*=UTF-8''Danh%20s%C3%A1ch%20khen%20th%C6%B0%E1%BB%9Fng%2012%2FQ%C4%90.xlsx"
    )
    assert header.isascii()


def test_content_disposition_drops_header_breaking_characters():
    header = content_disposition('a"b\r\nc.xlsx')

    assert "\r" not in header and "\n" not in header
    assert header.startswith('attachment; filename="A-B-C.xlsx";')


def test_excel_response_sends_the_workbook():
    response = excel_response([Sheet("Bảng", ["Tên"], [["=cmd"]])], "Thống kê.xlsx")

    data = b"".join(response.streaming_content)

    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Length"] == str(len(data))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith('attachment; filename="Thong-Ke.xlsx"')
    assert read(data).active["A2"].value == "'=cmd"


def test_a_text_like_an_error_value_stays_text():
    sheet = read(workbook_bytes([Sheet("Bảng", ["Ghi chú"], [["#N/A"], ["#REF!"]])])).active

    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows(min_row=2)] == [
        ("#N/A", "s"),
        ("#REF!", "s"),
    ]
