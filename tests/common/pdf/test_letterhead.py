"""The official format's lines, for any object with a unit's attributes (no database):
read from the unit's document fields, never guessed from its name."""

import datetime
import unicodedata
from types import SimpleNamespace

import pytest

from common.pdf.letterhead import (
    collective_name,
    head_title,
    head_title_in_text,
    issuer_heading,
    issuer_snapshot,
    letterhead,
    place_date_line,
    short_date,
)

pytestmark = pytest.mark.unit


def unit(name, issuer_name="", *, head_title="", letterhead_parent="", level="department"):
    return SimpleNamespace(
        name=name,
        issuer_name=issuer_name,
        head_title=head_title,
        letterhead_parent=letterhead_parent,
        place_name="Bến Tre",
        level=level,
    )


PROVINCE = unit(
    "Ủy ban nhân dân tỉnh Bến Tre",
    "ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
    head_title="CHỦ TỊCH",
    level="province",
)
HEALTH = unit("Sở Y tế", "SỞ Y TẾ", head_title="GIÁM ĐỐC", letterhead_parent="UBND TỈNH BẾN TRE")


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


def test_issuer_lines_and_head_title_come_from_the_units_fields():
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


def test_the_name_does_not_decide_the_head_title_or_the_parent_line():
    # A hospital whose head is recorded as "GIÁM ĐỐC" and whose parent line is the
    # department's full name; a school recorded with its own head's title.
    hospital = unit(
        "Bệnh viện Nguyễn Đình Chiểu",
        "BỆNH VIỆN NGUYỄN ĐÌNH CHIỂU",
        head_title="giám đốc",  # typed in lower case: printed in capitals
        letterhead_parent="Sở Y tế tỉnh Bến Tre",
    )
    school = unit("Trường THPT Chuyên Bến Tre", head_title="HIỆU TRƯỞNG")

    assert issuer_heading(hospital) == {
        "parent": "SỞ Y TẾ TỈNH BẾN TRE",
        "name": "BỆNH VIỆN NGUYỄN ĐÌNH CHIỂU",
        "parent_bold": False,
    }
    assert head_title(hospital) == "GIÁM ĐỐC BỆNH VIỆN NGUYỄN ĐÌNH CHIỂU"
    assert issuer_heading(school) == {
        "parent": "",
        "name": "TRƯỜNG THPT CHUYÊN BẾN TRE",
        "parent_bold": False,
    }
    assert head_title_in_text(school) == "Hiệu trưởng Trường THPT Chuyên Bến Tre"


def test_a_unit_without_an_issuer_name_or_head_title_issues_under_its_name_and_a_generic_head():
    club = unit("Câu lạc bộ Hưu trí", letterhead_parent="SỞ Y TẾ")

    assert issuer_heading(club) == {
        "parent": "SỞ Y TẾ",
        "name": "CÂU LẠC BỘ HƯU TRÍ",
        "parent_bold": False,
    }
    assert head_title(club) == "THỦ TRƯỞNG CÂU LẠC BỘ HƯU TRÍ"


def test_a_collective_signs_for_the_committee_or_for_its_own_name():
    assert collective_name(PROVINCE) == "ỦY BAN NHÂN DÂN"
    assert collective_name(HEALTH) == "SỞ Y TẾ"


def test_the_snapshot_holds_every_line_a_document_prints_of_its_issuer():
    assert issuer_snapshot(HEALTH) == {
        "name": "Sở Y tế",
        "issuer_name": "SỞ Y TẾ",
        "heading": {"parent": "UBND TỈNH BẾN TRE", "name": "SỞ Y TẾ", "parent_bold": False},
        "head_title": "GIÁM ĐỐC",
        "authority": "GIÁM ĐỐC SỞ Y TẾ",
        "authority_in_text": "Giám đốc Sở Y tế",
        "place": "Bến Tre",
        "level": "department",
    }


def test_letterhead_gathers_the_heading_number_summary_and_place_line():
    head = letterhead(
        issuer_snapshot(HEALTH),
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
