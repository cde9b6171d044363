"""Which rows a user may see.  Every list, detail, download and export uses these."""

from django.db.models import Exists, OuterRef

from units.rules import (
    is_council_member,
    is_emulation_staff,
    officer_unit_paths,
    under_paths_q,
)

from .enums import DecisionState, NominationState
from .models import Achievement, AwardDecision, Certificate, Evidence, Nomination, Recipient


def _sees_everything(user) -> bool:
    return is_emulation_staff(user) or is_council_member(user)


def nominations_visible_to(user):
    if not user.is_authenticated:
        return Nomination.objects.none()
    if _sees_everything(user):
        return Nomination.objects.all()
    return Nomination.objects.filter(
        under_paths_q(officer_unit_paths(user), "nominating_unit__path")
    )


def achievements_visible_to(user):
    if not user.is_authenticated:
        return Achievement.objects.none()
    if _sees_everything(user):
        return Achievement.objects.all()
    return Achievement.objects.filter(under_paths_q(officer_unit_paths(user), "owner_unit__path"))


def evidence_visible_to(user):
    return Evidence.objects.filter(achievement__in=achievements_visible_to(user))


def _recipient_lines_in_units_q(paths):
    """Lines whose collective, or whose individual's unit, lies under ``paths``."""
    return under_paths_q(paths, "unit__path") | under_paths_q(paths, "individual__unit__path")


def decisions_visible_to(user):
    """Staff and council members see every decision, drafts included; officers see
    issued (and later revoked) decisions with a recipient line in their units."""
    if not user.is_authenticated:
        return AwardDecision.objects.none()
    if _sees_everything(user):
        return AwardDecision.objects.all()
    paths = officer_unit_paths(user)
    if not paths:
        return AwardDecision.objects.none()
    lines = Recipient.objects.filter(decision=OuterRef("pk")).filter(
        _recipient_lines_in_units_q(paths)
    )
    return AwardDecision.objects.exclude(state=DecisionState.DRAFT).filter(Exists(lines))


def recipients_visible_to(user):
    """Recipient lines: all for staff and council; an officer's units' lines of
    decisions that were issued."""
    if not user.is_authenticated:
        return Recipient.objects.none()
    if _sees_everything(user):
        return Recipient.objects.all()
    paths = officer_unit_paths(user)
    if not paths:
        return Recipient.objects.none()
    return Recipient.objects.exclude(decision__state=DecisionState.DRAFT).filter(
        _recipient_lines_in_units_q(paths)
    )


def certificates_visible_to(user):
    """Certificates of the recipient lines the user may see."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    if _sees_everything(user):
        return Certificate.objects.all()
    return Certificate.objects.filter(recipient__in=recipients_visible_to(user))


def lines_holding_nominations():
    """Recipient lines that hold their nomination: on a draft or issued decision,
    not revoked.  A nomination goes on one such line at most."""
    return Recipient.objects.filter(nomination__isnull=False, revoked_at__isnull=True).exclude(
        decision__state=DecisionState.REVOKED
    )


def nominations_ready_for_decision(user):
    """Approved nominations the user sees that no draft or issued decision lists yet."""
    held = lines_holding_nominations().values("nomination_id")
    return nominations_visible_to(user).filter(state=NominationState.APPROVED).exclude(pk__in=held)
