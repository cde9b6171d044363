"""What the home page shows each role: campaigns, the review queue, decisions, the
officer's to-do list.

Each function runs a fixed number of queries, whatever the data.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q
from django.utils import timezone

from awards.enums import NominationState
from awards.models import AwardDecision, Nomination
from campaign.enums import CampaignStatus, ReminderState
from campaign.models import Campaign, Registration, Reminder
from campaign.selectors import campaigns_visible_to
from common.models import ActivityLog
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
    """Counts of the nominations submitted or in review: ``total``, ``submitted``,
    ``in_review`` and ``fast_track`` (of the total)."""
    return Nomination.objects.filter(state__in=AWAITING_REVIEW_STATES).aggregate(
        total=Count("id"),
        submitted=Count("id", filter=Q(state=NominationState.SUBMITTED)),
        in_review=Count("id", filter=Q(state=NominationState.IN_REVIEW)),
        fast_track=Count("id", filter=Q(is_fast_track=True)),
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


# --- The officer's to-do list --------------------------------------------------------


@dataclass(frozen=True)
class ReturnedNomination:
    nomination: Nomination
    reason: str
    returned_at: object  # datetime of the return, or None


def returned_nominations(user, *, limit=10):
    """Nominations of the officer's units sent back for completion, the latest first,
    each with the reason given in the activity-log entry that returned it.

    Two queries, whatever the number of nominations: the nominations, then the
    log entries of all of them at once.
    """
    paths = officer_unit_paths(user)
    nominations = list(
        Nomination.objects.filter(
            under_paths_q(paths, field="nominating_unit__path"), state=NominationState.RETURNED
        )
        .select_related("individual", "unit", "award_type", "campaign", "nominating_unit")
        .order_by(F("state_changed_at").desc(nulls_last=True), "-id")[:limit]
    )
    if not nominations:
        return []
    entries = (
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Nomination),
            object_id__in=[str(n.pk) for n in nominations],
            new_state=NominationState.RETURNED,
        )
        .only("object_id", "note", "created_at")
        .order_by("-created_at", "-id")
    )
    latest = {}
    for entry in entries:
        latest.setdefault(entry.object_id, entry)
    result = []
    for nomination in nominations:
        entry = latest.get(str(nomination.pk))
        result.append(
            ReturnedNomination(
                nomination=nomination,
                reason=entry.note if entry else "",
                returned_at=nomination.state_changed_at or (entry.created_at if entry else None),
            )
        )
    return result


@dataclass(frozen=True)
class CampaignTodo:
    """What the officer's units still owe one open campaign."""

    campaign: Campaign
    #: the officer's own units the campaign addresses that have not registered
    #: (only when the campaign asks for registration)
    unregistered_units: list
    draft_count: int

    @property
    def has_work(self) -> bool:
        return bool(self.unregistered_units or self.draft_count)


def campaign_todos(user, campaigns, units):
    """One :class:`CampaignTodo` per campaign, in the order given.

    ``units`` are the officer's own units (their memberships), not the units
    below them: each unit registers for itself.  Drafts are counted over the
    officer's units and those below.  At most four queries, whatever the numbers of
    campaigns, units and nominations.
    """
    if not campaigns:
        return []
    campaign_ids = [c.pk for c in campaigns]
    unit_ids = [u.pk for u in units]
    needs_registration = [c.pk for c in campaigns if c.registration_required]

    addressed = {}  # campaign id -> unit ids of ours it addresses (None: everyone)
    registered = set()
    if needs_registration and unit_ids:
        through = Campaign.participants.through
        rows = (
            through.objects.filter(campaign_id__in=needs_registration)
            .values("campaign_id")
            .annotate(total=Count("id"), ours=Count("id", filter=Q(unit_id__in=unit_ids)))
            .order_by()
        )
        counts = {row["campaign_id"]: row for row in rows}
        ours_rows = through.objects.filter(
            campaign_id__in=needs_registration, unit_id__in=unit_ids
        ).values_list("campaign_id", "unit_id")
        for campaign_id in needs_registration:
            if not counts.get(campaign_id, {}).get("total"):
                addressed[campaign_id] = None
        for campaign_id, unit_id in ours_rows:
            addressed.setdefault(campaign_id, set()).add(unit_id)
        registered = set(
            Registration.objects.filter(
                campaign_id__in=needs_registration, unit_id__in=unit_ids
            ).values_list("campaign_id", "unit_id")
        )

    drafts = dict(
        Nomination.objects.filter(
            under_paths_q(officer_unit_paths(user), field="nominating_unit__path"),
            campaign_id__in=campaign_ids,
            state=NominationState.DRAFT,
        )
        .values("campaign_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("campaign_id", "n")
    )

    todos = []
    for campaign in campaigns:
        unregistered = []
        if campaign.pk in addressed:
            wanted = addressed[campaign.pk]
            unregistered = [
                u
                for u in units
                if (wanted is None or u.pk in wanted) and (campaign.pk, u.pk) not in registered
            ]
        todos.append(
            CampaignTodo(
                campaign=campaign,
                unregistered_units=unregistered,
                draft_count=drafts.get(campaign.pk, 0),
            )
        )
    return todos


def failed_reminder_count() -> int:
    """Reminders whose email could not be delivered (staff see them on the home page)."""
    return Reminder.objects.filter(state=ReminderState.FAILED).count()
