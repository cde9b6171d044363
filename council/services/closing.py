"""Closing a council session: each item's result under its rule, and the nominations
moved through the awards workflow.

Closing locks the session and every item of it (the votes wait on those locks and
then find the session closed), counts each item (``services/tally.py``), stores the
result with every number the minutes print (``AgendaItem.tally``), freezes the
members present (marked by the secretary, or who took part online), and moves each
nomination through ``awards.services.nominations.set_nomination_state``: passed →
approved (ready for a decision: decision composition offers it), failed → rejected
with the tally as the reason; and numbers the minutes, rendered after commit
(``services/minutes.py``).  A nomination that left the council's queue
meanwhile (withdrawn, returned, decided) is skipped and said so.  A closed session
is final (``SESSION_TRANSITIONS``): a correction is a new session.

The secretary closes it, or beat does once the voting window has ended
(:func:`close_due`; idempotent: a closed session is no longer due).  A paper
session is closed by the secretary only, after the counts are entered.
"""

from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import NominationState
from awards.models import Nomination
from awards.services.nominations import WorkflowError, set_nomination_state
from common.models import log_activity

from .. import rules
from ..activity import SESSION_STATE
from ..enums import BallotKind, ItemOutcome, SessionState, VoteSource
from ..models import Ballot, PaperCount, Session, Vote
from ..selectors import COUNCIL_STATES, due_sessions, present_member_ids, voting_members
from .errors import CouncilError
from .minutes import start_minutes
from .sessions import locked_session
from .tally import ItemCounts, compute_result


def close_session(session, *, by, now=None) -> Session:
    """Close ``session`` (``by``: the secretary; None: beat, once the window has ended)."""
    now = now or timezone.now()
    with transaction.atomic():
        current = locked_session(session)
        if by is not None and not rules.can_close_session(by, current):
            raise CouncilError(
                _("Bạn không có quyền kết thúc phiên họp này ở trạng thái hiện tại.")
            )
        if current.state != SessionState.OPEN:
            raise CouncilError(_("Chỉ kết thúc được phiên họp đã triệu tập và chưa kết thúc."))
        if by is None and current.votes_close_at > now:
            raise CouncilError(_("Chưa hết thời gian bỏ phiếu."))
        items = list(
            current.items.select_for_update(of=("self",))
            .select_related("rule", "nomination")
            .order_by("pk")
        )
        members = {m.user_id for m in voting_members(current)}
        present = present_member_ids(current) & members
        counted = _counts(items)
        outcomes = Counter()
        for item in items:
            _close_item(item, counted, members=members, present=present, by=by, session=current)
            outcomes[item.outcome] += 1
        current.present_members.set(sorted(present))
        current.state = SessionState.CLOSED
        current.closed_at = now
        current.closed_by = by
        current.save(update_fields=["state", "closed_at", "closed_by", "updated_at"])
        log_activity(
            current,
            SESSION_STATE,
            actor=by,
            previous_state=SessionState.OPEN,
            new_state=SessionState.CLOSED,
            data={key: outcomes[key] for key in ItemOutcome.values if key != "pending"},
        )
        start_minutes(current)
    session.state = current.state
    return current


def _counts(items):
    """Per item id: ballots by member, and the vote counts by (source, choice)."""
    ids = [i.pk for i in items]
    ballots = {}
    for item_id, member_id, kind in Ballot.objects.filter(item_id__in=ids).values_list(
        "item_id", "member_id", "kind"
    ):
        ballots.setdefault(item_id, {})[member_id] = kind
    votes = Counter(Vote.objects.filter(item_id__in=ids).values_list("item_id", "source", "choice"))
    paper = {p.item_id: p for p in PaperCount.objects.filter(item_id__in=ids)}
    return {"ballots": ballots, "votes": votes, "paper": paper}


def _close_item(item, counted, *, members, present, by, session):
    ballots = counted["ballots"].get(item.pk, {})
    recused = {m for m, kind in ballots.items() if kind == BallotKind.RECUSED} & members
    votes = counted["votes"]
    paper = counted["paper"].get(item.pk)

    def n(source, choice):
        return votes[(item.pk, source, choice)]

    e, w = VoteSource.ELECTRONIC, VoteSource.WRITTEN
    counts = ItemCounts(
        members=len(members),
        recused=len(recused),
        present=len(present - recused),
        agree=n(e, "agree"),
        disagree=n(e, "disagree"),
        abstain=n(e, "abstain"),
        written_agree=n(w, "agree"),
        written_disagree=n(w, "disagree"),
        written_abstain=n(w, "abstain"),
        paper_agree=paper.agree if paper else 0,
        paper_disagree=paper.disagree if paper else 0,
        paper_abstain=paper.abstain if paper else 0,
    )
    result = compute_result(item.rule, counts)
    item.tally = {**result.as_dict(), "recused_members": sorted(recused)}
    item.outcome = _move_nomination(item, result, by=by, session=session)
    item.explanation = result.explanation
    if item.outcome == ItemOutcome.SKIPPED:
        item.explanation += " " + _(
            "Hồ sơ không còn chờ Hội đồng xét khi kết thúc phiên họp: trạng thái hồ sơ không đổi."
        )
    item.save(update_fields=["tally", "explanation", "outcome"])


def _move_nomination(item, result, *, by, session) -> str:
    nomination = Nomination.objects.select_for_update(of=("self",)).get(pk=item.nomination_id)
    if nomination.state not in COUNCIL_STATES or not nomination.at_final_level:
        return ItemOutcome.SKIPPED
    if result.passed:
        target, reason = NominationState.APPROVED, ""
    else:
        target = NominationState.REJECTED
        reason = _("Hội đồng Thi đua – Khen thưởng không thông qua (%(session)s): %(tally)s") % {
            "session": session,
            "tally": result.explanation,
        }
    try:
        set_nomination_state(nomination, target, actor=by, reason=reason)
    except WorkflowError:
        return ItemOutcome.SKIPPED
    return ItemOutcome.PASSED if result.passed else ItemOutcome.FAILED


def close_due(now=None) -> int:
    """Close every online session whose voting window has ended; the number closed."""
    now = now or timezone.now()
    closed = 0
    for session in due_sessions(now).filter(is_paper=False).order_by("pk"):
        try:
            close_session(session, by=None, now=now)
        except CouncilError:
            continue  # closed meanwhile by the secretary, or changed: nothing to do
        closed += 1
    return closed
