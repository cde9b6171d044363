import datetime
import io
import unicodedata

import pytest
from docx import Document
from docx.oxml.ns import qn

from common.pdf.letterhead import letterhead
from common.word import FONT, MOTTO, NATIONAL_TITLE, official_docx

pytestmark = pytest.mark.unit

ISSUER = {
    "heading": {"parent": "ỦY BAN NHÂN DÂN", "name": "TỈNH BẾN TRE", "parent_bold": True},
}


def report(**changes) -> dict:
    document = {
        "letterhead": letterhead(
            ISSUER, number="Số: 12/BC-UBND", place="Bến Tre", day=datetime.date(2021, 2, 5)
        ),
        "kind": "BÁO CÁO",
        "title": "Sơ kết phong trào thi đua phòng, chống dịch COVID-19",
        "blocks": [
            {"heading": "I. KẾT QUẢ"},
            {"paragraph": "Các đơn vị đã triển khai kế hoạch."},
            {"bullets": ["Tiêm chủng", "Xét nghiệm"]},
            {
                "table": {
                    "headers": ["STT", "Đơn vị", "Chỉ tiêu", "Đạt"],
                    "rows": [[1, "Sở Y tế", 1500, 1234.5], [2, "Công an tỉnh", 300, None]],
                    "total": ["", "Tổng cộng", 1800, 1234.5],
                    "widths": [1.2, 7, 3, 3],
                }
            },
        ],
        "signature": {
            "lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            "name": "Nguyễn Văn An",
        },  # fmt: skip
        "recipients": ["- Như trên;", "- Lưu: VT, TĐKT."],
    }
    document.update(changes)
    return document


def read(document: dict):
    return Document(io.BytesIO(official_docx(document)))


def texts(word) -> list[str]:
    return [p.text for p in word.paragraphs if p.text]


def cell_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_official_docx_prints_the_letterhead_of_decree_30():
    word = read(report())

    head = cell_texts(word.tables[0])
    assert head == [
        [
            "ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\nSố: 12/BC-UBND",
            f"{NATIONAL_TITLE}\n{MOTTO}\nBến Tre, ngày 05 tháng 02 năm 2021",
        ]
    ]
    assert texts(word)[:2] == [
        "BÁO CÁO",
        "Sơ kết phong trào thi đua phòng, chống dịch COVID-19",
    ]


def test_official_docx_writes_the_body_in_order():
    word = read(report())

    assert texts(word)[2:] == [
        "I. KẾT QUẢ",
        "Các đơn vị đã triển khai kế hoạch.",
        "- Tiêm chủng",
        "- Xét nghiệm",
    ]


def test_official_docx_table_has_vietnamese_numbers_and_a_bold_total():
    table = read(report()).tables[1]

    assert cell_texts(table) == [
        ["STT", "Đơn vị", "Chỉ tiêu", "Đạt"],
        ["1", "Sở Y tế", "1.500", "1.234,5"],
        ["2", "Công an tỉnh", "300", ""],
        ["", "Tổng cộng", "1.800", "1.234,5"],
    ]
    assert [run.bold for run in table.rows[3].cells[1].paragraphs[0].runs] == [True]
    assert [run.bold for run in table.rows[1].cells[1].paragraphs[0].runs] == [False]
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None
    assert round(table.rows[1].cells[1].width.cm, 2) == 7


def test_official_docx_closes_with_recipients_and_signature():
    closing = read(report()).tables[2]

    left, right = cell_texts(closing)[0]
    assert left == "Nơi nhận:\n- Như trên;\n- Lưu: VT, TĐKT."
    assert right.split("\n") == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "Nguyễn Văn An",
    ]  # fmt: skip


def test_official_docx_page_is_a4_with_the_decree_margins_and_times_new_roman():
    word = read(report())

    section = word.sections[0]
    sizes = ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin",
             "right_margin")  # fmt: skip
    # Word keeps lengths in twips: compare in centimetres, to the tenth of a millimetre.
    assert [round(getattr(section, size).cm, 2) for size in sizes] == [21, 29.7, 2, 2, 3, 1.5]
    fonts = word.styles["Normal"].element.rPr.rFonts
    assert [fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")] == [FONT] * 4


def test_official_docx_normalises_text_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Thành tích xuất sắc")

    word = read(report(blocks=[{"paragraph": decomposed}]))

    assert texts(word)[2:] == ["Thành tích xuất sắc"]
    assert texts(word)[2] == unicodedata.normalize("NFC", decomposed)


def test_official_docx_without_parent_prints_the_issuer_alone():
    head = letterhead(
        {"heading": {"parent": "", "name": "SỞ Y TẾ", "parent_bold": False}},
        number="Số: 3/BC-SYT",
        place="Bến Tre",
        day=datetime.date(2021, 9, 15),
    )

    word = read(report(letterhead=head))

    assert cell_texts(word.tables[0])[0][0] == "SỞ Y TẾ\nSố: 3/BC-SYT"


def test_official_docx_refuses_an_unknown_block():
    with pytest.raises(ValueError, match="Unknown block: \\['chart'\\]"):
        official_docx(report(blocks=[{"chart": []}]))
