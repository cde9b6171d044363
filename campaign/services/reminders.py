"""Which reminders a rule owes today, and writing them to the outbox exactly once.

Each rule kind answers "who is due a reminder about what, for which period":

* before a deadline, a review date or a reporting round's due date, the period
  is the date and the nearest offset already reached ("deadline:2026-12-09/2"),
  so the 7-day and the 2-day reminders are two periods, and a day the server was
  down is caught up the next day instead of being missed;
* after an event (a return, a submission), the period is the moment of the
  event and the largest offset elapsed ("returned:2026-11-20T10:05/3"), so a
  nomination returned a second time is reminded about afresh.  Elapsed time is
  measured to the minute: "3 days" means 72 hours, the same for the first
  offset and the later ones and for the "{{ so_ngay_cho }}" in the wording.

A wording is rendered with :func:`campaign.models.reminders.render_wording` and plain
values only (names, dates as text, numbers), never model objects.

:func:`compose_reminders` writes one :class:`Reminder` (and its in-app
notification) per due (rule, recipient, object, period) that has none yet,
under a lock on the rule and a unique constraint: beat firing twice, two
workers, or a task redelivered after a crash add nothing the second time.
Emails are queued after the commit; rows the broker never received are picked
up by the outbox sweep (:mod:`campaign.services.outbox`).

:func:`compose_reminders` is the system's path (beat, the demo): it acts for
nobody and checks no permission.  What staff do by hand (send now, retry a
failed email) goes through :mod:`campaign.services.reminder_admin`, which
checks :mod:`campaign.rules` under the same locks and raises
:class:`ReminderError`.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import NominationState
from awards.models import Nomination
from common.models import EmailMode, Notification, email_modes
from common.reminders import finder_for
from common.site import absolute_url
from common.templatetags.vn import person_name, vndate
from common.text import nfc
from units.models import OfficerMembership, Unit
from units.selectors import staff_leads, staff_users

from ..enums import CampaignStatus, ReminderChannel, ReminderKind, ReminderState
from ..models import Campaign, ProgressReport, Registration, Reminder, ReminderRule, ReportingRound
from ..models.reminders import render_wording
from .outbox import enqueue_delivery_on_commit

#: a unit that has a nomination in one of these states has "submitted" for the campaign
SUBMITTED_STATES = (
    NominationState.SUBMITTED,
    NominationState.IN_REVIEW,
    NominationState.APPROVED,
    NominationState.REJECTED,
    NominationState.AWARDED,
)
#: a nomination in one of these states waits for the staff
WAITING_STATES = (NominationState.SUBMITTED, NominationState.IN_REVIEW)


class ReminderError(Exception):
    """A reminder action that cannot be done; the message is shown to the user as is."""


@dataclass
class Due:
    """One reminder a rule owes: to whom, about what, for which period, and the plain
    values of its kind's own placeholders (``context``)."""

    recipient: object
    object_key: str
    period: str
    url: str
    context: dict = field(default_factory=dict)
    campaign: Campaign | None = None
    unit: Unit | None = None
    nomination: Nomination | None = None

    @property
    def key(self) -> tuple:
        return (self.recipient.pk, self.object_key, self.period)


# --- Offsets -------------------------------------------------------------------------


def offset_before(days_left: int, offsets: list[int]) -> int | None:
    """The nearest offset already reached before a date, or None outside the window.

    With offsets 7 and 2: 9 days left -> None; 7..3 -> 7; 2..0 -> 2; past -> None.
    """
    if days_left < 0:
        return None
    reached = [o for o in offsets if days_left <= o]
    return min(reached) if reached else None


def offset_after(elapsed: float, offsets: list[int]) -> int | None:
    """The largest offset elapsed since an event, or None before the first."""
    passed = [o for o in offsets if elapsed >= o]
    return max(passed) if passed else None


# --- Audiences -----------------------------------------------------------------------


def acting_paths(user_ids) -> dict[int, list[str]]:
    """The unit paths each active user actively acts for (an officer acts for the units
    below his own too), in one query."""
    result: dict[int, list[str]] = {}
    memberships = OfficerMembership.objects.filter(
        user_id__in=user_ids, is_active=True, user__is_active=True
    ).values_list("user_id", "unit__path")
    for user_id, path in memberships:
        result.setdefault(user_id, []).append(path)
    return result


def officers_by_unit(unit_ids) -> dict[int, list]:
    """Active officers (active accounts) of each unit, in one query."""
    result: dict[int, list] = {}
    memberships = (
        OfficerMembership.objects.filter(unit_id__in=unit_ids, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("unit_id", "user_id")
    )
    for membership in memberships:
        result.setdefault(membership.unit_id, []).append(membership.user)
    return result


def participating_units(campaign: Campaign, day: datetime.date):
    """The units a campaign addresses: its participants, or every active unit."""
    units = Unit.objects.active_on(day)
    if campaign.participants.exists():
        units = units.filter(campaigns=campaign)
    return units.order_by("path")


# --- Due reminders per kind --------------------------------------------------------------


def _launched_campaigns():
    return Campaign.objects.filter(status=CampaignStatus.LAUNCHED).select_related("issuing_unit")


def _unit_reminders(rule, campaign, units, *, date, label, today, extra=None):
    """One Due per officer of each unit, ``date`` being the deadline or review date."""
    offset = offset_before((date - today).days, rule.offset_list)
    if offset is None:
        return
    units = list(units)
    officers = officers_by_unit([u.pk for u in units])
    url = reverse("campaign:campaign_detail", args=[campaign.pk])
    for unit in units:
        for user in officers.get(unit.pk, ()):
            yield Due(
                recipient=user,
                object_key=f"campaign:{campaign.pk}/unit:{unit.pk}",
                period=f"{label}:{date.isoformat()}/{offset}",
                url=url,
                campaign=campaign,
                unit=unit,
                context={
                    "han_chot": vndate(date),
                    "so_ngay_con_lai": (date - today).days,
                    **(extra or {}),
                },
            )


def _nomination_deadline(rule, now):
    today = timezone.localdate(now)
    for campaign in _launched_campaigns().filter(nomination_deadline__isnull=False):
        done = Nomination.objects.filter(campaign=campaign, state__in=SUBMITTED_STATES).values(
            "nominating_unit"
        )
        units = participating_units(campaign, today).exclude(pk__in=done)
        yield from _unit_reminders(
            rule,
            campaign,
            units,
            date=campaign.nomination_deadline,
            label="nomination",
            today=today,
        )


def _registration_deadline(rule, now):
    today = timezone.localdate(now)
    campaigns = _launched_campaigns().filter(
        registration_required=True, registration_deadline__isnull=False
    )
    for campaign in campaigns:
        registered = Registration.objects.filter(campaign=campaign).values("unit")
        units = participating_units(campaign, today).exclude(pk__in=registered)
        yield from _unit_reminders(
            rule,
            campaign,
            units,
            date=campaign.registration_deadline,
            label="registration",
            today=today,
        )


def _review_report(rule, now):
    today = timezone.localdate(now)
    for campaign in _launched_campaigns().filter(
        Q(interim_review_date__isnull=False) | Q(final_review_date__isnull=False)
    ):
        reviews = (
            ("interim", campaign.interim_review_date, _("sơ kết")),
            ("final", campaign.final_review_date, _("tổng kết")),
        )
        for label, date, review_label in reviews:
            # Checked here as well as in _unit_reminders: participating_units() queries.
            if date is None or offset_before((date - today).days, rule.offset_list) is None:
                continue
            yield from _unit_reminders(
                rule,
                campaign,
                participating_units(campaign, today),
                date=date,
                label=label,
                today=today,
                extra={"ky_bao_cao": review_label},
            )


def _progress_report(rule, now):
    """Officers of the participating units with no report in an open round (not locked,
    its campaign launched), before its due date; one period per round and offset."""
    today = timezone.localdate(now)
    rounds = ReportingRound.objects.filter(
        locked_at__isnull=True,
        campaign__status=CampaignStatus.LAUNCHED,
        due_date__gte=today,
    ).select_related("campaign__issuing_unit")
    for round_ in rounds.order_by("due_date", "pk"):
        if offset_before((round_.due_date - today).days, rule.offset_list) is None:
            continue
        reported = ProgressReport.objects.filter(round=round_).values("unit")
        units = (
            participating_units(round_.campaign, today)
            .exclude(pk__in=reported)
            .exclude(pk=round_.campaign.issuing_unit_id)
        )
        yield from _unit_reminders(
            rule,
            round_.campaign,
            units,
            date=round_.due_date,
            label=f"round-{round_.pk}",
            today=today,
            extra={"dot_bao_cao": round_.title},
        )


def _nominations(**filters):
    return (
        Nomination.objects.filter(**filters)
        .select_related(
            "campaign", "nominating_unit", "individual", "unit", "award_type", "created_by"
        )
        .order_by("pk")
    )


def _elapsed_days(since: datetime.datetime, now: datetime.datetime) -> float:
    return (now - since) / datetime.timedelta(days=1)


def _returned_nomination(rule, now):
    earliest = now - datetime.timedelta(days=min(rule.offset_list))
    nominations = list(_nominations(state=NominationState.RETURNED, state_changed_at__lte=earliest))
    officers = officers_by_unit({n.nominating_unit_id for n in nominations})
    # The creator hears too, while he still acts for the unit (from it or from above).
    creators = acting_paths({n.created_by_id for n in nominations if n.created_by_id})
    for nomination in nominations:
        elapsed = _elapsed_days(nomination.state_changed_at, now)
        offset = offset_after(elapsed, rule.offset_list)
        if offset is None:
            continue
        users = {u.pk: u for u in officers.get(nomination.nominating_unit_id, ())}
        unit_path = nomination.nominating_unit.path
        if any(unit_path.startswith(p) for p in creators.get(nomination.created_by_id, ())):
            users.setdefault(nomination.created_by_id, nomination.created_by)
        for user in users.values():
            yield Due(
                recipient=user,
                object_key=f"nomination:{nomination.pk}",
                period=f"returned:{_moment(nomination.state_changed_at)}/{offset}",
                url=reverse("awards:nomination_detail", args=[nomination.pk]),
                campaign=nomination.campaign,
                unit=nomination.nominating_unit,
                nomination=nomination,
                context={"so_ngay_cho": int(elapsed)},
            )


def _waiting_for_staff(rule, now, *, fast_track: bool):
    in_hours = fast_track
    smallest = min(rule.offset_list)
    earliest = now - (
        datetime.timedelta(hours=smallest) if in_hours else datetime.timedelta(days=smallest)
    )
    filters = {"state__in": WAITING_STATES, "submitted_at__lte": earliest}
    if fast_track:
        filters["is_fast_track"] = True
    nominations = list(_nominations(**filters))
    if not nominations:
        return
    audience = staff_leads() if fast_track else list(staff_users())
    label = "fasttrack" if fast_track else "waiting"
    for nomination in nominations:
        hours = (now - nomination.submitted_at).total_seconds() / 3600
        offset = offset_after(hours if in_hours else hours / 24, rule.offset_list)
        if offset is None:
            continue
        for user in audience:
            yield Due(
                recipient=user,
                object_key=f"nomination:{nomination.pk}",
                period=f"{label}:{_moment(nomination.submitted_at)}/{offset}",
                url=reverse("awards:nomination_detail", args=[nomination.pk]),
                campaign=nomination.campaign,
                unit=nomination.nominating_unit,
                nomination=nomination,
                context={"so_gio_cho": int(hours), "so_ngay_cho": int(hours // 24)},
            )


def _moment(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


FINDERS = {
    ReminderKind.NOMINATION_DEADLINE: _nomination_deadline,
    ReminderKind.REGISTRATION_DEADLINE: _registration_deadline,
    ReminderKind.REVIEW_REPORT: _review_report,
    ReminderKind.PROGRESS_REPORT: _progress_report,
    ReminderKind.RETURNED_NOMINATION: _returned_nomination,
    ReminderKind.SUBMITTED_WAITING: lambda rule, now: _waiting_for_staff(
        rule, now, fast_track=False
    ),
    ReminderKind.FAST_TRACK_ESCALATION: lambda rule, now: _waiting_for_staff(
        rule, now, fast_track=True
    ),
}


def due_reminders(rule: ReminderRule, now: datetime.datetime | None = None) -> Iterator[Due]:
    """Everything ``rule`` owes at ``now``, whether or not it was already sent.  A kind
    of another app (``common.reminders``) is asked through the finder it registered."""
    now = now or timezone.now()
    kind = ReminderKind(rule.kind)
    if kind in FINDERS:
        return FINDERS[kind](rule, now)
    return _external(rule, now)


def _external(rule, now) -> Iterator[Due]:
    finder = finder_for(rule.kind)
    if finder is None:
        return
    for due in finder(rule, now):
        yield Due(
            recipient=due.recipient,
            object_key=due.object_key,
            period=due.period,
            url=due.url,
            context=dict(due.context),
        )


# --- Wording -----------------------------------------------------------------------------


def placeholder_values(due: Due) -> dict:
    """The plain values a reminder's wording may print: text and numbers only."""
    return {
        "nguoi_nhan": person_name(due.recipient),
        "don_vi": due.unit.name if due.unit else "",
        "phong_trao": due.campaign.title if due.campaign else "",
        "so_ke_hoach": due.campaign.plan_reference if due.campaign else "",
        "duong_dan": absolute_url(due.url),
        "ho_so": str(due.nomination) if due.nomination else "",
        **due.context,
    }


@dataclass
class Wording:
    """A rule's subject and body, rendered per reminder with its kind's placeholders."""

    subject: str
    body: str
    allowed: tuple[str, ...]

    @classmethod
    def of(cls, rule: ReminderRule) -> "Wording":
        return cls(subject=rule.subject, body=rule.body, allowed=rule.kind_enum.placeholders)

    def render(self, due: Due) -> tuple[str, str, str]:
        """(subject, plain text, HTML) for one reminder."""
        values = {
            name: value for name, value in placeholder_values(due).items() if name in self.allowed
        }
        # Plain text: no HTML escaping; the HTML version escapes in its template.  NFC,
        # whatever form names were typed in, as Vietnamese text is stored and printed.
        subject = nfc(" ".join(render_wording(self.subject, values).split()))
        text = nfc(render_wording(self.body, values).strip())
        html = render_to_string(
            "campaign/emails/reminder.html",
            {"subject": subject, "text": text, "url": values["duong_dan"]},
        )
        return subject[:255], text, html


# --- Composing ------------------------------------------------------------------------------


@dataclass
class Composed:
    created: list[Reminder]
    already_sent: int

    @property
    def emails(self) -> list[int]:
        return [r.pk for r in self.created if r.channel == ReminderChannel.EMAIL]


def channel_for(rule: ReminderRule, user, mode: str) -> str:
    if not user.email:
        return ReminderChannel.IN_APP
    if rule.kind_enum.is_deadline_chaser or mode == EmailMode.IMMEDIATE:
        return ReminderChannel.EMAIL
    return ReminderChannel.DIGEST if mode == EmailMode.DIGEST else ReminderChannel.IN_APP


def preview(rule: ReminderRule, now=None) -> tuple[list[tuple[Due, tuple[str, str, str]]], int]:
    """What running ``rule`` now would send, without writing anything: (new, already sent)."""
    dues = list(due_reminders(rule, now))
    new = _not_yet_written(rule, dues)
    wording = Wording.of(rule)
    return [(due, wording.render(due)) for due in new], len(dues) - len(new)


def _not_yet_written(rule, dues) -> list[Due]:
    """The dues with no reminder yet, each key once."""
    seen = _existing_keys(rule, dues)
    new = []
    for due in dues:
        if due.key not in seen:
            seen.add(due.key)
            new.append(due)
    return new


def _existing_keys(rule, dues) -> set[tuple]:
    periods = {due.period for due in dues}
    if not periods:
        return set()
    return set(
        Reminder.objects.filter(rule=rule, period__in=periods).values_list(
            "recipient_id", "object_key", "period"
        )
    )


def compose_reminders(rule: ReminderRule, *, now=None) -> Composed:
    """Write the reminders ``rule`` owes and has not yet written; queue their emails.

    The scheduled path: beat runs it for nobody, so it takes no user and checks
    no permission (staff go through ``reminder_admin.send_reminders_now``).
    Safe to run twice at once: the second waits for the first's lock on the
    rule, then finds every reminder already written.
    """
    now = now or timezone.now()
    with transaction.atomic():
        rule = ReminderRule.objects.select_for_update().get(pk=rule.pk)
        dues = list(due_reminders(rule, now))
        new = _not_yet_written(rule, dues)
        created = _write(rule, new, now)
        ReminderRule.objects.filter(pk=rule.pk).update(last_run_at=now)
        composed = Composed(created=created, already_sent=len(dues) - len(new))
        emails = composed.emails
        if emails:
            enqueue_delivery_on_commit(emails)
    return composed


def _write(rule, dues, now) -> list[Reminder]:
    if not dues:
        return []
    wording = Wording.of(rule)
    modes = email_modes({due.recipient.pk for due in dues})
    rendered = [wording.render(due) for due in dues]
    channels = [channel_for(rule, due.recipient, modes[due.recipient.pk]) for due in dues]
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=due.recipient,
                title=subject,
                body=text,
                url=due.url,
                in_digest=channel == ReminderChannel.DIGEST,
            )
            for due, (subject, text, _html), channel in zip(dues, rendered, channels, strict=True)
        ],
        batch_size=500,
    )
    reminders = [
        Reminder(
            rule=rule,
            recipient=due.recipient,
            object_key=due.object_key,
            period=due.period,
            campaign=due.campaign,
            unit=due.unit,
            nomination=due.nomination,
            channel=channel,
            subject=subject,
            body_text=text,
            body_html=html,
            url=due.url,
            notification=notification,
            created_at=now,
            available_at=now,
            # The bell has it now; a digest copy is the digest's to send.
            state=ReminderState.PENDING if channel == ReminderChannel.EMAIL else ReminderState.SENT,
            sent_at=None if channel == ReminderChannel.EMAIL else now,
        )
        for due, (subject, text, html), channel, notification in zip(
            dues, rendered, channels, notifications, strict=True
        )
    ]
    return Reminder.objects.bulk_create(reminders, batch_size=500)
