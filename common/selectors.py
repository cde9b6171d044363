"""What the home page shows each role.  Each function is one or two queries, whatever the data."""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from awards.enums import NominationState
from awards.models import AwardDecision, Nomination
from campaign.enums import CampaignStatus
from campaign.models import Campaign
from campaign.selectors import campaigns_visible_to
from units.models import OfficerMembership
from units.rules import officer_unit_paths, under_paths_q

#: Nominations that wait for the provincial staff to review them.
AWAITING_REVIEW_STATES = (NominationState.SUBMITTED, NominationState.IN_REVIEW)


def launched_campaigns(*, limit=10):
    """Campaigns under way, the nearest nomination deadline first (no deadline last)."""
    return list(
        Campaign.objects.filter(status=CampaignStatus.LAUNCHED)
        .select_related("issuing_unit")
        .order_by(F("nomination_deadline").asc(nulls_last=True), "-start_date", "-id")[:limit]
    )


def launched_campaign_count():
    return Campaign.objects.filter(status=CampaignStatus.LAUNCHED).count()


def open_campaigns(user, *, today=None, limit=10):
    """Launched campaigns the user may see that still take nominations.

    Still taking nominations: no deadline, or a deadline not yet passed.
    """
    today = today or timezone.localdate()
    return list(
        campaigns_visible_to(user)
        .filter(status=CampaignStatus.LAUNCHED)
        .filter(Q(nomination_deadline__isnull=True) | Q(nomination_deadline__gte=today))
        .order_by(F("nomination_deadline").asc(nulls_last=True), "-start_date", "-id")[:limit]
    )


def nominations_awaiting_review():
    """``{"total": n, "fast_track": m}`` for nominations submitted or in review."""
    return Nomination.objects.filter(state__in=AWAITING_REVIEW_STATES).aggregate(
        total=Count("id"), fast_track=Count("id", filter=Q(is_fast_track=True))
    )


def recent_decisions(*, limit=5):
    return list(
        AwardDecision.objects.select_related("award_type", "issuer")
        .annotate(recipient_count=Count("recipients"))
        .order_by("-signed_date", "-id")[:limit]
    )


def officer_memberships(user):
    """The units a user acts for, with the role held in each."""
    return list(
        OfficerMembership.objects.filter(user=user, is_active=True)
        .select_related("unit", "unit__parent")
        .order_by("unit__path")
    )


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


def unit_nomination_counts(user):
    """Nominations from the officer's units and the units below, counted by state.

    Returns the non-empty states in workflow order.
    """
    paths = officer_unit_paths(user)
    rows = (
        Nomination.objects.filter(under_paths_q(paths, field="nominating_unit__path"))
        .values("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["state"]: row["n"] for row in rows}
    return [
        StateCount(state.value, state.label, counts[state.value])
        for state in NominationState
        if counts.get(state.value)
    ]
