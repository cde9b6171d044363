"""Reports as PDF (common/pdf/report.py): the Word file's document dict, laid out."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from common.pdf.letterhead import letterhead
from common.pdf.report import report_html, report_pdf

pytestmark = pytest.mark.unit

ISSUER = {"heading": {"parent": "ỦY BAN NHÂN DÂN", "name": "TỈNH BẾN TRE", "parent_bold": True}}


def document(rows=None) -> dict:
    return {
        "letterhead": letterhead(
            ISSUER, number="Số: 12/BC-UBND", place="Bến Tre", day=datetime.date(2021, 9, 15)
        ),
        "kind": "BÁO CÁO",
        "title": "Sơ kết phong trào thi đua",
        "blocks": [
            {"heading": "I. KẾT QUẢ"},
            {"paragraph": "Các đơn vị đã triển khai."},
            {
                "table": {
                    "headers": ["STT", "Đơn vị", "Đạt"],
                    "rows": rows if rows is not None else [[1, "Sở Y tế", 1234.5]],
                    "total": ["", "Tổng cộng", 1234.5],
                }
            },
        ],
        "signature": {"lines": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Nguyễn Văn An"},
        "recipients": ["- Lưu: VT."],
    }


def pages_text(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_report_html_writes_numbers_the_vietnamese_way_and_right_aligned():
    html = report_html(document())

    assert '<td class="n">1.234,5</td>' in html
    assert '<tr class="total">' in html


def test_report_pdf_prints_letterhead_body_and_closing():
    text = " ".join(pages_text(report_pdf(document())))

    for expected in [
        "TỈNH BẾN TRE",
        "Số: 12/BC-UBND",
        "Độc lập - Tự do - Hạnh phúc",
        "Bến Tre, ngày 15 tháng 9 năm 2021",
        "BÁO CÁO",
        "I. KẾT QUẢ",
        "Sở Y tế",
        "Tổng cộng",
        "Nơi nhận:",
        "Nguyễn Văn An",
    ]:
        assert expected in text, expected


def test_report_pdf_repeats_a_long_tables_header_on_every_page():
    rows = [[i, f"Đơn vị số {i}", i * 10] for i in range(1, 121)]

    pages = pages_text(report_pdf(document(rows)))

    assert len(pages) > 2
    assert [page.count("STT Đơn vị Đạt") for page in pages[:-1]] == [1] * (len(pages) - 1)
