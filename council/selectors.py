"""Reads of the council app: which rule applies, which nominations need the council,
which sessions a user sees, and who attended.

Every list and detail view takes its rows from :func:`sessions_visible_to`; a
session outside it is a 404.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from awards.enums import NominationState
from awards.models import AwardType, Nomination
from units.enums import VOTING_COUNCIL_ROLES, UnitLevel
from units.models import Council, CouncilMembership
from units.rules import is_emulation_staff

from . import rules
from .enums import BallotKind, SessionState, VoteMethod
from .models import AgendaItem, Ballot, Minutes, Session, SessionMaterial, VotingRule

#: The nomination states a council considers: sent and not yet decided at the last level.
COUNCIL_STATES = (NominationState.SUBMITTED, NominationState.IN_REVIEW)


def rules_in_force_on(day: datetime.date):
    """The voting rules in force on ``day``: for each title or form, the one that took
    effect last on or before it and has not ended."""
    latest = (
        VotingRule.objects.filter(award_type=OuterRef("award_type"), effective_from__lte=day)
        .order_by("-effective_from")
        .values("pk")[:1]
    )
    return VotingRule.objects.filter(pk__in=latest.values("pk")).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day)
    )


def rule_for(award_type, day: datetime.date) -> VotingRule | None:
    """The rule that applies to ``award_type`` on ``day`` (None: the council does not vote)."""
    rule = (
        VotingRule.objects.filter(award_type=award_type, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )
    if rule is None or (rule.effective_to is not None and rule.effective_to < day):
        return None
    return rule


def award_types_needing_council(day: datetime.date):
    """The titles and forms whose rule in force on ``day`` has a vote."""
    voting = rules_in_force_on(day).exclude(method=VoteMethod.NO_VOTE)
    return AwardType.objects.filter(pk__in=voting.values("award_type"))


def _on_open_session():
    return AgendaItem.objects.filter(nomination=OuterRef("pk")).exclude(
        session__state=SessionState.CLOSED
    )


def nominations_needing_council(council, day: datetime.date):
    """Nominations waiting for a decision at ``council``'s unit whose title or form needs
    the council's vote on ``day``, and not yet on a session that is not closed.

    "Waiting for a decision": sent or in review at the last level of their route, in the
    council's unit's queue (the province's queue is the staff's: no reviewing unit)."""
    unit = council.unit
    here = Q(reviewing_unit=unit)
    if unit.level == UnitLevel.PROVINCE:
        here |= Q(reviewing_unit__isnull=True)
    return (
        Nomination.objects.filter(here, state__in=COUNCIL_STATES, at_final_level=True)
        .filter(award_type__in=award_types_needing_council(day))
        .exclude(Exists(_on_open_session()))
        .select_related("award_type", "individual", "unit", "nominating_unit")
        .order_by("award_type__sort_order", "pk")
    )


def sessions_visible_to(user):
    """Staff: every session; a council's secretary: its sessions; a voting member: the
    sessions of their councils once called (not the drafts)."""
    sessions = Session.objects.select_related("council", "council__unit")
    if not user.is_authenticated:
        return sessions.none()
    if is_emulation_staff(user):
        return sessions
    kept = rules.secretary_council_ids(user)
    voting = rules.member_council_ids(user)
    return sessions.filter(
        Q(council_id__in=kept) | (Q(council_id__in=voting) & ~Q(state=SessionState.DRAFT))
    )


def session_list_for(user):
    """The sessions' list: newest meeting first, with the number of items."""
    return sessions_visible_to(user).annotate(item_count=Count("items"))


def items_of(session):
    """The agenda in order, with what the pages print of each nomination."""
    return (
        session.items.select_related(
            "rule",
            "nomination__award_type",
            "nomination__individual",
            "nomination__unit",
            "nomination__nominating_unit",
        )
        .annotate(
            ballot_count=Count("ballots", filter=Q(ballots__kind=BallotKind.VOTED), distinct=True)
        )
        .order_by("position", "id")
    )


def materials_of(session):
    return SessionMaterial.objects.filter(session=session).order_by("id")


def voting_members(session):
    """The memberships that vote in ``session``: a voting role on its council on the
    meeting's day, the chair first."""
    day = timezone.localdate(session.meeting_at)
    return (
        CouncilMembership.objects.filter(
            council_id=session.council_id, role__in=VOTING_COUNCIL_ROLES
        )
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user_id")
    )


def members_of(council):
    """Every user who holds a seat on ``council`` now or held one: whom to notify."""
    return CouncilMembership.objects.filter(council=council).select_related("user")


def present_member_ids(session) -> set[int]:
    """Members counted present: marked by the secretary, or who cast an e-ballot or
    recused on any item (taking part online is attending)."""
    marked = set(session.present_members.values_list("pk", flat=True))
    took_part = set(
        Ballot.objects.filter(
            item__session=session, kind__in=(BallotKind.VOTED, BallotKind.RECUSED)
        ).values_list("member_id", flat=True)
    )
    return marked | took_part


def ballots_of_member(session, user) -> dict[int, str]:
    """Item id -> what ``user`` did on it (voted, recused, written): never how."""
    return dict(
        Ballot.objects.filter(item__session=session, member=user).values_list("item_id", "kind")
    )


def member_agenda(session):
    """The agenda a member reads: items in order with their nominations (each dossier
    opens read-only on its own page)."""
    return items_of(session)


def due_sessions(now):
    """Open sessions whose voting window has ended: the beat task closes them."""
    return Session.objects.filter(state=SessionState.OPEN, votes_close_at__lte=now)


def councils_managed_by(user):
    """The active councils whose sessions ``user`` keeps: all for the staff."""
    councils = Council.objects.filter(is_active=True).select_related("unit").order_by("name")
    if is_emulation_staff(user):
        return councils
    return councils.filter(pk__in=rules.secretary_council_ids(user))


def minutes_of(session) -> Minutes | None:
    """The minutes of ``session`` (a closed one has them), or None."""
    return Minutes.objects.filter(session=session).first()
