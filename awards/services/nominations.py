"""The nomination workflow: the one place where a nomination changes state.

draft → submitted → in review → returned (→ submitted again) → approved or
rejected; approved → awarded when a decision is issued.  A draft or submitted
nomination can be withdrawn.  Every transition is checked here, written under
a row lock, logged in the activity log, and followed (after commit) by the
notification task.  ``Nomination.is_pinned`` (an open fast track, first in the
review queue) is written with the state, by both paths here.

Its route is kept here too (``awards.routing``): submitting sets the deciding
unit, the first level that reviews it (``reviewing_unit``) and whether that
level is the last (``at_final_level``), and opens a :class:`NominationStage`;
approving, rejecting, returning it to the officer or withdrawing it closes the
open stage and leaves ``reviewing_unit`` empty.  A return at a level above the
first goes back one level (:func:`return_nomination`); forwarding up a level is
``services/forwarding.py``.  Only one stage is open at a time (a constraint).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.models import ActivityLog, log_activity

from .. import routing, rules
from ..activity import NOMINATION_RETURN_LEVEL, NOMINATION_STATE
from ..enums import (
    NOMINATION_OPEN_STATES,
    NOMINATION_REASON_REQUIRED,
    NOMINATION_TRANSITIONS,
    NominationState,
    StageOutcome,
)
from ..models import Nomination, NominationStage
from ..tasks import notify_nomination_change, notify_nomination_changes
from .notifications import NOTIFIED_STATES

#: The state table lives in ``enums``; these names are kept for the callers.
TRANSITIONS = NOMINATION_TRANSITIONS
REASON_REQUIRED = NOMINATION_REASON_REQUIRED


@dataclass(frozen=True)
class Action:
    """A user-facing workflow action: its target state and who may take it."""

    name: str
    target: str
    label: str
    allowed: object  # predicate (user, nomination) -> bool


ACTIONS = {
    a.name: a
    for a in (
        Action(
            "submit",
            NominationState.SUBMITTED,
            gettext_lazy("Gửi hồ sơ"),
            rules.can_submit_nomination,
        ),
        Action(
            "withdraw",
            NominationState.WITHDRAWN,
            gettext_lazy("Rút hồ sơ"),
            rules.can_withdraw_nomination,
        ),
        Action(
            "start_review",
            NominationState.IN_REVIEW,
            gettext_lazy("Bắt đầu thẩm định"),
            rules.can_start_review,
        ),
        Action(
            "return",
            NominationState.RETURNED,
            gettext_lazy("Trả lại để bổ sung"),
            rules.can_review_nomination,
        ),
        Action(
            "approve", NominationState.APPROVED, gettext_lazy("Duyệt"), rules.can_approve_nomination
        ),
        Action(
            "reject",
            NominationState.REJECTED,
            gettext_lazy("Không duyệt"),
            rules.can_review_nomination,
        ),
    )
}


class WorkflowError(Exception):
    """A transition that cannot happen; the message is shown to the user as is."""


#: How a move to these states leaves the level holding the nomination.
STAGE_OUTCOMES = {
    NominationState.APPROVED: StageOutcome.DECIDED,
    NominationState.REJECTED: StageOutcome.DECIDED,
    NominationState.RETURNED: StageOutcome.RETURNED,
    NominationState.WITHDRAWN: StageOutcome.WITHDRAWN,
}


def open_stage(nomination, unit, *, now) -> NominationStage:
    """Put ``nomination`` in ``unit``'s queue from ``now`` (None: the province's staff)."""
    return NominationStage.objects.create(nomination=nomination, unit=unit, entered_at=now)


def close_stage(nominations, outcome, *, by, now, note="", letter=None) -> int:
    """Close the open stage of each of ``nominations`` (ids or rows) with ``outcome``."""
    ids = [getattr(n, "pk", n) for n in nominations]
    return NominationStage.objects.filter(nomination_id__in=ids, left_at__isnull=True).update(
        left_at=now, outcome=outcome, decided_by=by, note=note, letter=letter
    )


def route_on_submit(nomination, *, day):
    """(deciding unit, first level, is it the last level) of ``nomination`` sent on ``day``:
    the deciding unit chosen on the form while it still has the authority, else the
    lowest one that has it (``routing``)."""
    deciding = routing.deciding_unit_on_submit(nomination, day)
    levels = routing.stops(nomination.nominating_unit, deciding, day)
    return deciding, levels[0], len(levels) == 1


def set_nomination_state(nomination, new_state, *, actor, reason=""):
    """Move ``nomination`` to ``new_state`` or raise :class:`WorkflowError`.

    The row is locked and re-read, so when two people act at once the second
    sees the first one's result and gets a clear message instead of a lost
    update.  ``nomination`` is refreshed in place.
    """
    reason = (reason or "").strip()
    if new_state in REASON_REQUIRED and not reason:
        raise WorkflowError(_("Vui lòng ghi rõ lý do."))
    seen_state = nomination.state
    with transaction.atomic():
        current = Nomination.objects.select_for_update().get(pk=nomination.pk)
        # Forwarded meanwhile, it is in the same state at another level: stale too.
        if current.state != seen_state or (
            current.reviewing_unit_id != nomination.reviewing_unit_id
            and current.state in NOMINATION_OPEN_STATES
        ):
            raise _stale(current)
        if new_state not in TRANSITIONS[current.state]:
            raise WorkflowError(
                _("Không thể chuyển hồ sơ từ “%(old)s” sang “%(new)s”.")
                % {"old": current.get_state_display(), "new": NominationState(new_state).label}
            )
        now = timezone.now()
        current.state = new_state
        current.state_changed_at = now
        current.is_pinned = current.is_fast_track and new_state in NOMINATION_OPEN_STATES
        fields = ["state", "state_changed_at", "is_pinned", "updated_at"]
        data = {}
        if new_state == NominationState.SUBMITTED:
            current.submitted_at = now
            deciding, first, final = route_on_submit(current, day=timezone.localdate(now))
            current.deciding_unit, current.reviewing_unit = deciding, first
            current.at_final_level = final
            fields += ["submitted_at", "deciding_unit", "reviewing_unit", "at_final_level"]
            open_stage(current, first, now=now)
            data = {"deciding_unit": _unit_name(deciding), "reviewing_unit": _unit_name(first)}
        elif new_state in STAGE_OUTCOMES:
            data = {"reviewing_unit": _unit_name(current.reviewing_unit)}
            close_stage([current], STAGE_OUTCOMES[new_state], by=actor, now=now, note=reason)
            current.reviewing_unit = None
            fields.append("reviewing_unit")
        current.save(update_fields=fields)
        entry = log_activity(
            current,
            NOMINATION_STATE,
            actor=actor,
            previous_state=seen_state,
            new_state=new_state,
            note=reason,
            data=data,
        )
        if new_state in NOTIFIED_STATES:
            notify_nomination_change.delay(activity_id=entry.pk)
    for field in fields:
        setattr(nomination, field, getattr(current, field))
    return nomination


def set_nominations_state(nominations, new_state, *, actor, reason=""):
    """:func:`set_nomination_state` for many nominations at once, all or none, in a
    number of queries that does not depend on how many there are.

    The rows are locked and re-read together; if any of them changed since the
    caller read it (another state, another level) or cannot move to ``new_state``,
    the whole call is refused with the first such row named, and nothing changes.
    Then one UPDATE moves them all, the open stages they leave are closed, one
    log entry per row is written with its previous state (one INSERT), and the
    notification follows after commit as for a single move.  A submission routes
    each row on its own: use :func:`set_nomination_state` for it.
    ``nominations`` (a list) are refreshed in place.
    """
    if new_state == NominationState.SUBMITTED:
        raise ValueError("A submission routes each nomination: use set_nomination_state.")
    reason = (reason or "").strip()
    if new_state in REASON_REQUIRED and not reason:
        raise WorkflowError(_("Vui lòng ghi rõ lý do."))
    seen = {n.pk: n for n in nominations}
    if not seen:
        return []
    with transaction.atomic():
        rows = list(
            Nomination.objects.select_for_update(of=("self",))
            .filter(pk__in=seen)
            .select_related("individual", "unit", "award_type", "reviewing_unit")
            .order_by("pk")
        )
        if len(rows) != len(seen):
            raise WorkflowError(_("Một số hồ sơ không còn tồn tại. Vui lòng tải lại trang."))
        for current in rows:
            copy = seen[current.pk]
            if current.state != copy.state or (
                current.reviewing_unit_id != copy.reviewing_unit_id
                and current.state in NOMINATION_OPEN_STATES
            ):
                raise WorkflowError(f"{current.subject_name}: {_stale(current)}")
            if new_state not in TRANSITIONS[current.state]:
                raise WorkflowError(
                    f"{current.subject_name}: "
                    + _("Không thể chuyển hồ sơ từ “%(old)s” sang “%(new)s”.")
                    % {"old": current.get_state_display(), "new": NominationState(new_state).label}
                )
        now = timezone.now()
        values = {
            "state": new_state,
            "state_changed_at": now,
            "updated_at": now,
            "is_pinned": F("is_fast_track") if new_state in NOMINATION_OPEN_STATES else False,
        }
        if new_state in STAGE_OUTCOMES:
            close_stage(rows, STAGE_OUTCOMES[new_state], by=actor, now=now, note=reason)
            values["reviewing_unit"] = None
        Nomination.objects.filter(pk__in=seen).update(**values)
        content_type = ContentType.objects.get_for_model(Nomination)
        entries = ActivityLog.objects.bulk_create(
            [
                ActivityLog(
                    actor=actor if actor is not None and actor.is_authenticated else None,
                    action=NOMINATION_STATE,
                    content_type=content_type,
                    object_id=str(current.pk),
                    object_repr=str(current)[:255],
                    previous_state=current.state,
                    new_state=new_state,
                    note=reason,
                    data=(
                        {"reviewing_unit": _unit_name(current.reviewing_unit)}
                        if new_state in STAGE_OUTCOMES
                        else {}
                    ),
                )
                for current in rows
            ]
        )
        if new_state in NOTIFIED_STATES:
            notify_nomination_changes.delay(activity_ids=[e.pk for e in entries])
    for nomination in seen.values():
        nomination.state = new_state
        nomination.state_changed_at = now
        nomination.updated_at = now
        nomination.is_pinned = nomination.is_fast_track and new_state in NOMINATION_OPEN_STATES
        if new_state in STAGE_OUTCOMES:
            nomination.reviewing_unit = None
    return list(seen.values())


def _unit_name(unit) -> str:
    return unit.name if unit is not None else str(_("Cấp tỉnh"))


NOT_ALLOWED = gettext_lazy(
    "Bạn không có quyền thực hiện thao tác này với hồ sơ ở trạng thái hiện tại."
)


def _stale(current) -> WorkflowError:
    return WorkflowError(
        _(
            "Hồ sơ vừa được cập nhật bởi người khác (trạng thái hiện tại: "
            "“%(state)s”). Vui lòng tải lại trang."
        )
        % {"state": current.get_state_display()}
    )


def locked_nomination(nomination, seen_state):
    """The nomination's row, locked and re-read with its route's units; refused when it
    changed since ``seen_state`` was read (or moved to another level)."""
    current = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("reviewing_unit", "nominating_unit", "deciding_unit")
        .get(pk=nomination.pk)
    )
    if current.state != seen_state or current.reviewing_unit_id != nomination.reviewing_unit_id:
        raise _stale(current)
    return current


def return_nomination(nomination, *, by, reason):
    """Send ``nomination`` back ONE level with ``reason``: to the level that forwarded
    it (in review there again), or from the first level to its officer (returned,
    editable).  Only a reviewer of the level holding it (``rules.can_review_nomination``,
    asked again under the lock)."""
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Vui lòng ghi rõ lý do."))
    with transaction.atomic():
        current = locked_nomination(nomination, nomination.state)
        if not rules.can_review_nomination(by, current):
            raise WorkflowError(str(NOT_ALLOWED))
        stages = list(current.stages.select_related("unit").order_by("entered_at", "id"))
        previous = routing.previous_stop(stages)
        if previous is routing.TO_OFFICER:
            return set_nomination_state(
                nomination, NominationState.RETURNED, actor=by, reason=reason
            )
        now = timezone.now()
        seen_state, left = current.state, current.reviewing_unit
        close_stage([current], StageOutcome.RETURNED, by=by, now=now, note=reason)
        open_stage(current, previous, now=now)
        current.state = NominationState.IN_REVIEW
        current.reviewing_unit = previous
        current.at_final_level = False
        current.state_changed_at = now
        current.is_pinned = current.is_fast_track
        fields = ["state", "reviewing_unit", "at_final_level", "state_changed_at", "is_pinned"]
        current.save(update_fields=[*fields, "updated_at"])
        log_activity(
            current,
            NOMINATION_RETURN_LEVEL,
            actor=by,
            previous_state=seen_state,
            new_state=current.state,
            note=reason,
            data={"from": _unit_name(left), "to": _unit_name(previous)},
        )
    for field in fields:
        setattr(nomination, field, getattr(current, field))
    return nomination


def perform(nomination, action_name, *, by, reason=""):
    """Run a named user action after checking that ``by`` may take it."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError(_("Thao tác không hợp lệ."))
    if not action.allowed(by, nomination):
        raise WorkflowError(str(NOT_ALLOWED))
    if action_name == "return":
        return return_nomination(nomination, by=by, reason=reason)
    return set_nomination_state(nomination, action.target, actor=by, reason=reason)


def available_actions(user, nomination) -> list[Action]:
    return [a for a in ACTIONS.values() if a.allowed(user, nomination)]


def perform_bulk(queryset, action_name, *, by, reason=""):
    """Apply one action to many nominations in one transaction.

    Rows the action does not apply to (wrong state, another level, changed
    meanwhile) are skipped and counted, not failed.  Rows moving alike share one
    UPDATE; a submission routes each row, and a return sends each row one level
    back, as :func:`set_nomination_state` and :func:`return_nomination` do.
    Returns ``(changed, skipped)``.
    """
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError(_("Thao tác không hợp lệ."))
    reason = (reason or "").strip()
    if action.target in REASON_REQUIRED and not reason:
        raise WorkflowError(_("Vui lòng ghi rõ lý do."))
    with transaction.atomic():
        rows = list(
            queryset.select_for_update(of=("self",))
            .select_related("nominating_unit", "individual", "unit", "award_type", "reviewing_unit")
            .order_by("pk")
        )
        eligible = [n for n in rows if action.allowed(by, n)]
        now = timezone.now()
        moves = _bulk_moves(eligible, action, by=by, reason=reason, now=now)
        content_type = ContentType.objects.get_for_model(Nomination)
        entries = [
            ActivityLog(
                actor=by,
                action=code,
                content_type=content_type,
                object_id=str(n.pk),
                object_repr=str(n)[:255],
                previous_state=n.state,
                new_state=target,
                note=reason,
                data=data,
            )
            for n, target, code, data in moves
        ]
        created = ActivityLog.objects.bulk_create(entries, batch_size=500)
        ids = [
            e.pk for e in created if e.new_state in NOTIFIED_STATES and e.action == NOMINATION_STATE
        ]
        if ids:
            notify_nomination_changes.delay(activity_ids=ids)
    return len(eligible), len(rows) - len(eligible)


def _bulk_moves(eligible, action, *, by, reason, now):
    """Write the moves of ``eligible`` (locked rows); [(row, new state, log code, data)]."""
    target = action.target
    common = {
        "state_changed_at": now,
        "updated_at": now,
        # as set_nomination_state does: an open fast-track stays on top of the queue
        "is_pinned": F("is_fast_track") if target in NOMINATION_OPEN_STATES else False,
    }
    uniform, moves = [], []
    if target == NominationState.SUBMITTED:
        new_stages = []
        for n in eligible:  # each row has its own route
            deciding, first, final = route_on_submit(n, day=timezone.localdate(now))
            Nomination.objects.filter(pk=n.pk).update(
                state=target,
                submitted_at=now,
                deciding_unit=deciding,
                reviewing_unit=first,
                at_final_level=final,
                **common,
            )
            new_stages.append(NominationStage(nomination=n, unit=first, entered_at=now))
            data = {"deciding_unit": _unit_name(deciding), "reviewing_unit": _unit_name(first)}
            moves.append((n, target, NOMINATION_STATE, data))
        NominationStage.objects.bulk_create(new_stages)
        return moves
    if action.name == "return":
        stages = NominationStage.objects.filter(nomination__in=eligible).select_related("unit")
        by_nomination = {}
        for stage in stages.order_by("entered_at", "id"):
            by_nomination.setdefault(stage.nomination_id, []).append(stage)
        back = []
        for n in eligible:
            previous = routing.previous_stop(by_nomination.get(n.pk, []))
            if previous is routing.TO_OFFICER:
                uniform.append(n)
            else:
                back.append((n, previous))
        close_stage([n for n, _prev in back], StageOutcome.RETURNED, by=by, now=now, note=reason)
        for n, previous in back:
            Nomination.objects.filter(pk=n.pk).update(
                state=NominationState.IN_REVIEW,
                reviewing_unit=previous,
                at_final_level=False,
                **{**common, "is_pinned": F("is_fast_track")},
            )
            data = {"from": _unit_name(n.reviewing_unit), "to": _unit_name(previous)}
            moves.append((n, NominationState.IN_REVIEW, NOMINATION_RETURN_LEVEL, data))
        NominationStage.objects.bulk_create(
            [NominationStage(nomination=n, unit=prev, entered_at=now) for n, prev in back]
        )
    else:
        uniform = list(eligible)
    values = {"state": target, **common}
    if target in STAGE_OUTCOMES:
        close_stage(uniform, STAGE_OUTCOMES[target], by=by, now=now, note=reason)
        values["reviewing_unit"] = None
    # Every row moving alike gets the same values: one UPDATE, not one per row.
    Nomination.objects.filter(pk__in=[n.pk for n in uniform]).update(**values)
    moves += [
        (n, target, NOMINATION_STATE, {"reviewing_unit": _unit_name(n.reviewing_unit)})
        for n in uniform
    ]
    return moves
