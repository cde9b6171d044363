"""Reads of the campaign app: which rows a user may see, and what the pages show of them.

Every list, detail and download view takes its rows from a ``*_visible_to(user)``
selector here; a row outside it is a 404.  Aggregates (counts per rule, a
batch's progress) are computed here too, in a fixed number of queries.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from awards.models import Nomination
from common.enums import JobState
from units.models import Unit
from units.rules import is_council_member, is_emulation_staff, officer_unit_paths, under_paths_q

from . import rules
from .enums import CampaignStatus, ReminderState
from .models import (
    Campaign,
    CampaignReview,
    LaunchDelivery,
    LaunchRun,
    Notice,
    NoticeBatch,
    ProgressReport,
    Registration,
    RegistrationTarget,
    Reminder,
    ReminderRule,
    ReportAttachment,
    ReportFigure,
    ReportingRound,
)

# --- Campaigns and registrations -------------------------------------------------------------


def campaigns_visible_to(user):
    """Staff and council see every campaign; officers the launched or closed
    campaigns that address one of their units (or address everyone)."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    if is_emulation_staff(user) or is_council_member(user):
        return Campaign.objects.all()
    own = Unit.objects.filter(officers__user=user, officers__is_active=True)
    return (
        Campaign.objects.exclude(status=CampaignStatus.DRAFT)
        .annotate(participant_count=Count("participants", distinct=True))
        .filter(Q(participant_count=0) | Q(participants__in=own))
        .distinct()
    )


def campaign_list(user):
    """The campaign list's rows: newest first, with what a row prints."""
    return (
        campaigns_visible_to(user)
        .select_related("issuing_unit")
        .defer("purpose", "content", "slogan", "content_items")
        .order_by("-start_date", "-id")
    )


def registrable_units(user, campaign):
    """The officer's units that may register for ``campaign``."""
    units = Unit.objects.filter(under_paths_q(officer_unit_paths(user)))
    if campaign.participants.exists():
        units = units.filter(campaigns=campaign)
    return units


def registrations_of(user, campaign):
    """The registrations for ``campaign`` of the units the user may register."""
    return (
        Registration.objects.filter(campaign=campaign, unit__in=registrable_units(user, campaign))
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "target_values",
                queryset=RegistrationTarget.objects.select_related("indicator"),
            )
        )
    )


def indicators_of(campaign):
    return campaign.indicators.order_by("position", "id")


@dataclass
class TargetRow:
    unit: object
    registration: object
    #: one value (or None) per indicator, in the indicators' order
    values: list


def targets_table(campaign):
    """``(indicators, rows, totals)``: every registration of the campaign by unit path, its
    value for each indicator, and the sum of each indicator's targets.  Three queries."""
    indicators = list(indicators_of(campaign))
    registrations = (
        Registration.objects.filter(campaign=campaign)
        .select_related("unit")
        .prefetch_related("target_values")
        .order_by("unit__path")
    )
    rows, totals = [], [Decimal(0)] * len(indicators)
    for registration in registrations:
        by_indicator = {t.indicator_id: t.value for t in registration.target_values.all()}
        values = [by_indicator.get(indicator.pk) for indicator in indicators]
        for index, value in enumerate(values):
            if value is not None:
                totals[index] += value
        rows.append(TargetRow(registration.unit, registration, values))
    return indicators, rows, totals


# --- Reporting rounds and progress reports ---------------------------------------------------


def rounds_visible_to(user):
    """Rounds of the campaigns the user sees."""
    return ReportingRound.objects.filter(campaign__in=campaigns_visible_to(user).values("pk"))


def rounds_of(campaign):
    """The campaign's rounds, the latest period first, with how many units reported."""
    return campaign.rounds.annotate(report_count=Count("reports")).order_by("-period_end", "-id")


def participants_on(campaign, day):
    """The units a campaign addresses on ``day``: its participants, or every unit in force."""
    units = Unit.objects.active_on(day)
    if campaign.participants.exists():
        units = units.filter(campaigns=campaign)
    return units.order_by("path")


def reportable_units(user, round_, day):
    """The units the user acts for (his own and those below) that take part in the round's
    campaign, in tree order."""
    return participants_on(round_.campaign, day).filter(under_paths_q(officer_unit_paths(user)))


def round_status(round_, day):
    """``(reported, missing)``: the reports of the round by unit path, and the participating
    units with none (the launching unit reports to itself: left out).  Two queries, three
    with participants."""
    reports = list(round_.reports.select_related("unit", "submitted_by").order_by("unit__path"))
    done = {report.unit_id for report in reports}
    missing = [
        unit
        for unit in participants_on(round_.campaign, day).exclude(
            pk=round_.campaign.issuing_unit_id
        )
        if unit.pk not in done
    ]
    return reports, missing


@dataclass
class BranchLine:
    indicator: object
    #: the sum of the figures reported in the round by the branch's units (None: none)
    figure: Decimal | None
    #: the sum of the targets the branch's units registered (None: none)
    target: Decimal | None

    @property
    def percent(self) -> int | None:
        if self.figure is None or not self.target:
            return None
        return int(self.figure * 100 / self.target)


def branch_totals(round_, unit) -> list[BranchLine]:
    """Each indicator of the round's campaign with the figures of ``unit`` and every unit
    below it summed, against the targets they registered.  Three queries, whatever the
    size of the branch."""
    indicators = list(indicators_of(round_.campaign))
    figures = dict(
        ReportFigure.objects.filter(report__round=round_, report__unit__path__startswith=unit.path)
        .values("indicator")
        .annotate(total=Sum("value"))
        .values_list("indicator", "total")
    )
    targets = dict(
        RegistrationTarget.objects.filter(
            registration__campaign_id=round_.campaign_id,
            registration__unit__path__startswith=unit.path,
        )
        .values("indicator")
        .annotate(total=Sum("value"))
        .values_list("indicator", "total")
    )
    return [BranchLine(i, figures.get(i.pk), targets.get(i.pk)) for i in indicators]


@dataclass
class BranchRollup:
    """A row of a review's indicator tables: a branch (or the root's own units) with,
    per indicator id, the targets its units registered and the figures they reported."""

    label: str
    targets: dict
    figures: dict


def branch_rollup(round_, root, day, among=None) -> list[BranchRollup]:
    """One row per unit one level below ``root`` in force on ``day`` (by tree order),
    each with its whole subtree summed, and a row for ``root`` itself when its own
    figures or targets are not nil.  With ``among`` (the paths of the units taking
    part), a branch with no such unit and no figure or target is left out.  Three
    queries, whatever the size of the tree: the figures and the targets grouped by
    unit path, and the branches."""
    figures = (
        ReportFigure.objects.filter(report__round=round_, report__unit__path__startswith=root.path)
        .values("report__unit__path", "indicator")
        .annotate(total=Sum("value"))
        .values_list("report__unit__path", "indicator", "total")
        .order_by()
    )
    targets = (
        RegistrationTarget.objects.filter(
            registration__campaign_id=round_.campaign_id,
            registration__unit__path__startswith=root.path,
        )
        .values("registration__unit__path", "indicator")
        .annotate(total=Sum("value"))
        .values_list("registration__unit__path", "indicator", "total")
        .order_by()
    )
    branches = list(Unit.objects.active_on(day).filter(parent=root).order_by("path"))
    own = BranchRollup(root.name, {}, {})
    rows = {branch.path: BranchRollup(branch.name, {}, {}) for branch in branches}

    def bucket(path):
        for branch in branches:
            if path.startswith(branch.path):
                return rows[branch.path]
        return own  # the root itself, or a unit under it no longer in force

    for values, attribute in ((figures, "figures"), (targets, "targets")):
        for path, indicator, total in values:
            sums = getattr(bucket(path), attribute)
            sums[indicator] = sums.get(indicator, Decimal(0)) + total
    result = [
        row
        for path, row in rows.items()
        if among is None
        or row.figures
        or row.targets
        or any(unit.startswith(path) for unit in among)
    ]
    if own.figures or own.targets:
        result.append(own)
    return result


def report_of(round_, unit):
    """``unit``'s report in the round with its figures and files, or None."""
    return (
        ProgressReport.objects.filter(round=round_, unit=unit)
        .prefetch_related("figures", "attachments")
        .first()
    )


def report_attachments_visible_to(user):
    """Attachments of the reports the user may read (the staff: all; an officer: those of
    the units he acts for and below)."""
    if rules.can_manage_campaigns(user):
        return ReportAttachment.objects.all()
    return ReportAttachment.objects.filter(
        under_paths_q(officer_unit_paths(user), "report__unit__path")
    )


def round_export_rows(round_, day):
    """``(indicators, rows)`` of a round's Excel file: every participating unit in tree
    order (the launching unit left out) with its report or None, and each report's
    figures by indicator id.  Four queries, whatever the number of units."""
    indicators = list(indicators_of(round_.campaign))
    reports = {
        report.unit_id: report
        for report in round_.reports.prefetch_related("figures").order_by("unit__path")
    }
    units = participants_on(round_.campaign, day).exclude(pk=round_.campaign.issuing_unit_id)
    rows = []
    for unit in units:
        report = reports.get(unit.pk)
        figures = {f.indicator_id: f.value for f in report.figures.all()} if report else {}
        rows.append((unit, report, figures))
    return indicators, rows


# --- Reviews (sơ kết, tổng kết) ----------------------------------------------------------------


def reviews_visible_to(user):
    """The staff see every review; whoever else sees the campaign sees its finished
    reports (the province's report, read only)."""
    if not user.is_authenticated:
        return CampaignReview.objects.none()
    if rules.can_manage_campaigns(user):
        return CampaignReview.objects.all()
    return CampaignReview.objects.filter(
        campaign__in=campaigns_visible_to(user).values("pk"), state=JobState.DONE
    )


def reviews_of(user, campaign):
    """The campaign's reviews the user sees, the latest period first."""
    return (
        reviews_visible_to(user)
        .filter(campaign=campaign)
        .select_related("opened_by")
        .defer("content")
        .order_by("-period_end", "-id")
    )


def nominations_since_review(review):
    """The campaign's nominations created since the review was opened, newest first."""
    return (
        Nomination.objects.filter(campaign=review.campaign, created_at__gte=review.created_at)
        .select_related("award_type", "individual", "unit", "nominating_unit")
        .order_by("-created_at", "-id")
    )


# --- Launches ----------------------------------------------------------------------------------


def launch_runs_visible_to(user):
    """Launch runs of the campaigns the user sees."""
    return LaunchRun.objects.filter(campaign__in=campaigns_visible_to(user).values("pk"))


def launch_runs_of(campaign):
    """The campaign's launch runs, newest first."""
    return campaign.launch_runs.select_related("created_by").order_by("-created_at", "-id")


def deliveries_of_run(run):
    """The units a run tells, in tree order."""
    return LaunchDelivery.objects.filter(run=run).select_related("unit").order_by("unit__path")


# --- Reminders ---------------------------------------------------------------------------------


def reminders_visible_to(user):
    """The reminder log, newest first: the staff's; nobody else's."""
    if not rules.can_manage_reminders(user):
        return Reminder.objects.none()
    return (
        Reminder.objects.select_related("rule", "recipient", "campaign", "unit")
        .defer("body_html")
        .order_by("-created_at", "-id")
    )


def reminder_rules_visible_to(user):
    """The reminder rules: the staff's; nobody else's."""
    if not rules.can_manage_reminders(user):
        return ReminderRule.objects.none()
    return ReminderRule.objects.select_related("schedule")


def reminder_rules_with_counts(user):
    """Every rule the user sees with what it has produced (``sent_count``,
    ``pending_count``, ``failed_count``), by kind and name."""
    return (
        reminder_rules_visible_to(user)
        .annotate(
            sent_count=Count("reminders", filter=Q(reminders__state=ReminderState.SENT)),
            pending_count=Count(
                "reminders",
                filter=Q(reminders__state__in=[ReminderState.PENDING, ReminderState.SENDING]),
            ),
            failed_count=Count("reminders", filter=Q(reminders__state=ReminderState.FAILED)),
        )
        .order_by("kind", "name")
    )


# --- Notices (công văn đôn đốc) ------------------------------------------------------------


def notice_batches_visible_to(user):
    if not rules.can_manage_notices(user):
        return NoticeBatch.objects.none()
    return NoticeBatch.objects.select_related("campaign", "issuer", "created_by")


def notices_visible_to(user):
    if not rules.can_manage_notices(user):
        return Notice.objects.none()
    return Notice.objects.select_related("unit")


def notice_batches_of(campaign):
    """The batches made for ``campaign``, newest first."""
    return campaign.notice_batches.select_related("issuer", "created_by").order_by(
        "-created_at", "-id"
    )


def notices_of_batch(batch):
    """The notices of a batch in unit order, as its progress partial lists them."""
    return batch.notices.select_related("unit").order_by("unit__path", "id")


def notice_issuers(campaign, today):
    """Bodies that issue documents (they have an issuer name), and the campaign's launcher."""
    active = Unit.objects.active_on(today).exclude(issuer_name="")
    return (active | Unit.objects.filter(pk=campaign.issuing_unit_id)).order_by("path")


def last_notice_signer(issuer, today) -> dict | None:
    """The symbol and signer of ``issuer``'s last batch of notices, if it made one: its
    listed signer while in force on ``today``, else the signature lines it typed."""
    last = (
        NoticeBatch.objects.filter(issuer=issuer)
        .select_related("signer")
        .order_by("-created_at", "-id")
        .first()
    )
    if last is None:
        return None
    if last.signer is not None:
        if not last.signer.is_in_force_on(today):
            return {"symbol": last.symbol}
        return {"symbol": last.symbol, "signer": last.signer_id}
    return {
        "symbol": last.symbol,
        "signer_authority": last.signer_authority,
        "signer_title": last.signer_title,
        "signer_name": last.signer_name,
    }
