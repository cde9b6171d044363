"""Which rows a user may see, and the reads the pages make of them.

Every list, detail, download and export starts from a ``*_visible_to(user)``
here, so an object outside the user's scope is a 404 everywhere.  The pages'
lists, totals and counts are built here too, on top of those.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, Sum

from units.enums import UnitLevel
from units.models import Individual, Unit
from units.rules import officer_unit_paths, reviewed_unit_ids, under_paths_q

from . import rules
from .enums import (
    CentralOutcome,
    CertificateState,
    CommentState,
    DecisionState,
    NominationState,
    RunState,
    SubjectType,
    SubmissionState,
)
from .models import (
    Achievement,
    AwardAuthority,
    AwardDecision,
    AwardType,
    CentralPackage,
    CentralSubmission,
    CentralSubmissionLine,
    Ceremony,
    Certificate,
    CertificateRun,
    Evidence,
    Nomination,
    NominationImport,
    NominationStage,
    ProposalLetter,
    Recipient,
)


def _sees_everything(user) -> bool:
    return rules.can_view_everything(user)


def nominations_visible_to(user):
    if not user.is_authenticated:
        return Nomination.objects.none()
    if _sees_everything(user):
        return Nomination.objects.all()
    return Nomination.objects.filter(
        under_paths_q(officer_unit_paths(user), "nominating_unit__path")
    )


def nomination_imports_visible_to(user):
    """Staff see every uploaded list of nominations; officers those of their units."""
    if not user.is_authenticated:
        return NominationImport.objects.none()
    if rules.acts_for_every_issuer(user):
        return NominationImport.objects.all()
    return NominationImport.objects.filter(
        under_paths_q(officer_unit_paths(user), "nominating_unit__path")
    )


def achievements_visible_to(user):
    if not user.is_authenticated:
        return Achievement.objects.none()
    if _sees_everything(user):
        return Achievement.objects.all()
    # The branch's units first (the path index), then their achievements (the unit's
    # index): a condition on the joined unit's path would read every achievement.
    units = Unit.objects.filter(under_paths_q(officer_unit_paths(user), "path")).values("pk")
    return Achievement.objects.filter(owner_unit__in=units)


def evidence_visible_to(user):
    return Evidence.objects.filter(achievement__in=achievements_visible_to(user))


def _recipient_lines_in_units_q(paths):
    """Lines whose collective, or whose individual's unit, lies under ``paths``."""
    return under_paths_q(paths, "unit__path") | under_paths_q(paths, "individual__unit__path")


def issuers_acted_for(user) -> list[int]:
    """Ids of the units whose decisions the user prepares as one of their members
    (``rules.acts_for_issuer``; staff act for every issuer and are not listed here)."""
    return sorted(rules.issuer_roles(user))


def decisions_visible_to(user):
    """Staff and council members see every decision, drafts included.  A unit's
    members see every decision of their unit, drafts included, and the issued (and
    later revoked) decisions of any issuer with a recipient line in their units; a
    draft of another issuer stays hidden from them."""
    if not user.is_authenticated:
        return AwardDecision.objects.none()
    if _sees_everything(user):
        return AwardDecision.objects.all()
    paths = officer_unit_paths(user)
    if not paths:
        return AwardDecision.objects.none()
    # The decisions with a line in the user's units, found from the units down (their
    # people, then their lines: indexed) rather than a search of every decision's lines.
    # Two subqueries, one per index (a line's unit, a line's person): one subquery
    # with an OR between them reads every line.
    units = Unit.objects.filter(under_paths_q(paths, "path")).values("pk")
    people = Individual.objects.filter(unit__in=units).values("pk")
    units_lines = Recipient.objects.filter(unit__in=units).values("decision_id")
    people_lines = Recipient.objects.filter(individual__in=people).values("decision_id")
    return AwardDecision.objects.filter(
        Q(issuer_id__in=issuers_acted_for(user))
        | (~Q(state=DecisionState.DRAFT) & (Q(pk__in=units_lines) | Q(pk__in=people_lines)))
    )


def recipients_visible_to(user):
    """Recipient lines: all for staff and council; for a unit's members, every line of
    their unit's own decisions and their units' lines of the decisions that were issued."""
    if not user.is_authenticated:
        return Recipient.objects.none()
    if _sees_everything(user):
        return Recipient.objects.all()
    paths = officer_unit_paths(user)
    if not paths:
        return Recipient.objects.none()
    return Recipient.objects.filter(
        Q(decision__issuer_id__in=issuers_acted_for(user))
        | (~Q(decision__state=DecisionState.DRAFT) & _recipient_lines_in_units_q(paths))
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


# --- Campaigns, as the awards app sees them -----------------------------------------------
#
# awards sits below campaign and uses none of its modules: the model comes from the
# foreign key, and the two statuses awards relies on are the values campaign stores
# in ``Campaign.status`` (``campaign.enums.CampaignStatus``; a test pins them).

#: ``Campaign.status`` of a campaign not yet launched (nobody outside staff sees it).
CAMPAIGN_DRAFT = "draft"
#: ``Campaign.status`` of a launched campaign: it takes nominations.
CAMPAIGN_LAUNCHED = "launched"


def campaign_model():
    """The campaign model, from the foreign key that points at it."""
    return Nomination._meta.get_field("campaign").related_model


def open_campaigns():
    """Campaigns that take nominations now."""
    return campaign_model().objects.filter(status=CAMPAIGN_LAUNCHED)


def published_campaigns():
    """Campaigns that were launched, open or closed: what decisions and achievements cite."""
    return campaign_model().objects.exclude(status=CAMPAIGN_DRAFT)


def campaigns_with(queryset, pk):
    """``queryset`` plus the campaign ``pk`` (a row already saved with it stays choosable)."""
    if not pk:
        return queryset
    return (queryset | campaign_model().objects.filter(pk=pk)).distinct()


# --- Lists and figures of the pages --------------------------------------------------------


#: The cache namespace of the review queue's rows: bumped by any write to the tables a
#: row shows or is filtered on (nominations, people, units, award types:
#: ``AwardsConfig.ready``).
QUEUE_NAMESPACE = "nominations"
#: The cache namespace of the queue's filter form: its choices (award types, campaigns)
#: and the chosen unit's name.
QUEUE_FILTER_NAMESPACE = "queue-filters"


def nomination_queue(user):
    """The review queue's rows with what each row shows, before its filters.

    No aggregate here: what a row shows of its achievements is kept on the
    nomination (``achieved_at``, ``achieved_on``), so an index serves the order.
    It joins only what a row shows: the subject, the nominating unit, the award type.
    """
    return (
        nominations_visible_to(user)
        .select_related("individual", "unit", "award_type", "nominating_unit", "reviewing_unit")
        .only(*QUEUE_ROW_FIELDS)
    )


def waiting_for_review_by(user, queryset):
    """The rows of ``queryset`` waiting at a level ``user`` reviews for ("Chờ đơn vị tôi
    xét duyệt"): their ``reviewing_unit`` is a unit the user is a member of, or, for the
    provincial staff, a provincial unit or none while the row is open (the province's
    queue).  A unit's filter is one equality on the ``nomination_queue_reviewing`` index."""
    waiting = Q(reviewing_unit_id__in=sorted(reviewed_unit_ids(user)))
    if rules.can_review_for_province(user):
        provinces = Unit.objects.filter(level=UnitLevel.PROVINCE).values("pk")
        waiting |= Q(reviewing_unit__in=provinces) | Q(
            reviewing_unit__isnull=True, state__in=rules.REVIEWABLE_STATES
        )
    return queryset.filter(waiting)


#: The columns a queue row shows (``awards/nomination_list.html``); loading only
#: these keeps a page's rows cheap to build.
QUEUE_ROW_FIELDS = (
    "state",
    "is_fast_track",
    "is_pinned",
    "achieved_at",
    "achieved_on",
    "submitted_at",
    "state_changed_at",
    "individual__full_name",
    "individual__position",
    "unit__name",
    "nominating_unit__name",
    "award_type__name",
    "reviewing_unit__name",
    "reviewing_unit__level",
)


def achievement_list_for(user):
    """Visible achievements, the latest first.  No grouped annotation: a page's counts
    of evidence come from :func:`with_evidence_counts`, over that page only."""
    return (
        achievements_visible_to(user)
        .select_related("individual", "unit", "owner_unit", "campaign")
        .order_by("-date", "-id")
    )


def with_evidence_counts(achievements) -> list:
    """``achievements`` (one page) as a list, each with ``evidence_count``: one query."""
    rows = list(achievements)
    counts = dict(
        Evidence.objects.filter(achievement__in=[a.pk for a in rows])
        .values_list("achievement")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for achievement in rows:
        achievement.evidence_count = counts.get(achievement.pk, 0)
    return rows


#: Lines still in force (not revoked one by one).
ACTIVE_LINES = Q(recipients__revoked_at__isnull=True)


def decision_list_for(user):
    """Visible decisions, newest first (drafts first in their year).  Their totals come
    from :func:`with_line_totals`, over one page: a grouped annotation here would
    count every line of every decision before the page is cut."""
    return (
        decisions_visible_to(user)
        .select_related("issuer", "award_type")
        .order_by("-year", F("number").desc(nulls_first=True), "-id")
    )


def with_line_totals(decisions) -> list:
    """``decisions`` (one page) as a list, each with ``recipient_count`` and
    ``total_amount`` of its lines in force: one query, whatever their size."""
    rows = list(decisions)
    totals = {
        row["decision"]: row
        for row in Recipient.objects.filter(
            decision__in=[d.pk for d in rows], revoked_at__isnull=True
        )
        .values("decision")
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by()
    }
    for decision in rows:
        found = totals.get(decision.pk, {})
        decision.recipient_count = found.get("count", 0)
        decision.total_amount = found.get("amount") or 0
    return rows


def decision_totals(decision, *, user=None) -> dict:
    """``{"count": …, "amount": …}`` of the decision's lines in force (amount 0 when none);
    with ``user``, of the lines that user sees.  One query, however many lines."""
    lines = decision.recipients.all() if user is None else recipients_visible_to(user)
    totals = lines.filter(decision=decision, revoked_at__isnull=True).aggregate(
        count=Count("pk"), amount=Sum("amount")
    )
    return {"count": totals["count"], "amount": totals["amount"] or 0}


def decision_lines_for(user, decision):
    """The decision's lines the user may see, in the decision's order, with certificates."""
    return (
        recipients_visible_to(user)
        .filter(decision=decision)
        .select_related("individual__unit", "unit", "nomination")
        .prefetch_related("certificates", "ceremonies")
        .order_by("sort_order", "id")
    )


def sees_only_own_units(user) -> bool:
    """The user sees the lines of their own units only (an officer, not staff or council)."""
    return not rules.can_view_everything(user)


def chosen_nominations(user, ids):
    """The ticked nominations among those the user sees (the service skips the rest)."""
    return nominations_visible_to(user).filter(pk__in=ids or [])


def subject_counts(queryset) -> dict:
    """How many nominations of each subject type: three numbers, one query."""
    counts = queryset.aggregate(
        collective=Count("pk", filter=Q(unit__isnull=False)),
        household=Count("pk", filter=Q(individual__is_household=True)),
        individual=Count("pk", filter=Q(individual__is_household=False)),
    )
    return {SubjectType(key): value for key, value in counts.items() if value}


# --- Certificates and their runs ------------------------------------------------------------


def latest_run(decision):
    return CertificateRun.objects.filter(decision=decision).order_by("-created_at", "-id").first()


def run_is_active(run) -> bool:
    """A run is pending or running, and its worker is still alive."""
    return run is not None and run.is_unfinished and not run.is_stale()


def latest_print_run(decision):
    """The last finished run with a print file (all certificates in one PDF)."""
    return (
        CertificateRun.objects.filter(decision=decision, state=RunState.DONE)
        .exclude(merged_file="")
        .order_by("-finished_at", "-id")
        .first()
    )


def line_numbers(decision) -> dict[int, int]:
    """Recipient line id -> its number (STT) in the decision's list."""
    ids = decision.recipients.order_by("sort_order", "id").values_list("id", flat=True)
    return {line_id: number for number, line_id in enumerate(ids, 1)}


def certificate_list_for(user, decision):
    return (
        certificates_visible_to(user)
        .filter(recipient__decision=decision)
        .select_related("recipient__individual__unit", "recipient__unit", "replaced_by")
        .order_by("recipient__sort_order", "recipient_id", "created_at", "id")
    )


def valid_certificates_with_files(user, decision):
    """The valid, rendered certificates of the decision's lines in force the user sees."""
    return (
        certificates_visible_to(user)
        .filter(
            recipient__decision=decision,
            recipient__revoked_at__isnull=True,
            state=CertificateState.VALID,
        )
        .exclude(file="")
        .select_related("recipient__individual", "recipient__unit")
        .order_by("recipient__sort_order", "recipient_id", "id")
    )


def ceremonies_of(decision):
    """The decision's award ceremonies, the latest first, with how many lines each covered."""
    return decision.ceremonies.annotate(line_count=Count("lines")).order_by("-held_at", "-id")


def ceremonies_visible_to(user):
    """Ceremonies of the decisions the user sees (their photos are private)."""
    return Ceremony.objects.filter(decision__in=decisions_visible_to(user))


# --- Forwarding to the central level (khen cao) ---------------------------------------------


def central_award_types(day: datetime.date):
    """The titles and forms only the central level decides on ``day``: some row of the
    authority table in force that day names them, and every such row is central (no
    issuer level).  The one definition of "central": :func:`is_central` asks it too."""
    in_force = AwardAuthority.objects.in_force_on(day)
    local = in_force.exclude(issuer_level="").values("award_type_id")
    central = in_force.filter(issuer_level="").values("award_type_id")
    return AwardType.objects.filter(pk__in=central).exclude(pk__in=local)


def is_central(award_type, day: datetime.date) -> bool:
    """Whether ``award_type`` is decided at the central level (Thủ tướng Chính phủ, Chủ tịch
    nước) on ``day``, so the province forwards it rather than deciding it."""
    return central_award_types(day).filter(pk=award_type.pk).exists()


def central_submissions_visible_to(user):
    """Provincial staff see every submission; nobody else sees any (their pages 404)."""
    if not user.is_authenticated or not rules.can_manage_central_submissions(user):
        return CentralSubmission.objects.none()
    return CentralSubmission.objects.all()


def central_submission_list_for(user):
    """Visible submissions, newest first, with how many nominations each carries and
    how many were awarded."""
    return (
        central_submissions_visible_to(user)
        .select_related("issuer")
        .annotate(
            line_count=Count("lines"),
            awarded_count=Count("lines", filter=Q(lines__outcome=CentralOutcome.AWARDED)),
        )
        .order_by(F("letter_date").desc(nulls_first=True), "-id")
    )


def pending_central_lines():
    """Lines still waiting for a result: a nomination is on one of them at most."""
    return CentralSubmissionLine.objects.filter(outcome=CentralOutcome.PENDING)


def nominations_ready_for_central(user, day: datetime.date):
    """Approved nominations the user sees, of forms only the central level decides on
    ``day``, that no submission carries yet (or carries and still waits on)."""
    held = pending_central_lines().values("nomination_id")
    return (
        nominations_visible_to(user)
        .filter(state=NominationState.APPROVED, award_type__in=central_award_types(day))
        .exclude(pk__in=held)
    )


def central_lines_of(submission):
    """A submission's lines in order, with what the pages, the list and the PDF print."""
    return (
        submission.lines.select_related(
            "nomination__individual__unit__parent",
            "nomination__unit__parent",
            "nomination__award_type",
            "nomination__nominating_unit",
            "result",
        )
        .prefetch_related("nomination__files")
        .order_by("sort_order", "id")
    )


def central_lines_for_nomination(nomination):
    """The submissions that carried ``nomination`` once sent (drafts are the staff's own
    work in progress), oldest first: what the nomination's page tells its officers."""
    return (
        nomination.central_lines.exclude(submission__state=SubmissionState.DRAFT)
        .select_related("submission", "result")
        .order_by("submission__letter_date", "id")
    )


def latest_central_package(submission):
    return (
        CentralPackage.objects.filter(submission=submission).order_by("-created_at", "-id").first()
    )


def central_package_is_active(package) -> bool:
    return package is not None and package.is_unfinished and not package.is_stale()


# --- Levels of the route and proposal letters (trình cấp trên) ------------------------------


def stages_of(nomination):
    """The levels ``nomination`` passed, in order, with who acted and the letter."""
    return nomination.stages.select_related("unit", "decided_by", "letter").order_by(
        "entered_at", "id"
    )


def proposal_letters_visible_to(user):
    """Staff and council see every letter; a unit's people see the letters of their units
    (and the units below) and those that forwarded a nomination they see."""
    if not user.is_authenticated:
        return ProposalLetter.objects.none()
    if _sees_everything(user):
        return ProposalLetter.objects.all()
    paths = officer_unit_paths(user)
    if not paths:
        return ProposalLetter.objects.none()
    forwarded = NominationStage.objects.filter(
        letter=OuterRef("pk"), nomination__in=nominations_visible_to(user)
    )
    return ProposalLetter.objects.filter(
        under_paths_q(paths, "issuer__path") | Q(Exists(forwarded))
    )


def forwardable_nominations(user, ids):
    """The ticked nominations among those the user sees, with what the forwarding page
    shows of each (the service refuses those the user may not forward)."""
    return (
        nominations_visible_to(user)
        .filter(pk__in=ids or [])
        .select_related("individual", "unit", "award_type", "nominating_unit", "reviewing_unit")
        .order_by("pk")
    )


def consultation_lines(submission):
    """The list a consultation publishes: name, unit and summary are all its page prints."""
    return submission.lines.select_related(
        "nomination__individual__unit", "nomination__unit__parent", "nomination__award_type"
    ).order_by("sort_order", "id")


def public_comments(consultation):
    """The comments the staff published, oldest first, with their answers."""
    return consultation.comments.filter(state=CommentState.PUBLISHED).order_by("created_at", "id")


def consultation_comments(consultation):
    """Every comment, for the staff, oldest first."""
    return consultation.comments.order_by("created_at", "id")


# --- What the public honour board may show (the ``honours`` app reads these) -------


def _shown_on_board(prefix: str) -> Q:
    """Neither the subject, nor a person's unit, is hidden from the public board."""
    no_person = Q(**{f"{prefix}individual__isnull": True})
    no_unit = Q(**{f"{prefix}unit__isnull": True})
    return (
        (no_person | Q(**{f"{prefix}individual__hidden_from_public": False}))
        & (no_person | Q(**{f"{prefix}individual__unit__hidden_from_public": False}))
        & (no_unit | Q(**{f"{prefix}unit__hidden_from_public": False}))
    )


def publicly_honoured_lines():
    """Lines in force of issued decisions (the province's and the units' own) whose
    subject may be shown: a revoked decision or line is not one, nor is a draft."""
    return Recipient.objects.filter(
        _shown_on_board(""), decision__state=DecisionState.ISSUED, revoked_at__isnull=True
    )


def publicly_honoured_central():
    """Central awards recorded for forwarded nominations whose subject may be shown
    (lines still waiting for the central level are not)."""
    return CentralSubmissionLine.objects.filter(
        _shown_on_board("nomination__"), outcome=CentralOutcome.AWARDED, result__isnull=False
    )


def public_award_lines():
    """The public honour board's lines (issued, in force, nobody hidden) with what the
    API's public list shows of them, as the certificates' verification page does."""
    return publicly_honoured_lines().select_related(
        "individual", "unit", "decision__issuer", "decision__award_type", "decision__campaign"
    )
