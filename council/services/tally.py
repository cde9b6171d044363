"""The arithmetic of one item's result under its voting rule: pure, no database.

Inputs are counts (:class:`ItemCounts`); the output (:class:`ItemResult`) says passed
or not, explains it in words, and keeps every number the minutes print.

* Recused members (conflict of interest) are out of the item's count altogether:
  not in the membership the quorum and an all-members threshold are counted on.
* Quorum: members present (not recused) ≥ ``quorum_percent`` of the members (not
  recused).  Missed, the item fails whatever the votes.
* Written opinions of absent members join the count when the rule says so
  (``absentee_written_counts``); otherwise they are listed and left out.
* Denominator: all members (not recused), or those present (not recused) plus the
  absent ones whose written opinion counts.
* Threshold: agree × 100 ≥ threshold × denominator ("từ … trở lên"), or > ("trên …"),
  in integers and decimals: no float rounding decides a result.  A share exactly at
  the threshold is said so in words.
"""

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from ..enums import Comparison, Denominator


@dataclass(frozen=True)
class ItemCounts:
    members: int  # voting members of the council on the meeting's day
    recused: int = 0
    present: int = 0  # present and not recused
    agree: int = 0  # e-ballots
    disagree: int = 0
    abstain: int = 0
    written_agree: int = 0  # absent members' written opinions
    written_disagree: int = 0
    written_abstain: int = 0
    paper_agree: int = 0  # printed ballots counted by the secretary
    paper_disagree: int = 0
    paper_abstain: int = 0

    @property
    def written(self) -> int:
        return self.written_agree + self.written_disagree + self.written_abstain


@dataclass(frozen=True)
class ItemResult:
    passed: bool
    quorum_met: bool
    eligible: int
    denominator: int
    agree: int
    disagree: int
    abstain: int
    share: str  # "90" or "66,67": the share of agree, as printed
    exactly_at_threshold: bool
    written_counted: bool
    explanation: str
    counts: dict

    def as_dict(self) -> dict:
        return asdict(self)


def percent(value: Decimal) -> str:
    """90 → "90", 66.666… → "66,67" (Vietnamese decimal comma)."""
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    text = f"{value:f}"
    return text.replace(".", ",")


def compute_result(rule, counts: ItemCounts) -> ItemResult:
    """The result of one item with ``counts`` under ``rule`` (a ``VotingRule``)."""
    eligible = max(counts.members - counts.recused, 0)
    written_counted = rule.absentee_written_counts
    agree = counts.agree + counts.paper_agree + (counts.written_agree if written_counted else 0)
    disagree = (
        counts.disagree
        + counts.paper_disagree
        + (counts.written_disagree if written_counted else 0)
    )
    abstain = (
        counts.abstain + counts.paper_abstain + (counts.written_abstain if written_counted else 0)
    )
    if rule.denominator == Denominator.ALL_MEMBERS:
        denominator = eligible
    else:
        denominator = counts.present + (counts.written if written_counted else 0)
    quorum = Decimal(rule.quorum_percent)
    quorum_met = counts.present * 100 >= quorum * eligible
    threshold = Decimal(rule.threshold_percent)
    share = Decimal(agree * 100) / denominator if denominator else Decimal(0)
    at = denominator > 0 and agree * 100 == threshold * denominator
    if rule.comparison == Comparison.MORE_THAN:
        meets = denominator > 0 and agree * 100 > threshold * denominator
    else:
        meets = denominator > 0 and agree * 100 >= threshold * denominator
    passed = quorum_met and meets

    words = [_tally_sentence(agree, disagree, abstain, denominator, share, rule, eligible)]
    if counts.recused:
        words.append(
            _("%(n)d thành viên không tham gia do xung đột lợi ích, không tính vào số thành viên.")
            % {"n": counts.recused}
        )
    if counts.written:
        if written_counted:
            words.append(
                _("Có %(n)d ý kiến bằng văn bản của thành viên vắng mặt, được tính theo quy định.")
                % {"n": counts.written}
            )
        else:
            words.append(
                _(
                    "Có %(n)d ý kiến bằng văn bản của thành viên vắng mặt, không được tính "
                    "theo quy định."
                )
                % {"n": counts.written}
            )
    if counts.paper_agree + counts.paper_disagree + counts.paper_abstain:
        words.append(_("Số phiếu giấy do thư ký nhập sau khi kiểm phiếu."))
    if not quorum_met:
        words.append(
            _(
                "Không đủ số thành viên dự họp: %(present)d/%(eligible)d, quy định tối thiểu "
                "%(quorum)s%%. Không đạt."
            )
            % {"present": counts.present, "eligible": eligible, "quorum": percent(quorum)}
        )
    elif denominator == 0:
        words.append(_("Không có thành viên nào để tính tỷ lệ. Không đạt."))
    elif at:
        if rule.comparison == Comparison.MORE_THAN:
            words.append(
                _(
                    "Tỷ lệ đồng ý bằng đúng ngưỡng %(threshold)s%% nhưng quy định phải trên "
                    "%(threshold)s%%. Không đạt."
                )
                % {"threshold": percent(threshold)}
            )
        else:
            words.append(
                _(
                    "Tỷ lệ đồng ý bằng đúng ngưỡng %(threshold)s%%, quy định từ "
                    "%(threshold)s%% trở lên. Đạt."
                )
                % {"threshold": percent(threshold)}
            )
    elif passed:
        words.append(_("Đạt."))
    else:
        words.append(_("Không đạt."))
    return ItemResult(
        passed=passed,
        quorum_met=quorum_met,
        eligible=eligible,
        denominator=denominator,
        agree=agree,
        disagree=disagree,
        abstain=abstain,
        share=percent(share),
        exactly_at_threshold=at,
        written_counted=written_counted,
        explanation=" ".join(words),
        counts=asdict(counts),
    )


def _tally_sentence(agree, disagree, abstain, denominator, share, rule, eligible) -> str:
    if rule.comparison == Comparison.MORE_THAN:
        needed = _("trên %(t)s%%") % {"t": percent(Decimal(rule.threshold_percent))}
    else:
        needed = _("từ %(t)s%% trở lên") % {"t": percent(Decimal(rule.threshold_percent))}
    if rule.denominator == Denominator.ALL_MEMBERS:
        base = _("tổng số %(n)d thành viên Hội đồng") % {"n": eligible}
    else:
        base = _("%(n)d thành viên dự họp") % {"n": denominator}
    return _(
        "Đồng ý %(agree)d, không đồng ý %(disagree)d, không biểu quyết %(abstain)d; "
        "tỷ lệ đồng ý %(agree)d/%(denominator)d = %(share)s%% trên %(base)s "
        "(quy định %(needed)s)."
    ) % {
        "agree": agree,
        "disagree": disagree,
        "abstain": abstain,
        "denominator": denominator,
        "share": percent(share),
        "base": base,
        "needed": needed,
    }
