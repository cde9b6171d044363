"""Award at once (khen thưởng ngay): a fast-track nomination becomes a unit's decision.

A unit whose head may decide the nomination's form (``authority.may_decide`` on
the signing day) over its subject (in the unit's branch) turns the nomination
into a decision of its own in one step: the nomination is approved in the
unit's name (ready for a decision), a draft is created with its one line, and

- when the acting user leads the unit (``rules.can_issue_decision``), the draft
  is issued at once: numbered, its certificate queued for rendering;
- otherwise (the unit's officer prepares), the draft waits, and the unit's
  leaders are told after commit to issue it.

Everything runs in one transaction through the decisions service, whose checks
(authority, branch, signer, the row locks) all apply: a refusal writes nothing.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from common.models import log_activity
from units.enums import SignerKind
from units.models import Unit
from units.selectors import signers_of

from .. import authority, rules
from ..activity import DECISION_AWAIT_ISSUE
from ..enums import NominationState
from ..models import AwardDecision, Nomination
from ..selectors import issuers_acted_for, lines_holding_nominations
from ..tasks import notify_decision_to_issue
from .decisions import (
    DecisionError,
    add_recipients,
    check_authority,
    check_in_branch,
    create_decision,
    issue_decision,
)
from .nominations import set_nomination_state

#: The opening of a decision's citation written from a fast-track achievement
#: (document text, not interface text: not translated).
CITATION_OPENING = "Đã có thành tích xuất sắc đột xuất"


@dataclass
class AwardAtOnce:
    """What :func:`award_at_once` made: the decision, and whether it was issued."""

    decision: AwardDecision
    issued: bool


def issuers_for(user, nomination, day):
    """The units ``user`` may award ``nomination`` at once for on ``day``, the lowest
    first: those the user acts for whose head may decide its form and whose branch
    holds its subject.  For provincial staff, the lowest unit that may decide it."""
    subject = authority.subject_unit(nomination)
    if rules.acts_for_every_issuer(user):
        lowest = authority.deciding_unit_for(subject, nomination.award_type, day)
        return [lowest] if lowest is not None else []
    units = Unit.objects.filter(pk__in=issuers_acted_for(user)).order_by("-path")
    return [
        unit
        for unit in units
        if authority.in_branch(unit, subject)
        and authority.may_decide(unit, nomination.award_type, day)
    ]


def default_citation(nomination) -> str:
    """ "Đã có thành tích xuất sắc đột xuất: cứu người đuối nước …" from the achievement."""
    achievement = nomination.achievements.order_by("date", "id").first()
    what = (achievement.title if achievement else "") or nomination.summary.strip()
    what = what.strip().rstrip(".")
    if not what:
        return CITATION_OPENING
    return f"{CITATION_OPENING}: {what[:1].lower()}{what[1:]}"


def head_signer(issuer, day):
    """The issuer's head signer in force on ``day`` (else its first signer), or None."""
    signers = list(signers_of([issuer], day=day))
    heads = [s for s in signers if s.kind == SignerKind.HEAD]
    return (heads or signers or [None])[0]


def award_at_once(
    nomination,
    *,
    by,
    issuer,
    signed_date,
    citation,
    signer=None,
    signer_name="",
    signer_title="",
    fixed_amount=None,
) -> AwardAtOnce:
    """Turn ``nomination`` into a decision of ``issuer`` (see the module's docstring)."""
    with transaction.atomic():
        current = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("individual__unit", "unit", "award_type", "campaign")
            .get(pk=nomination.pk)
        )
        if not rules.can_award_at_once(by, current, issuer):
            raise DecisionError(
                _(
                    "Bạn không khen thưởng ngay hồ sơ này được (chỉ hồ sơ khen thưởng đột "
                    "xuất đang chờ xử lý, thay cho đơn vị mình)."
                )
            )
        if lines_holding_nominations().filter(nomination=current).exists():
            raise DecisionError(
                _("Hồ sơ của %(name)s đã có trong một quyết định khác.")
                % {"name": current.subject_name}
            )
        check_authority(issuer, current.award_type, signed_date)
        check_in_branch(issuer, [current])
        if current.state != NominationState.APPROVED:
            set_nomination_state(
                current,
                NominationState.APPROVED,
                actor=by,
                reason=_("Khen thưởng ngay theo thẩm quyền của %(issuer)s.")
                % {"issuer": issuer.name},
            )
        decision = create_decision(
            by=by,
            issuer=issuer,
            award_type=current.award_type,
            campaign=current.campaign,
            signed_date=signed_date,
            signer=signer,
            signer_name=signer_name,
            signer_title=signer_title,
            citation=citation,
            fixed_amount=fixed_amount,
        )
        if add_recipients(decision, [current], by=by).added != 1:  # pragma: no cover - locked
            raise DecisionError(_("Không thêm được hồ sơ vào quyết định. Vui lòng thử lại."))
        issued = rules.can_issue_decision(by, decision)
        if issued:
            issue_decision(decision, by=by)
        else:
            entry = log_activity(
                decision, DECISION_AWAIT_ISSUE, actor=by, note=current.subject_name[:255]
            )
            notify_decision_to_issue.delay(activity_id=entry.pk)
        current.refresh_from_db(fields=["state"])
    nomination.state = current.state
    return AwardAtOnce(decision=decision, issued=issued)
