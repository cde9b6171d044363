"""Permission predicates for the awards app.

Each predicate answers one question about one user and one object.  Views
first narrow rows with the selectors (out of scope → 404), then ask these
predicates before showing a button or accepting a POST.
"""

from units.rules import is_emulation_staff, officer_unit_paths

from .enums import DecisionState, NominationState

EDITABLE_STATES = (NominationState.DRAFT, NominationState.RETURNED)
WITHDRAWABLE_STATES = (NominationState.DRAFT, NominationState.SUBMITTED)
REVIEWABLE_STATES = (NominationState.SUBMITTED, NominationState.IN_REVIEW)


def is_officer_for_unit(user, unit) -> bool:
    """The user acts for ``unit`` or for a unit above it."""
    return any(unit.path.startswith(p) for p in officer_unit_paths(user))


def can_edit_nomination(user, nomination) -> bool:
    return nomination.state in EDITABLE_STATES and is_officer_for_unit(
        user, nomination.nominating_unit
    )


def can_submit_nomination(user, nomination) -> bool:
    return can_edit_nomination(user, nomination)


def can_withdraw_nomination(user, nomination) -> bool:
    return nomination.state in WITHDRAWABLE_STATES and is_officer_for_unit(
        user, nomination.nominating_unit
    )


def can_review_nomination(user, nomination) -> bool:
    return nomination.state in REVIEWABLE_STATES and is_emulation_staff(user)


def can_start_review(user, nomination) -> bool:
    return nomination.state == NominationState.SUBMITTED and is_emulation_staff(user)


def can_edit_achievement(user, achievement) -> bool:
    return is_officer_for_unit(user, achievement.owner_unit)


# --- Award decisions: provincial staff compose, issue and revoke them -----------------


def can_manage_decisions(user) -> bool:
    """Create decisions and reach the staff-only decision pages."""
    return is_emulation_staff(user)


def can_edit_decision(user, decision) -> bool:
    """Change the header, add and remove lines: drafts only."""
    return decision.state == DecisionState.DRAFT and is_emulation_staff(user)


def can_issue_decision(user, decision) -> bool:
    return decision.state == DecisionState.DRAFT and is_emulation_staff(user)


def can_revoke_decision(user, decision) -> bool:
    return decision.state == DecisionState.ISSUED and is_emulation_staff(user)


def can_revoke_recipient(user, line) -> bool:
    return (
        line.revoked_at is None
        and line.decision.state == DecisionState.ISSUED
        and is_emulation_staff(user)
    )
