"""Launching a campaign (phát động) to units of the tree, in the background.

:func:`units_to_launch` turns the staff's choice into units: every unit in force
under each chosen branch (the branch's head included), less every unit under an
excluded one.  :func:`launch_campaign` acts for a person (``by``) and checks
:func:`campaign.rules.can_launch_campaign` under the campaign's lock; it moves a
draft to LAUNCHED through :func:`campaign.services.campaigns.set_campaign_state`,
adds the units to the campaign's participants, writes one
:class:`~campaign.models.LaunchDelivery` for each unit not launched to before
(unique per campaign and unit) and a :class:`~campaign.models.LaunchRun` job, and
queues the task ``campaign.run_launch``.  A second launch to the same units
therefore sends nothing: it is refused with a :class:`CampaignError` when every
chosen unit was told already, and otherwise tells only the new ones.

:func:`run_launch` (the task's one call) renders the launch letter (công văn
phát động, Decree 30/2020, through ``common.pdf.engine``) once, under a file name
derived from the run, then notifies the active officers of each delivery's unit
not yet marked ``notified_at``, tied to the run's log entry so that a second
delivery of the task adds no second notification.  The row is the truth: a
DONE run is left alone, any other resumes from its rows; an error marks it
FAILED and is raised again; :func:`retry_launch` queues a failed or silent run.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.enums import JobState
from common.models import ActivityLog, log_activity
from common.notifications import notify
from common.pdf import engine
from common.pdf.letterhead import issuer_snapshot, letterhead, short_date
from common.pdf.storage import store
from common.pdf.stylesheet import allowed_roots, official_css
from common.services.jobs import beating
from common.templatetags.vn import vndate
from common.text import nfc
from units.models import Unit
from units.rules import under_paths_q

from .. import rules
from ..activity import LAUNCH_CREATE, LAUNCH_DONE, LAUNCH_RETRY
from ..enums import CampaignStatus
from ..models import Campaign, LaunchDelivery, LaunchRun
from ..tasks import run_launch as run_launch_task
from .campaigns import CampaignError, set_campaign_state
from .notices import NoticeError, campaign_reference, signature_texts

logger = logging.getLogger(__name__)

#: Deliveries marked notified between two progress updates.
PROGRESS_STEP = 20


def units_to_launch(branches, excluded, day):
    """The units in force on ``day`` under any of ``branches``, none under ``excluded``."""
    units = Unit.objects.active_on(day).filter(under_paths_q([b.path for b in branches]))
    if excluded:
        units = units.exclude(under_paths_q([e.path for e in excluded]))
    return units.order_by("path")


def launch_campaign(
    campaign,
    *,
    by,
    branches,
    excluded=(),
    date,
    symbol="UBND-TĐKT",
    number="",
    signer=None,
    signer_name="",
    signer_title="",
    signer_authority="",
) -> LaunchRun:
    """Launch ``campaign`` to the units of ``branches`` less ``excluded``; see the module."""
    with transaction.atomic():
        locked = (
            Campaign.objects.select_for_update().select_related("issuing_unit").get(pk=campaign.pk)
        )
        if not rules.can_launch_campaign(by, locked):
            raise CampaignError(_("Bạn không có quyền phát động phong trào này."))
        if locked.status != campaign.status:
            raise CampaignError(
                _("Phong trào vừa được người khác chuyển sang “%(state)s”. Vui lòng xem lại.")
                % {"state": locked.get_status_display()}
            )
        chosen = list(units_to_launch(branches, excluded, date))
        if not chosen:
            raise CampaignError(
                _("Không có đơn vị nào trong các nhánh đã chọn (sau khi loại trừ).")
            )
        told = set(LaunchDelivery.objects.filter(campaign=locked).values_list("unit_id", flat=True))
        new = [unit for unit in chosen if unit.pk not in told]
        if not new:
            raise CampaignError(
                _("Cả %(count)d đơn vị đã chọn đều đã được phát động trước đây: không gửi lại.")
                % {"count": len(chosen)}
            )
        issuer = locked.issuing_unit
        try:
            signed = signature_texts(
                issuer, date, signer, signer_name, signer_title, signer_authority
            )
        except NoticeError as error:  # the notices' wording, as a campaign refusal
            raise CampaignError(str(error)) from error
        place = nfc(issuer.place_name or "").strip()
        if not place:
            raise CampaignError(
                _("%(issuer)s chưa có địa danh ghi trên văn bản: vui lòng bổ sung trong danh mục.")
                % {"issuer": issuer.name}
            )
        if locked.status == CampaignStatus.DRAFT:
            set_campaign_state(locked, CampaignStatus.LAUNCHED, by=by)
        locked.participants.add(*new)
        run = LaunchRun.objects.create(
            campaign=locked,
            issuer=issuer,
            symbol=nfc(symbol.strip()) or "UBND-TĐKT",
            number=number.strip(),
            place=place,
            date=date,
            **signed,
            issuer_snapshot=issuer_snapshot(issuer),
            state=JobState.PENDING,
            total=len(new) + 1,
            done=0,
            created_by=by,
        )
        LaunchDelivery.objects.bulk_create(
            [LaunchDelivery(campaign=locked, unit=unit, run=run) for unit in new]
        )
        log_activity(
            run,
            LAUNCH_CREATE,
            actor=by,
            new_state=JobState.PENDING,
            note=_("Phát động tới %(count)d đơn vị.") % {"count": len(new)},
            data={"campaign": locked.pk, "units": [unit.pk for unit in new]},
        )
        run_launch_task.delay(run_id=run.pk)
    campaign.status = locked.status
    return run


def can_retry(run) -> bool:
    return run.state == JobState.FAILED or run.is_stale()


def retry_launch(run, *, by) -> LaunchRun:
    """Queue a failed (or silent) run again; it resumes where it stopped."""
    with transaction.atomic():
        locked = LaunchRun.objects.select_for_update().get(pk=run.pk)
        if not rules.can_retry_launch(by, locked):
            raise CampaignError(_("Bạn không có quyền chạy lại đợt phát động này."))
        if not can_retry(locked):
            raise CampaignError(_("Đợt phát động này không ở trạng thái lỗi: không cần chạy lại."))
        previous = locked.state
        locked.state = JobState.PENDING
        locked.error = ""
        locked.finished_at = None
        locked.save(update_fields=["state", "error", "finished_at", "updated_at"])
        log_activity(
            locked, LAUNCH_RETRY, actor=by, previous_state=previous, new_state=locked.state
        )
        run_launch_task.delay(run_id=locked.pk)
    return locked


# --- The letter ---------------------------------------------------------------------


def letter_number(run) -> str:
    number = run.number.strip() or "\u00a0" * 6
    return f"Số: {number}/{nfc(run.symbol)}"


def letter_subject(campaign) -> str:
    title = nfc(campaign.title)
    return f"V/v phát động {title[:1].lower() + title[1:]}"


def letter_html(run, units) -> str:
    """The launch letter: the campaign's plan, its content items, its span and deadlines,
    and the list of the units it is sent to."""
    campaign = run.campaign
    issuer = run.issuer_snapshot or issuer_snapshot(run.issuer)
    signer_lines = [nfc(line).upper() for line in run.signer_authority.splitlines() if line]
    if run.signer_title:
        signer_lines.append(nfc(run.signer_title).upper())
    span = f"từ ngày {short_date(campaign.start_date)}"
    if campaign.end_date:
        span += f" đến ngày {short_date(campaign.end_date)}"
    elif campaign.end_condition:
        span += f" {nfc(campaign.end_condition)}"
    deadlines = []
    if campaign.registration_required and campaign.registration_deadline:
        deadlines.append(
            f"Gửi bản đăng ký thi đua trước ngày {short_date(campaign.registration_deadline)}."
        )
    if campaign.nomination_deadline:
        deadlines.append(
            f"Gửi hồ sơ đề nghị khen thưởng trước ngày {short_date(campaign.nomination_deadline)}."
        )
    context = {
        "letterhead": letterhead(
            issuer,
            number=letter_number(run),
            place=run.place,
            day=run.date,
            summary=letter_subject(campaign),
        ),
        "subject": letter_subject(campaign),
        "issuer_name": issuer["name"],
        "reference": campaign_reference(campaign, issuer["name"]),
        "title": nfc(campaign.title),
        "purpose": nfc(campaign.purpose),
        "items": [nfc(item) for item in campaign.content_items],
        "span": span,
        "deadlines": deadlines,
        "units": [nfc(unit.name) for unit in units],
        "signer_lines": signer_lines,
        "signer_name": nfc(run.signer_name),
        "distribution": ["- Như trên;", "- Lưu: VT, TĐKT."],
    }
    return render_to_string("campaign/pdf/launch.html", {"b": context})


def letter_file_name(run) -> str:
    return f"launches/{run.pk}/cong-van-phat-dong-{run.pk}.pdf"


# --- Running ------------------------------------------------------------------------


def run_launch(run) -> LaunchRun:
    """Render the letter if missing, then notify the units not yet told; idempotent."""
    if not _begin(run):
        return run
    try:
        run = LaunchRun.objects.select_related("campaign__issuing_unit", "issuer").get(pk=run.pk)
        deliveries = list(run.deliveries.select_related("unit").order_by("unit__path", "pk"))
        with beating(run):
            if not run.letter:
                _render_letter(run, [d.unit for d in deliveries])
            _notify(run, [d for d in deliveries if d.notified_at is None])
        _finish(run)
    except Exception as error:
        LaunchRun.objects.filter(pk=run.pk).mark_failed(error)
        run.refresh_from_db()
        raise
    run.refresh_from_db()
    return run


def _begin(run) -> bool:
    """Mark the run RUNNING and count what is done; False if it is DONE already."""
    with transaction.atomic():
        locked = LaunchRun.objects.select_for_update().get(pk=run.pk)
        if locked.state == JobState.DONE:
            run.refresh_from_db()
            return False
        deliveries = LaunchDelivery.objects.filter(run=locked)
        locked.total = deliveries.count() + 1
        locked.done = deliveries.filter(notified_at__isnull=False).count() + bool(locked.letter)
        locked.state = JobState.RUNNING
        locked.started_at = locked.started_at or timezone.now()
        locked.error = ""
        locked.finished_at = None
        locked.save(
            update_fields=[
                "total",
                "done",
                "state",
                "started_at",
                "error",
                "finished_at",
                "updated_at",
            ]
        )
    run.refresh_from_db()
    return True


def _render_letter(run, units):
    pdf = engine.render_pdf(
        letter_html(run, units), official_css("campaign/pdf/launch.css"), allowed_roots()
    )
    name = store(letter_file_name(run), pdf)
    LaunchRun.objects.filter(pk=run.pk).update(
        letter=name, done=F("done") + 1, updated_at=timezone.now()
    )
    run.letter.name = name


def officers_of(unit_ids) -> dict[int, list]:
    """Unit id -> the active users acting for exactly that unit, in one query."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            officer_memberships__is_active=True,
            officer_memberships__unit_id__in=unit_ids,
        )
        .annotate(member_of=F("officer_memberships__unit_id"))
        .order_by("pk")
    )
    result: dict[int, list] = {}
    for user in users:
        result.setdefault(user.member_of, []).append(user)
    return result


def _notify(run, pending):
    if not pending:
        return
    entry = ActivityLog.objects.for_object(run).filter(action=LAUNCH_CREATE).first()
    campaign = run.campaign
    officers = officers_of([d.unit_id for d in pending])
    url = reverse("campaign:campaign_detail", args=[campaign.pk])
    context = {
        "campaign_title": nfc(campaign.title),
        "plan_reference": nfc(campaign.plan_reference),
        "issuer_name": run.issuer_snapshot.get("name", ""),
        "registration_deadline": vndate(campaign.registration_deadline)
        if campaign.registration_required and campaign.registration_deadline
        else "",
    }
    step = []
    for delivery in pending:
        notify(
            officers.get(delivery.unit_id, []),
            activity=entry,
            title=_("Phát động: %(title)s") % {"title": context["campaign_title"]},
            body=_("%(issuer)s phát động %(title)s; đơn vị %(unit)s tham gia.")
            % {
                "issuer": context["issuer_name"],
                "title": context["campaign_title"],
                "unit": delivery.unit.name,
            },
            url=url,
            email_template="campaign/emails/launched",
            context={**context, "unit_name": nfc(delivery.unit.name)},
        )
        step.append(delivery.pk)
        if len(step) >= PROGRESS_STEP:
            _save_progress(run, step)
            step = []
    if step:
        _save_progress(run, step)


def _save_progress(run, delivery_ids):
    now = timezone.now()
    with transaction.atomic():
        marked = LaunchDelivery.objects.filter(
            pk__in=delivery_ids, notified_at__isnull=True
        ).update(notified_at=now)
        LaunchRun.objects.filter(pk=run.pk).update(done=F("done") + marked, updated_at=now)
    logger.info("Launch run %s: %s units told", run.pk, marked)


def _finish(run):
    with transaction.atomic():
        locked = LaunchRun.objects.select_for_update().get(pk=run.pk)
        if locked.state == JobState.DONE:
            return
        previous = locked.state
        locked.state = JobState.DONE
        locked.done = locked.total
        locked.finished_at = timezone.now()
        locked.save(update_fields=["state", "done", "finished_at", "updated_at"])
        log_activity(  # done by the system, not by who launched
            locked,
            LAUNCH_DONE,
            previous_state=previous,
            new_state=JobState.DONE,
            note=_("Đã gửi công văn phát động tới %(count)d đơn vị.") % {"count": locked.total - 1},
        )
