"""An item's result under its rule: the edges of the threshold, quorum, recusals,
written opinions and the denominator."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from council.enums import Comparison, Denominator
from council.services.tally import ItemCounts, compute_result, percent

pytestmark = pytest.mark.unit


def _rule(**kwargs):
    values = {
        "denominator": Denominator.ALL_MEMBERS,
        "threshold_percent": Decimal("90"),
        "comparison": Comparison.AT_LEAST,
        "quorum_percent": Decimal("0"),
        "absentee_written_counts": True,
    }
    return SimpleNamespace(**{**values, **kwargs})


def test_result_exactly_at_the_threshold_passes_and_says_so():
    result = compute_result(_rule(), ItemCounts(members=10, present=10, agree=9, disagree=1))

    assert (result.passed, result.exactly_at_threshold, result.share) == (True, True, "90")
    assert result.denominator == 10
    assert "bằng đúng ngưỡng 90%, quy định từ 90% trở lên. Đạt." in result.explanation


def test_result_one_vote_below_the_threshold_fails():
    result = compute_result(_rule(), ItemCounts(members=10, present=10, agree=8, disagree=2))

    assert (result.passed, result.exactly_at_threshold, result.share) == (False, False, "80")
    assert result.explanation.endswith("Không đạt.")


def test_result_counts_on_all_members_so_an_absent_member_without_opinion_counts_against():
    # 9 of 9 present agree, but the threshold is on all 10 members: 90 %, passes;
    # with 11 members the same 9 votes are 81.82 %: fails.
    assert compute_result(_rule(), ItemCounts(members=10, present=9, agree=9)).passed is True
    result = compute_result(_rule(), ItemCounts(members=11, present=9, agree=9))
    assert (result.passed, result.share) == (False, "81,82")


def test_result_on_present_members_ignores_the_absent():
    rule = _rule(denominator=Denominator.PRESENT, threshold_percent=Decimal("70"))

    result = compute_result(rule, ItemCounts(members=15, present=10, agree=7, abstain=3))

    assert (result.passed, result.denominator, result.share) == (True, 10, "70")


def test_result_more_than_half_refuses_an_exact_tie():
    rule = _rule(threshold_percent=Decimal("50"), comparison=Comparison.MORE_THAN)

    tie = compute_result(rule, ItemCounts(members=10, present=10, agree=5, disagree=5))
    above = compute_result(rule, ItemCounts(members=10, present=10, agree=6, disagree=4))

    assert (tie.passed, tie.exactly_at_threshold) == (False, True)
    assert "bằng đúng ngưỡng 50% nhưng quy định phải trên 50%. Không đạt." in tie.explanation
    assert above.passed is True


def test_result_fails_when_the_quorum_is_missed_whatever_the_votes():
    rule = _rule(quorum_percent=Decimal("50"), threshold_percent=Decimal("40"))

    missed = compute_result(rule, ItemCounts(members=10, present=4, agree=4))
    exactly = compute_result(rule, ItemCounts(members=10, present=5, agree=4))

    assert (missed.passed, missed.quorum_met) == (False, False)
    assert "Không đủ số thành viên dự họp: 4/10, quy định tối thiểu 50%." in missed.explanation
    assert (exactly.passed, exactly.quorum_met) == (True, True)


def test_result_leaves_recused_members_out_of_the_membership():
    # 10 members, 1 recused: 9 agree of 9 is 100 %; without the recusal 9 of 10 would be 90 %.
    result = compute_result(
        _rule(threshold_percent=Decimal("95")),
        ItemCounts(members=10, recused=1, present=9, agree=9),
    )

    assert (result.passed, result.eligible, result.denominator) == (True, 9, 9)
    assert "1 thành viên không tham gia do xung đột lợi ích" in result.explanation


def test_result_counts_written_opinions_when_the_rule_says_so():
    counts = ItemCounts(members=10, present=8, agree=8, written_agree=1, written_disagree=1)

    counted = compute_result(_rule(), counts)
    left_out = compute_result(_rule(absentee_written_counts=False), counts)

    assert (counted.agree, counted.passed) == (9, True)
    assert (left_out.agree, left_out.passed) == (8, False)
    assert "không được tính theo quy định" in left_out.explanation


def test_result_adds_paper_counts_and_marks_them():
    result = compute_result(
        _rule(), ItemCounts(members=10, present=10, paper_agree=9, paper_abstain=1)
    )

    assert (result.passed, result.agree, result.abstain) == (True, 9, 1)
    assert "phiếu giấy" in result.explanation


def test_result_with_nobody_to_count_fails():
    result = compute_result(_rule(denominator=Denominator.PRESENT), ItemCounts(members=5))

    assert result.passed is False
    assert "Không có thành viên nào để tính tỷ lệ." in result.explanation


def test_percent_prints_the_vietnamese_decimal_comma():
    assert [percent(Decimal(v)) for v in ("90", "66.666", "100", "0")] == [
        "90",
        "66,67",
        "100",
        "0",
    ]
