"""The nomination workflow: the one place where a nomination changes state.

draft → submitted → in review → returned (→ submitted again) → approved or
rejected; approved → awarded when a decision is issued.  A draft or submitted
nomination can be withdrawn.  Every transition is checked here, written under
a row lock, logged in the activity log, and followed (after commit) by the
notification task.  ``Nomination.is_pinned`` (an open fast track, first in the
review queue) is written with the state, by both paths here.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.models import ActivityLog, log_activity

from .. import rules
from ..activity import NOMINATION_STATE
from ..enums import (
    NOMINATION_OPEN_STATES,
    NOMINATION_REASON_REQUIRED,
    NOMINATION_TRANSITIONS,
    NominationState,
)
from ..models import Nomination
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
            "approve", NominationState.APPROVED, gettext_lazy("Duyệt"), rules.can_review_nomination
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
        if current.state != seen_state:
            raise WorkflowError(
                _(
                    "Hồ sơ vừa được cập nhật bởi người khác (trạng thái hiện tại: "
                    "“%(state)s”). Vui lòng tải lại trang."
                )
                % {"state": current.get_state_display()}
            )
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
        if new_state == NominationState.SUBMITTED:
            current.submitted_at = now
            fields.append("submitted_at")
        current.save(update_fields=fields)
        entry = log_activity(
            current,
            NOMINATION_STATE,
            actor=actor,
            previous_state=seen_state,
            new_state=new_state,
            note=reason,
        )
        if new_state in NOTIFIED_STATES:
            notify_nomination_change.delay(activity_id=entry.pk)
    for field in fields:
        setattr(nomination, field, getattr(current, field))
    return nomination


def perform(nomination, action_name, *, by, reason=""):
    """Run a named user action after checking that ``by`` may take it."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError(_("Thao tác không hợp lệ."))
    if not action.allowed(by, nomination):
        raise WorkflowError(
            _("Bạn không có quyền thực hiện thao tác này với hồ sơ ở trạng thái hiện tại.")
        )
    return set_nomination_state(nomination, action.target, actor=by, reason=reason)


def available_actions(user, nomination) -> list[Action]:
    return [a for a in ACTIONS.values() if a.allowed(user, nomination)]


def perform_bulk(queryset, action_name, *, by, reason=""):
    """Apply one staff action to many nominations in one transaction.

    Rows the action does not apply to (wrong state, changed meanwhile) are
    skipped and counted, not failed.  Returns ``(changed, skipped)``.
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
            .select_related("nominating_unit", "individual", "unit", "award_type")
            .order_by("pk")
        )
        eligible = [n for n in rows if action.allowed(by, n)]
        now = timezone.now()
        # Every eligible row gets the same values: one UPDATE, not one per row.
        values = {
            "state": action.target,
            "state_changed_at": now,
            "updated_at": now,
            # as set_nomination_state does: an open fast-track stays on top of the queue
            "is_pinned": F("is_fast_track") if action.target in NOMINATION_OPEN_STATES else False,
        }
        if action.target == NominationState.SUBMITTED:  # as set_nomination_state does
            values["submitted_at"] = now
        Nomination.objects.filter(pk__in=[n.pk for n in eligible]).update(**values)
        entries = [
            ActivityLog(
                actor=by,
                action=NOMINATION_STATE,
                content_type=ContentType.objects.get_for_model(Nomination),
                object_id=str(n.pk),
                object_repr=str(n)[:255],
                previous_state=n.state,
                new_state=action.target,
                note=reason,
            )
            for n in eligible
        ]
        created = ActivityLog.objects.bulk_create(entries, batch_size=500)
        ids = [e.pk for e in created]
        if ids:
            notify_nomination_changes.delay(activity_ids=ids)
    return len(eligible), len(rows) - len(eligible)
