"""The official format's lines, for any object with a unit's attributes (no database)."""

import datetime
import unicodedata
from types import SimpleNamespace

import pytest

from common.pdf.letterhead import (
    head_title,
    head_title_in_text,
    issuer_heading,
    letterhead,
    place_date_line,
    short_date,
)

pytestmark = pytest.mark.unit


def unit(name, issuer_name="", parent=None):
    return SimpleNamespace(name=name, issuer_name=issuer_name, parent=parent)


PROVINCE = unit("Ủy ban nhân dân tỉnh Bến Tre", "ỦY BAN NHÂN DÂN TỈNH BẾN TRE")
HEALTH = unit("Sở Y tế", "SỞ Y TẾ", parent=PROVINCE)


def test_place_and_date_line_pads_days_always_and_months_one_and_two_only():
    assert place_date_line("Bến Tre", datetime.date(2021, 2, 5)) == (
        "Bến Tre, ngày 05 tháng 02 năm 2021"
    )
    assert place_date_line("Bến Tre", datetime.date(2021, 9, 15)) == (
        "Bến Tre, ngày 15 tháng 9 năm 2021"
    )
    assert place_date_line("Bến Tre", datetime.date(2021, 12, 1)) == (
        "Bến Tre, ngày 01 tháng 12 năm 2021"
    )
    assert short_date(datetime.date(2021, 9, 15)) == "15/9/2021"
    assert short_date(datetime.date(2021, 1, 5)) == "05/01/2021"


def test_issuer_lines_and_head_title():
    assert issuer_heading(PROVINCE) == {
        "parent": "ỦY BAN NHÂN DÂN",
        "name": "TỈNH BẾN TRE",
        "parent_bold": True,
    }
    assert issuer_heading(HEALTH) == {
        "parent": "UBND TỈNH BẾN TRE",
        "name": "SỞ Y TẾ",
        "parent_bold": False,
    }
    assert head_title(PROVINCE) == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE"
    assert head_title(HEALTH) == "GIÁM ĐỐC SỞ Y TẾ"
    assert head_title_in_text(PROVINCE) == "Chủ tịch Ủy ban nhân dân tỉnh Bến Tre"


def test_a_unit_without_an_issuer_name_issues_under_its_name_and_a_generic_head():
    club = unit("Câu lạc bộ Hưu trí", parent=HEALTH)

    assert issuer_heading(club) == {
        "parent": "SỞ Y TẾ",
        "name": "CÂU LẠC BỘ HƯU TRÍ",
        "parent_bold": False,
    }
    assert head_title(club) == "THỦ TRƯỞNG CÂU LẠC BỘ HƯU TRÍ"


def test_letterhead_gathers_the_heading_number_summary_and_place_line():
    head = letterhead(
        HEALTH,
        number="Số: 15/SYT-TĐKT",
        place=unicodedata.normalize("NFD", "Bến Tre"),  # as some keyboards type it
        day=datetime.date(2021, 2, 5),
        summary="V/v đôn đốc thực hiện Kế hoạch số 2777/KH-UBND",
    )

    assert head == {
        "issuer": {"parent": "UBND TỈNH BẾN TRE", "name": "SỞ Y TẾ", "parent_bold": False},
        "number": "Số: 15/SYT-TĐKT",
        "summary": "V/v đôn đốc thực hiện Kế hoạch số 2777/KH-UBND",
        "place_date": "Bến Tre, ngày 05 tháng 02 năm 2021",
    }
