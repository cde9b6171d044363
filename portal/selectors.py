"""What the home page shows each role: campaigns, the review queue, decisions, the
officer's to-do list; and the staff's activity log page.

Each function runs a fixed number of queries, whatever the data.  The activity log page
runs one more query per kind of object on it (to link the rows the user may see).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import CertificateState, DecisionState, NominationState
from awards.models import AwardDecision, Nomination
from awards.selectors import (
    certificates_visible_to,
    decisions_visible_to,
    nominations_visible_to,
    with_line_totals,
)
from campaign.enums import CampaignStatus, NoticeBatchState, ReminderState
from campaign.models import Campaign, Registration, Reminder
from campaign.selectors import (
    campaigns_visible_to,
    notice_batches_visible_to,
    reminder_rules_visible_to,
    reminders_visible_to,
)
from common.activity import action_label, state_label
from common.models import ActivityLog
from common.paging import keys_first
from common.text import fold
from units.models import OfficerMembership, Unit
from units.rules import officer_unit_paths, under_paths_q

from .rules import can_see_activity_log

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


#: The home page counts up to this many nominations of a kind, then says "more than".
COUNT_CAP = 10_000


def _capped_count(queryset) -> int:
    """How many rows, up to ``COUNT_CAP + 1``: the index reads at most that many entries."""
    return queryset.order_by().values("pk")[: COUNT_CAP + 1].count()


def nominations_awaiting_review():
    """Counts of the nominations submitted or in review: ``total``, ``submitted``,
    ``in_review`` and ``fast_track`` (of the total), each read from the state's index
    and capped at ``COUNT_CAP`` (``<name>_more`` says the count is more than shown), so the page
    costs the same with 1,000 or 500,000 nominations."""
    submitted = _capped_count(Nomination.objects.filter(state=NominationState.SUBMITTED))
    in_review = _capped_count(Nomination.objects.filter(state=NominationState.IN_REVIEW))
    # An open fast-track nomination is exactly a pinned one (``Nomination.is_pinned``).
    fast_track = _capped_count(Nomination.objects.filter(is_pinned=True))
    counts = {"submitted": submitted, "in_review": in_review, "fast_track": fast_track}
    shown = {name: min(n, COUNT_CAP) for name, n in counts.items()}
    return {
        **shown,
        "total": shown["submitted"] + shown["in_review"],
        # "more than": the count reached the cap (the total then too)
        **{f"{name}_more": n > COUNT_CAP for name, n in counts.items()},
        "total_more": max(submitted, in_review) > COUNT_CAP,
    }


def recent_decisions(*, limit=5):
    return with_line_totals(
        AwardDecision.objects.select_related("award_type", "issuer").order_by(
            "-signed_date", "-id"
        )[:limit]
    )


def officer_memberships(user):
    """The units a user acts for, with the role held in each."""
    return list(
        OfficerMembership.objects.filter(user=user, is_active=True)
        .select_related("unit", "unit__parent")
        .order_by("unit__path")
    )


def _branch_units(user):
    """The ids of the officer's units and every unit below them, as a subquery: the
    nominations are then read through their unit's index, not by joining every
    nomination to its unit's path."""
    return Unit.objects.filter(under_paths_q(officer_unit_paths(user), "path")).values("pk")


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


def unit_nomination_counts(user):
    """Nominations from the officer's units and the units below, counted by state.

    Returns the non-empty states in workflow order.
    """
    rows = (
        Nomination.objects.filter(nominating_unit__in=_branch_units(user))
        .values("state")
        # COUNT(*), not of the id: the (unit, state) index alone answers it
        .annotate(n=Count("*"))
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
    nominations = keys_first(
        Nomination.objects.filter(
            nominating_unit__in=_branch_units(user), state=NominationState.RETURNED
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
            nominating_unit__in=_branch_units(user),
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


# --- The staff's activity log page -----------------------------------------------------------

#: Rows per page of the activity log; one more is read to know whether older rows exist.
ACTIVITY_PAGE_SIZE = 50
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class ObjectKind:
    """A kind of object the activity log is about: its name, its states' labels, and
    where each of its rows leads for a user (only the rows that user may see)."""

    key: str  # "app_label.model", as ContentType names it
    label: object
    links: Callable[[object, list[int]], dict[int, str]]
    states: type | None = None


def _visible_pks(selector, user, ids):
    return selector(user).filter(pk__in=ids).order_by().values_list("pk", flat=True)


def _nomination_links(user, ids):
    pks = _visible_pks(nominations_visible_to, user, ids)
    return {pk: reverse("awards:nomination_detail", args=[pk]) for pk in pks}


def _decision_links(user, ids):
    pks = _visible_pks(decisions_visible_to, user, ids)
    return {pk: reverse("awards:decision_detail", args=[pk]) for pk in pks}


def _certificate_links(user, ids):
    rows = certificates_visible_to(user).filter(pk__in=ids).values_list("pk", "recipient__decision")
    return {pk: reverse("awards:certificate_list", args=[decision]) for pk, decision in rows}


def _registration_links(user, ids):
    rows = Registration.objects.filter(
        pk__in=ids, campaign__in=campaigns_visible_to(user)
    ).values_list("pk", "campaign")
    return {pk: reverse("campaign:campaign_detail", args=[campaign]) for pk, campaign in rows}


def _notice_batch_links(user, ids):
    pks = _visible_pks(notice_batches_visible_to, user, ids)
    return {pk: reverse("campaign:notice_batch", args=[pk]) for pk in pks}


def _reminder_links(user, ids):
    """The reminder log has no page per reminder: its rows lead to the log."""
    return dict.fromkeys(
        _visible_pks(reminders_visible_to, user, ids), reverse("campaign:reminder_log")
    )


def _reminder_rule_links(user, ids):
    pks = _visible_pks(reminder_rules_visible_to, user, ids)
    return {pk: reverse("campaign:reminder_rule_send", args=[pk]) for pk in pks}


def _account_links(user, ids):
    """An account's page is the admin's, for those who administer accounts."""
    if not user.is_superuser:
        return {}
    return {pk: reverse("admin:auth_user_change", args=[pk]) for pk in ids}


#: The kinds of object the apps log about (see the ``log_activity`` calls of their services).
OBJECT_KINDS = {
    kind.key: kind
    for kind in (
        ObjectKind("awards.nomination", _("Hồ sơ đề nghị"), _nomination_links, NominationState),
        ObjectKind("awards.awarddecision", _("Quyết định"), _decision_links, DecisionState),
        ObjectKind(
            "awards.certificate", _("Bằng, giấy khen"), _certificate_links, CertificateState
        ),
        ObjectKind("campaign.registration", _("Đăng ký thi đua"), _registration_links),
        ObjectKind(
            "campaign.noticebatch", _("Đợt công văn đôn đốc"), _notice_batch_links, NoticeBatchState
        ),
        ObjectKind("campaign.reminder", _("Thư nhắc việc"), _reminder_links, ReminderState),
        ObjectKind("campaign.reminderrule", _("Quy tắc nhắc việc"), _reminder_rule_links),
        ObjectKind("auth.user", _("Tài khoản (xác thực hai bước)"), _account_links),
    )
}


def activity_log_visible_to(user):
    """The whole log for those who may read it (provincial staff), newest first; nothing
    for anyone else."""
    if not can_see_activity_log(user):
        return ActivityLog.objects.none()
    return ActivityLog.objects.select_related("actor", "content_type").order_by(
        "-created_at", "-id"
    )


def actor_ids_matching(text: str) -> list[int]:
    """Ids of the accounts whose username, last and first names hold every word of
    ``text``, accents and case folded ("ngoc ha" finds "Phạm Ngọc Hà"), as the portal's
    other name searches do.

    The accounts have no folded column (``auth.User`` is Django's), so the folding is done
    here over the accounts table, one query of four narrow columns: it is bounded by the
    number of accounts (staff and unit officers), not by the log, which is then filtered
    on ``actor_id`` through its index.
    """
    words = fold(text).split()
    if not words:
        return []
    accounts = (
        get_user_model().objects.order_by().values_list("pk", "username", "last_name", "first_name")
    )
    matching = []
    for pk, *names in accounts.iterator(chunk_size=2000):
        haystack = fold(" ".join(names))
        if all(word in haystack for word in words):
            matching.append(pk)
    return matching


def activity_cursor(entry) -> str:
    """Where the page after ``entry`` starts: its time (microseconds) and id."""
    micros = (entry.created_at - _EPOCH) // datetime.timedelta(microseconds=1)
    return f"{micros}.{entry.pk}"


def _parse_cursor(cursor: str):
    try:
        micros, pk = (int(part) for part in cursor.split("."))
        return _EPOCH + datetime.timedelta(microseconds=micros), pk
    except (AttributeError, ValueError, OverflowError):
        return None


@dataclass
class ActivityPage:
    entries: list
    next_cursor: str | None


def activity_page(queryset, *, before: str = "", user) -> ActivityPage:
    """One page of ``queryset`` (newest first) older than the cursor ``before``, by key
    (no COUNT, no OFFSET: the log grows without end).  Each entry gets its action
    ``label``, its ``kind``, its states' labels and the ``url`` of its object when
    ``user`` may see it.  A cursor that does not parse starts from the newest row."""
    position = _parse_cursor(before) if before else None
    if position is not None:
        moment, pk = position
        # "(created_at, id) before the cursor", written so that the created_at index serves
        # it as a range: at or before the moment, minus the cursor's own moment from its id on.
        queryset = queryset.filter(created_at__lte=moment).exclude(created_at=moment, pk__gte=pk)
    rows = list(queryset[: ACTIVITY_PAGE_SIZE + 1])
    entries = rows[:ACTIVITY_PAGE_SIZE]
    _decorate(entries, user)
    more = len(rows) > ACTIVITY_PAGE_SIZE
    return ActivityPage(entries, activity_cursor(entries[-1]) if more else None)


def _decorate(entries, user) -> None:
    """Labels and links, with one query per kind of object on the page."""
    ids_by_kind: dict[str, list[int]] = {}
    for entry in entries:
        entry.label = action_label(entry.action)
        key = f"{entry.content_type.app_label}.{entry.content_type.model}"
        entry.kind = OBJECT_KINDS.get(key)
        if entry.kind is not None and entry.object_id.isdigit():
            ids_by_kind.setdefault(key, []).append(int(entry.object_id))
    links = {key: OBJECT_KINDS[key].links(user, ids) for key, ids in ids_by_kind.items()}
    for entry in entries:
        kind = entry.kind
        entry.url = None
        states = kind.states if kind is not None else None
        entry.previous_label = state_label(entry.action, entry.previous_state, states)
        entry.new_label = state_label(entry.action, entry.new_state, states)
        if kind is None:
            continue
        if entry.object_id.isdigit():
            entry.url = links.get(kind.key, {}).get(int(entry.object_id))
