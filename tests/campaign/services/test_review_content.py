"""The figures of a review (campaign/services/review_content.py) against the hand-made
world of ``tests/campaign/conftest.py``: participation, indicators by branch, awards,
the front-line share, the days to award and those honoured."""

import datetime

import pytest

from campaign.enums import ReviewKind
from campaign.services.review_content import compile_review, review_document, review_sheets
from tests.factories import (
    CampaignReviewFactory,
    IndividualFactory,
    NominationFactory,
    ProgressReportFactory,
    ReportFigureFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def review(review_world):
    return CampaignReviewFactory(
        campaign=review_world.campaign,
        kind=ReviewKind.INTERIM,
        period_start=datetime.date(2021, 7, 1),
        period_end=datetime.date(2021, 12, 31),
        date=datetime.date(2022, 1, 5),
        year=2022,
        number=3,
    )


def test_participation_counts_registered_reported_late_and_missing_units(review):
    part = compile_review(review)["participation"]

    assert (part["units"], part["registered"]) == (4, 3)
    assert part["rounds"] == [
        {
            "title": "Quý III/2021",
            "due_date": "2021-10-10",
            "expected": 4,
            "on_time": 2,
            "late": 1,
            "missing": 1,
        }
    ]
    assert sorted(part["late_units"]) == ["Sở Y tế", "Trung tâm Y tế Ba Tri"]


def test_indicators_roll_up_by_branch_from_the_latest_round_of_the_period(review):
    indicators = compile_review(review)["indicators"]

    assert indicators["round"] == "Quý III/2021"
    [table] = indicators["tables"]
    assert (table["name"], table["measure"]) == ("Số người được tiêm vắc xin", "người")
    assert sorted(table["rows"]) == [
        ["Công an tỉnh", 200, 150, 75.0],
        ["Sở Y tế", 150, 110, 73.3],
    ]
    assert table["total"] == ["Tổng cộng", 350, 260, 74.3]


def test_awards_of_the_period_by_form_level_and_group_with_bonus_and_delays(review):
    awards = compile_review(review)["awards"]

    assert (awards["proposed"], awards["awarded"], awards["amount"]) == (3, 2, 1_420_000)
    assert awards["by_type"] == [
        ["Giấy khen phòng, chống dịch", 2, 2, 1_420_000],
        ["Bằng khen phòng, chống dịch", 1, 0, 0],
    ]
    assert awards["by_level"] == [
        ["Cấp bộ, ngành, tỉnh", 1, 0, 0],
        ["Cấp cơ sở", 2, 2, 1_420_000],
    ]
    assert (awards["front_line"], awards["individuals"], awards["front_line_share"]) == (
        1,
        2,
        50.0,
    )
    assert awards["delays"][-1] == ["Tất cả", 2, 52.5, 52.5, 45, 60]


def test_those_honoured_are_the_lines_in_force_of_the_periods_decisions(review):
    assert compile_review(review)["honoured"] == [
        [
            "Lê Thị Hồng Nhung",
            "Điều dưỡng, Bệnh viện Nguyễn Đình Chiểu",
            "Giấy khen phòng, chống dịch",
            "12/QĐ-UBND",
            "2021-09-15",
        ],
        [
            "Phạm Văn Đức",
            "Giám đốc Sở Y tế",
            "Giấy khen phòng, chống dịch",
            "12/QĐ-UBND",
            "2021-09-15",
        ],
    ]


def test_a_period_without_rounds_or_awards_says_so(review_world):
    empty = CampaignReviewFactory(
        campaign=review_world.campaign,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 3, 31),
        date=datetime.date(2022, 4, 2),
        year=2022,
    )

    content = compile_review(empty)

    assert content["participation"]["rounds"] == []
    assert content["indicators"] == {"round": "", "tables": []}
    assert (content["awards"]["proposed"], content["honoured"]) == (0, [])
    paragraphs = [
        b["paragraph"] for b in review_document(empty, content)["blocks"] if "paragraph" in b
    ]
    assert "Chưa có số liệu báo cáo theo chỉ tiêu trong kỳ." in paragraphs
    assert "Trong kỳ chưa có quyết định khen thưởng." in paragraphs


def test_the_document_says_the_figures_in_sentences(review):
    document = review_document(review, compile_review(review))

    paragraphs = [b["paragraph"] for b in document["blocks"] if "paragraph" in b]
    assert document["kind"] == "BÁO CÁO"
    assert document["title"] == (
        "Sơ kết phong trào thi đua phòng, chống dịch COVID-19 "
        "(từ ngày 01/07/2021 đến ngày 31/12/2021)"
    )
    assert document["letterhead"]["number"] == "Số: 3/BC-UBND"
    assert paragraphs[1] == (
        "Phong trào được triển khai tới 4 đơn vị. Có 3/4 đơn vị đăng ký thi đua (đạt 75,0%)."
    )
    assert paragraphs[2] == (
        "Kỳ báo cáo Quý III/2021 (hạn 10/10/2021): 3/4 đơn vị gửi báo cáo, trong đó "
        "1 đơn vị gửi sau hạn; 1 đơn vị chưa gửi."
    )
    assert "Số người được tiêm vắc xin: đạt 260 người/350 người đăng ký (74,3%)." in paragraphs
    assert (
        "Trong kỳ, các đơn vị đề nghị khen thưởng 3 trường hợp; đã khen thưởng 2 trường hợp, "
        "tổng tiền thưởng 1.420.000 đồng." in paragraphs
    )
    assert (
        "Trong 2 cá nhân được khen thưởng có 1 người lao động trực tiếp, không giữ chức vụ "
        "lãnh đạo, quản lý (chiếm 50,0%)." in paragraphs
    )


def test_the_annexes_have_one_sheet_per_table(review):
    sheets = review_sheets(review, compile_review(review))

    assert [sheet.title for sheet in sheets] == [
        "Tình hình báo cáo",
        "Chỉ tiêu: Số người được tiêm vắc xin (người)",
        "Hình thức khen thưởng",
        "Cấp khen",
        "Đối tượng",
        "Thời gian từ thành tích đến khen thưởng (ngày)",
        "Danh sách tập thể, cá nhân được khen thưởng",
    ]
    assert list(sheets[-1].rows)[0] == [
        1,
        "Lê Thị Hồng Nhung",
        "Điều dưỡng, Bệnh viện Nguyễn Đình Chiểu",
        "Giấy khen phòng, chống dịch",
        "12/QĐ-UBND",
        "15/09/2021",
    ]


@pytest.mark.parametrize("extra", [0, 3])
def test_compiling_takes_a_fixed_number_of_queries(
    review, review_world, extra, django_assert_num_queries
):
    for index in range(extra):  # more units reporting, and more awards
        unit = UnitFactory(name=f"Xã {index}", parent=review_world.police)
        review_world.campaign.participants.add(unit)
        report = ProgressReportFactory(round=review_world.q3, unit=unit)
        ReportFigureFactory(report=report, indicator=review_world.indicator, value=1)
        NominationFactory(
            campaign=review_world.campaign,
            individual=IndividualFactory(unit=unit),
            submitted_at=review_world.q3_sent,
        )

    with django_assert_num_queries(20):
        compile_review(review)
