"""Permission predicates for the awards app.

Each predicate answers one question about one user (and one object).  Views
first narrow rows with the selectors (out of scope → 404), then ask these
predicates before showing a button or accepting a POST; templates get their
answers as ``can_*`` context; and the services ask them again, under the row
lock, before changing anything.  Views and templates never ask the raw roles
of ``units.rules``: they ask here.
"""

from units.enums import UnitLevel
from units.rules import (
    LEADER_ROLES,
    is_council_member,
    is_emulation_staff,
    is_unit_leader,
    is_unit_officer,
    leads_unit,
    member_roles,
    officer_unit_paths,
    reviewed_unit_ids,
    reviews_for_unit,
)

from .enums import CertificateState, DecisionState, NominationState, SubmissionState

EDITABLE_STATES = (NominationState.DRAFT, NominationState.RETURNED)
WITHDRAWABLE_STATES = (NominationState.DRAFT, NominationState.SUBMITTED)
REVIEWABLE_STATES = (NominationState.SUBMITTED, NominationState.IN_REVIEW)


def is_officer_for_unit(user, unit) -> bool:
    """The user acts for ``unit`` or for a unit above it."""
    return any(unit.path.startswith(p) for p in officer_unit_paths(user))


def can_view_everything(user) -> bool:
    """Provincial staff and council members see every nomination, decision and
    certificate; everyone else sees their own units' rows (``selectors``)."""
    return is_emulation_staff(user) or is_council_member(user)


def can_view_statistics(user) -> bool:
    """The statistics page and its Excel files: the staff and council members over
    everything, a unit's people over their own branch (``selectors`` narrow the rows)."""
    return can_view_everything(user) or is_unit_officer(user)


# --- Nominations and achievements: unit officers record them, staff review them ---------


def can_create_nomination(user) -> bool:
    """Officers nominate for their units (and the units below them)."""
    return is_unit_officer(user)


def can_record_achievement(user) -> bool:
    return is_unit_officer(user)


def can_record_fast_track(user) -> bool:
    """The instant-award lane (thưởng nóng) is the officers' too."""
    return is_unit_officer(user)


def can_review_nominations(user) -> bool:
    """Review many at once (the queue's bulk actions) and see the reviewer's checks: the
    provincial staff and the units' leaders (each row is checked on its own)."""
    return is_emulation_staff(user) or is_unit_leader(user)


def can_review_for_province(user) -> bool:
    """The province's review queue is the emulation staff's."""
    return is_emulation_staff(user)


def can_work_review_queue(user) -> bool:
    """The user reviews at some level (a unit's member, the staff at the province): the
    queue offers "Chờ đơn vị tôi xét duyệt"."""
    return is_emulation_staff(user) or bool(reviewed_unit_ids(user))


def can_forward_many(user) -> bool:
    """Offer "Trình cấp trên" among the queue's bulk actions: a unit's head or deputy
    (each row is checked with :func:`can_forward_nomination`)."""
    return is_unit_leader(user)


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
    """Review at the level holding the nomination (its ``reviewing_unit``): that unit's
    officer and leaders, the provincial staff at the province.  Return and reject."""
    return nomination.state in REVIEWABLE_STATES and reviews_for_unit(
        user, nomination.reviewing_unit
    )


def can_approve_nomination(user, nomination) -> bool:
    """Approve: at the last level of the route only (below it, the level forwards)."""
    return nomination.at_final_level and can_review_nomination(user, nomination)


def can_forward_nomination(user, nomination) -> bool:
    """Forward to the next level with a proposal letter (trình cấp trên): the leader
    (head or deputy) of a level below the last."""
    return (
        nomination.state in REVIEWABLE_STATES
        and not nomination.at_final_level
        and leads_unit(user, nomination.reviewing_unit)
    )


def can_start_review(user, nomination) -> bool:
    return nomination.state == NominationState.SUBMITTED and reviews_for_unit(
        user, nomination.reviewing_unit
    )


def can_nominate_for(user, unit) -> bool:
    """The user may put forward (or record for) ``unit``, the nominating unit: its officer,
    or provincial staff entering a dossier the unit sent on paper (a unit without an account).
    The officers' pages stay theirs (``can_create_nomination``)."""
    return unit is not None and (is_officer_for_unit(user, unit) or is_emulation_staff(user))


def can_import_nominations(user) -> bool:
    """Reach the page that imports a list of nominations from Excel: officers, and the
    provincial staff entering a unit's list sent on paper (any unit)."""
    return is_unit_officer(user) or is_emulation_staff(user)


def can_confirm_nomination_import(user, nomination_import) -> bool:
    """Write a checked list: whoever may nominate for its unit (``can_nominate_for``)."""
    return can_nominate_for(user, nomination_import.nominating_unit)


def can_edit_achievement(user, achievement) -> bool:
    return is_officer_for_unit(user, achievement.owner_unit)


# --- Award decisions: each issuer's own people compose, issue and revoke them -------------
#
# Who acts for an issuer: provincial staff for every issuer (the province's own
# decisions, and a unit's entered on its behalf, as before units had accounts); for
# any other unit, its active members (a membership on exactly that unit: the units
# above do not act for it).  Its members prepare (drafts, lines, certificates, the
# ceremony); its leaders (head or deputy) issue, revoke and reissue.  The province's
# decisions are its staff's alone: a membership on the province does not act for it.
# The predicates take the issuer's id, so a decision's issuer need not be loaded.


def acts_for_every_issuer(user) -> bool:
    """Provincial staff: any unit may be chosen as the issuer of their drafts."""
    return is_emulation_staff(user)


def issuer_roles(user) -> dict[int, str]:
    """Issuer id -> the user's role, for each unit whose decisions the user's
    membership lets them prepare (every unit the user is a member of but the province)."""
    return member_roles(user, exclude_level=UnitLevel.PROVINCE.value)


def acts_for_issuer(user, issuer_id) -> bool:
    """The user prepares the decisions of the unit ``issuer_id``."""
    return acts_for_every_issuer(user) or issuer_id in issuer_roles(user)


def leads_issuer(user, issuer_id) -> bool:
    """The user issues and revokes the decisions of the unit ``issuer_id``."""
    return acts_for_every_issuer(user) or issuer_roles(user).get(issuer_id) in LEADER_ROLES


def can_manage_decisions(user) -> bool:
    """Reach the pages that compose decisions: the user acts for some issuer."""
    return acts_for_every_issuer(user) or bool(issuer_roles(user))


def can_create_decision(user, issuer) -> bool:
    """Draft a decision of ``issuer``."""
    return issuer is not None and acts_for_issuer(user, issuer.pk)


def can_edit_decision(user, decision) -> bool:
    """Change the header, add and remove lines: drafts only."""
    return decision.state == DecisionState.DRAFT and acts_for_issuer(user, decision.issuer_id)


def can_issue_decision(user, decision) -> bool:
    return decision.state == DecisionState.DRAFT and leads_issuer(user, decision.issuer_id)


def can_revoke_decision(user, decision) -> bool:
    return decision.state == DecisionState.ISSUED and leads_issuer(user, decision.issuer_id)


def can_revoke_recipient(user, line) -> bool:
    return (
        line.revoked_at is None
        and line.decision.state == DecisionState.ISSUED
        and leads_issuer(user, line.decision.issuer_id)
    )


def can_revoke_lines(user, decision) -> bool:
    """Offer "revoke this line" on the lines of an issued decision."""
    return decision.state == DecisionState.ISSUED and leads_issuer(user, decision.issuer_id)


#: Nomination states a fast-track nomination may be awarded at once from (the unit
#: decides within its own authority; an approved one is ready for a decision).
AWARD_AT_ONCE_STATES = (
    NominationState.SUBMITTED,
    NominationState.IN_REVIEW,
    NominationState.APPROVED,
)


def can_award_at_once(user, nomination, issuer) -> bool:
    """Turn a fast-track nomination into a decision of ``issuer`` (khen thưởng ngay): the
    issuer's people, on an open or approved fast-track nomination.  Whether ``issuer``
    may decide its form over its subject is the authority table's (``awards.authority``)."""
    return (
        nomination.is_fast_track
        and nomination.state in AWARD_AT_ONCE_STATES
        and issuer is not None
        and acts_for_issuer(user, issuer.pk)
    )


# --- Certificates -------------------------------------------------------------------------


def can_render_certificates(user, decision) -> bool:
    """Start a rendering run (the missing certificates, or all of them again)."""
    return decision.state == DecisionState.ISSUED and acts_for_issuer(user, decision.issuer_id)


def can_resume_certificate_run(user, run) -> bool:
    """Resume a run whose worker is gone (``run.is_stale()``): at once, from the page."""
    return run.is_stale() and can_render_certificates(user, run.decision)


def can_reissue_certificates(user, decision) -> bool:
    """Offer "reissue" on the certificates of an issued decision: a new serial in the
    issuer's name, so its leaders."""
    return decision.state == DecisionState.ISSUED and leads_issuer(user, decision.issuer_id)


def can_reissue_certificate(user, certificate) -> bool:
    line = certificate.recipient
    return (
        certificate.state == CertificateState.VALID
        and line.revoked_at is None
        and can_reissue_certificates(user, line.decision)
    )


# --- Ceremonies ---------------------------------------------------------------------------


def can_record_ceremony(user, decision) -> bool:
    """Record that an issued decision's awards were presented: the issuer's people."""
    return decision.state == DecisionState.ISSUED and acts_for_issuer(user, decision.issuer_id)


# --- Forwarding to the central level (khen cao): provincial staff only ---------------------


def can_manage_central_submissions(user) -> bool:
    """Reach the central submissions' pages and create one."""
    return is_emulation_staff(user)


def can_edit_central_submission(user, submission) -> bool:
    """Change the header, add and remove nominations: drafts only."""
    return submission.state == SubmissionState.DRAFT and is_emulation_staff(user)


def can_send_central_submission(user, submission) -> bool:
    return submission.state == SubmissionState.DRAFT and is_emulation_staff(user)


def can_record_central_result(user, submission) -> bool:
    """Record a decision of the central level: sent, some nominations still waiting."""
    return submission.state in (
        SubmissionState.SENT,
        SubmissionState.PARTLY,
    ) and is_emulation_staff(user)


def can_build_central_package(user, submission) -> bool:
    return is_emulation_staff(user)


def can_resume_central_package(user, package) -> bool:
    """Resume a package build whose worker is gone (``package.is_stale()``)."""
    return package.is_stale() and can_build_central_package(user, package.submission)
