"""Reminder notices (công văn đôn đốc): what late units owe, and their letters as PDF.

:func:`owed_items` and :func:`late_units` answer "what does this unit still
owe for the campaign", from the same rows the reminders read (registrations,
nominations) in a fixed number of queries, whatever the number of units.

:func:`create_batch` freezes what each late unit owes on one :class:`Notice`
per unit and queues :func:`render_batch`, which the Celery task
``campaign.render_notices`` runs.  It and :func:`retry_batch` act for a
person (``by``) and check the :mod:`campaign.rules` predicate of the page
under the lock of the campaign or batch row; a refusal is a
:class:`NoticeError`.  The letters' place line is the issuer's place name
(``Unit.place_name``), frozen on the batch with the issuer's heading
(``issuer_snapshot``: a rename or merger of the unit later does not change a
letter rendered again) and the signature block, taken from the chosen
``UnitSigner`` or typed for an issuer that has none.  The database is the truth, as for
certificates (``awards.services.rendering``):

* a notice needs rendering while it has no file or no ``rendered_at``;
  rendering only fills those two fields of rows that already exist, under a
  file name derived from the notice, so a second delivery of the task, a
  retry after a failure or a resumed run adds no row and no file;
* the notices still to render are laid out as the pages of ONE document by
  the PDF engine (``common.pdf.engine.render_parts``: the shared font
  configuration, stylesheet cache and restricted URL fetcher), which cuts it
  per notice: each notice starts on a new page, and the page where its anchor
  first appears marks where its file starts, so a letter running onto a
  second page stays whole;
* the merged print file is that document when the run rendered every notice,
  otherwise it is assembled from the notices' stored files in the same order;
* an error marks the batch FAILED with the error and is raised again (Celery
  retries an ``OSError``); staff may retry, and the retry resumes;
* a batch is a job row (:class:`common.jobs.Job`): its heartbeat moves every
  few seconds while it renders (``common.services.jobs.beating``); one whose
  worker went silent (``batch.is_stale()``, a minute) is shown as stopped and
  may be resumed by staff at once, and the common sweeper
  (``common.requeue_stale_jobs``) queues it again by itself.
"""

import datetime
import io
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from awards.enums import NominationState
from awards.models import Nomination
from common.models import log_activity
from common.pdf import engine
from common.pdf.letterhead import issuer_snapshot, letterhead, short_date
from common.pdf.storage import store
from common.pdf.stylesheet import allowed_roots, official_css
from common.services.jobs import beating
from common.storage import open_stored
from common.templatetags.vn import vndate
from common.text import nfc
from units.selectors import has_signers, signature_fields

from .. import rules
from ..activity import NOTICE_BATCH_CREATE, NOTICE_BATCH_RENDER, NOTICE_BATCH_RETRY
from ..enums import CampaignStatus, NoticeBatchState
from ..models import Campaign, Notice, NoticeBatch, ProgressReport, Registration, ReportingRound
from ..tasks import render_notices
from .reminders import SUBMITTED_STATES, participating_units

logger = logging.getLogger(__name__)

#: A unit is late once something it owes is overdue or falls due within this many days.
DUE_SOON = datetime.timedelta(days=7)
#: A review report is owed from this many days before the review date.
REVIEW_REPORT_WINDOW = datetime.timedelta(days=30)
#: Notices stored between two progress updates of the batch.
PROGRESS_STEP = 20

NEEDS_RENDERING = Q(file="") | Q(rendered_at__isnull=True)


class NoticeError(Exception):
    """A batch that cannot be made or retried; the message is shown to the user as is."""


# --- What a unit owes ---------------------------------------------------------------


def _deadline_text(deadline: datetime.date | None, today: datetime.date) -> str:
    if deadline is None:
        return ""
    if deadline < today:
        return _("; hạn ngày %(deadline)s (đã quá hạn)") % {"deadline": vndate(deadline)}
    return _("; hạn ngày %(deadline)s") % {"deadline": vndate(deadline)}


def _item(kind: str, text: str, deadline: datetime.date | None) -> dict:
    return {
        "kind": kind,
        "text": nfc(text),
        "deadline": deadline.isoformat() if deadline else None,
    }


class _Owed:
    """What a campaign's units owe, loaded in a fixed number of queries.

    ``unit_ids`` narrows the queries to some units (``None``: every unit).
    """

    def __init__(self, campaign: Campaign, today: datetime.date, unit_ids=None):
        self.campaign = campaign
        self.today = today
        self.registered: set[int] | None = None
        self.submitted: set[int] | None = None
        self.returned: dict[int, list[Nomination]] = defaultdict(list)
        self.reports: list[dict] = []
        self.rounds: list = []
        self.round_reported: dict[int, set[int]] = {}
        if campaign.status == CampaignStatus.DRAFT:  # not launched: nobody owes anything yet
            self.empty = True
            return
        self.empty = False

        def narrowed(queryset, field):
            return queryset if unit_ids is None else queryset.filter(**{f"{field}__in": unit_ids})

        if campaign.registration_required:
            self.registered = set(
                narrowed(Registration.objects.filter(campaign=campaign), "unit").values_list(
                    "unit_id", flat=True
                )
            )
        nominations = Nomination.objects.filter(campaign=campaign)
        if campaign.nomination_deadline:
            self.submitted = set(
                narrowed(nominations.filter(state__in=SUBMITTED_STATES), "nominating_unit")
                .values_list("nominating_unit_id", flat=True)
                .distinct()
            )
        returned = (
            narrowed(nominations.filter(state=NominationState.RETURNED), "nominating_unit")
            .select_related("individual", "unit", "award_type")
            .order_by("state_changed_at", "pk")
        )
        for nomination in returned:
            self.returned[nomination.nominating_unit_id].append(nomination)
        self.reports = self._reports()
        # Open rounds (not locked) and who reported in each: two queries.
        self.rounds = list(
            ReportingRound.objects.filter(campaign=campaign, locked_at__isnull=True).order_by(
                "due_date", "pk"
            )
        )
        self.round_reported: dict[int, set[int]] = defaultdict(set)
        rows = narrowed(ProgressReport.objects.filter(round__in=self.rounds), "unit")
        for round_id, unit_id in rows.values_list("round_id", "unit_id"):
            self.round_reported[round_id].add(unit_id)

    def _reports(self) -> list[dict]:
        reports = []
        for kind, day, text in (
            ("interim_report", self.campaign.interim_review_date, _("Báo cáo sơ kết phong trào")),
            ("final_report", self.campaign.final_review_date, _("Báo cáo tổng kết phong trào")),
        ):
            if day is None or day - self.today > REVIEW_REPORT_WINDOW:
                continue
            sentence = _("%(report)s: gửi chậm nhất ngày %(deadline)s") % {
                "report": text,
                "deadline": vndate(day),
            }
            if day < self.today:
                sentence += _(" (đã quá hạn)")
            reports.append(_item(kind, sentence + ".", day))
        return reports

    def items_for(self, unit) -> list[dict]:
        if self.empty:
            return []
        campaign, today, items = self.campaign, self.today, []
        if self.registered is not None and unit.pk not in self.registered:
            deadline = campaign.registration_deadline
            text = _("Đăng ký thi đua: đơn vị chưa đăng ký") + _deadline_text(deadline, today)
            items.append(_item("registration", text + ".", deadline))
        deadline = campaign.nomination_deadline
        if self.submitted is not None and unit.pk not in self.submitted:
            text = _("Hồ sơ đề nghị khen thưởng: đơn vị chưa gửi hồ sơ nào") + _deadline_text(
                deadline, today
            )
            items.append(_item("nomination", text + ".", deadline))
        for nomination in self.returned.get(unit.pk, ()):
            names = {
                "award": nfc(nomination.award_type.name),
                "subject": nfc(nomination.subject_name),
                "returned": vndate(nomination.state_changed_at),
            }
            if nomination.state_changed_at:
                text = _(
                    "Hồ sơ đề nghị tặng %(award)s cho %(subject)s: bị trả lại để bổ sung"
                    " ngày %(returned)s, chưa gửi lại"
                )
            else:
                text = _(
                    "Hồ sơ đề nghị tặng %(award)s cho %(subject)s: bị trả lại để bổ sung,"
                    " chưa gửi lại"
                )
            text %= names
            items.append(_item("returned", text + _deadline_text(deadline, today) + ".", deadline))
        for round_ in self.rounds:
            if unit.pk in self.round_reported[round_.pk]:
                continue
            text = _("Báo cáo kết quả thực hiện phong trào kỳ %(title)s: đơn vị chưa gửi") % {
                "title": nfc(round_.title)
            }
            items.append(
                _item(
                    "progress_report",
                    text + _deadline_text(round_.due_date, today) + ".",
                    round_.due_date,
                )
            )
        items.extend(dict(report) for report in self.reports)
        return items


def owed_items(campaign: Campaign, unit, today: datetime.date) -> list[dict]:
    """What ``unit`` still owes for ``campaign`` on ``today``, in the order a letter lists it.

    Each item is ``{"kind", "text", "deadline"}`` (the deadline as an ISO date
    or ``None``); kinds: ``registration`` (registration required and none
    made), ``nomination`` (the campaign has a nomination deadline and the unit
    has no nomination submitted or later), ``returned`` (one per nomination
    sent back and not resubmitted), ``progress_report`` (one per open reporting
    round, not locked, with no report from the unit), ``interim_report`` and ``final_report``
    (the review date is at most 30 days away or past).  A draft campaign is
    owed nothing.
    """
    return _Owed(campaign, today, unit_ids=[unit.pk]).items_for(unit)


def is_pressing(item: dict, today: datetime.date) -> bool:
    """A returned dossier, or anything overdue or due within :data:`DUE_SOON`."""
    if item["kind"] == "returned" or item["deadline"] is None:
        return True
    return datetime.date.fromisoformat(item["deadline"]) <= today + DUE_SOON


def late_units(campaign: Campaign, today: datetime.date) -> list[tuple]:
    """``[(unit, items)]``: the participating units that are late, by unit path.

    A unit is late when one thing it owes is pressing (:func:`is_pressing`);
    its letter then lists everything it owes.  The unit that launched the
    campaign owes itself nothing.  A fixed number of queries, however many
    units take part.
    """
    owed = _Owed(campaign, today)
    if owed.empty:
        return []
    units = participating_units(campaign, today).exclude(pk=campaign.issuing_unit_id)
    result = []
    for unit in units:
        items = owed.items_for(unit)
        if any(is_pressing(item, today) for item in items):
            result.append((unit, items))
    return result


# --- Making a batch -----------------------------------------------------------------


def create_batch(
    campaign: Campaign,
    *,
    by,
    issuer,
    date: datetime.date,
    signer=None,
    signer_name: str = "",
    signer_title: str = "",
    signer_authority: str = "",
    symbol: str = "TĐKT",
    number: str = "",
    today: datetime.date | None = None,
) -> NoticeBatch:
    """One notice per late unit of ``campaign`` (what each owes frozen now),
    logged, and rendered in the background once the transaction commits.

    The letters are written from the issuer's place (``issuer.place_name``).
    Raises :class:`NoticeError` when ``by`` may not make notices, when the
    issuer has no place name, when the signer is not one of the issuer's in
    force on ``date`` (or none is chosen and the issuer has one), or when no
    unit is late.  The letters are in
    Vietnamese whatever language the person asking reads the portal in.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update().select_related("issuing_unit").get(pk=campaign.pk)
        )
        if not rules.can_create_notice_batch(by, campaign):
            raise NoticeError(_("Bạn không có quyền lập công văn đôn đốc cho phong trào này."))
        place = nfc(issuer.place_name.strip())
        if not place:
            raise NoticeError(
                _(
                    "%(issuer)s chưa có địa danh: hãy ghi địa danh của đơn vị"
                    " trước khi lập công văn đôn đốc."
                )
                % {"issuer": issuer.name}
            )
        signed = signature_texts(issuer, date, signer, signer_name, signer_title, signer_authority)
        with translation.override(settings.LANGUAGE_CODE):
            late = [(unit, items) for unit, items in late_units(campaign, today) if unit != issuer]
        if not late:
            raise NoticeError(
                _(
                    "Không có đơn vị nào chậm thực hiện phong trào này:"
                    " không cần gửi công văn đôn đốc."
                )
            )
        batch = NoticeBatch.objects.create(
            campaign=campaign,
            issuer=issuer,
            symbol=nfc(symbol.strip()) or "TĐKT",
            number=number.strip(),
            place=place,
            date=date,
            signer=signer,
            **signed,
            issuer_snapshot=issuer_snapshot(issuer),
            state=NoticeBatchState.PENDING,
            total=len(late),
            done=0,
            created_by=by,
        )
        Notice.objects.bulk_create(
            [Notice(batch=batch, unit=unit, items=items) for unit, items in late]
        )
        log_activity(
            batch,
            NOTICE_BATCH_CREATE,
            actor=by,
            new_state=NoticeBatchState.PENDING,
            note=_("Lập %(count)d công văn đôn đốc.") % {"count": len(late)},
            data={"campaign": campaign.pk, "units": [unit.pk for unit, _items in late]},
        )
        render_notices.delay(batch_id=batch.pk)
    return batch


def signature_texts(issuer, date, signer, name, title, authority) -> dict:
    """The batch's signer texts: ``signer``'s block (one of the issuer's signers in force
    on ``date``), or the typed lines when the issuer has no signer in force then.  The
    lines above the title ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH") go one per line in
    ``signer_authority``."""
    if signer is None:
        if has_signers(issuer, day=date):
            raise NoticeError(
                _("%(issuer)s có danh sách người ký: vui lòng chọn người ký trong danh sách.")
                % {"issuer": issuer.name}
            )
        if not (name.strip() and title.strip()):
            raise NoticeError(_("Vui lòng ghi họ tên và chức vụ người ký."))
        return {
            "signer_name": nfc(name.strip()),
            "signer_title": nfc(title.strip()),
            "signer_authority": nfc(authority.strip()),
        }
    if signer.unit_id != issuer.pk or not signer.is_in_force_on(date):
        raise NoticeError(
            _("%(name)s không phải người ký văn bản của %(issuer)s vào ngày %(date)s.")
            % {"name": signer.full_name, "issuer": issuer.name, "date": vndate(date)}
        )
    block = signature_fields(signer, issuer)
    return {
        "signer_name": block["name"],
        "signer_title": block["title"],
        "signer_authority": "\n".join(
            line for line in (block["authority"], block["capacity"]) if line
        ),
    }


def can_retry(batch) -> bool:
    return batch.state == NoticeBatchState.FAILED or batch.is_stale()


def retry_batch(batch, *, by) -> NoticeBatch:
    """Queue a failed (or silent) batch again; the rendering resumes where it stopped.

    Raises :class:`NoticeError` when ``by`` may not, or when the batch (re-read
    under its lock) is neither failed nor silent.
    """
    with transaction.atomic():
        locked = NoticeBatch.objects.select_for_update().get(pk=batch.pk)
        if not rules.can_retry_notice_batch(by, locked):
            raise NoticeError(_("Bạn không có quyền tạo lại đợt công văn này."))
        if not can_retry(locked):
            raise NoticeError(_("Đợt công văn này không ở trạng thái lỗi: không cần tạo lại."))
        previous = locked.state
        locked.state = NoticeBatchState.PENDING
        locked.error = ""
        locked.finished_at = None
        locked.save(update_fields=["state", "error", "finished_at", "updated_at"])
        log_activity(
            locked, NOTICE_BATCH_RETRY, actor=by, previous_state=previous, new_state=locked.state
        )
        render_notices.delay(batch_id=locked.pk)
    return locked


# --- The letter ---------------------------------------------------------------------


def _in_sentence(text: str) -> str:
    """ "Phong trào thi đua …" continues a sentence: "phong trào thi đua …"."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def notice_number(batch) -> str:
    """ "Số: 15/TĐKT", or "Số:      /TĐKT" (non-breaking spaces) for the clerk to fill in."""
    number = batch.number.strip() or "\u00a0" * 6
    return f"Số: {number}/{nfc(batch.symbol)}"


def campaign_reference(campaign, launcher: str = "") -> str:
    """How the letter cites the campaign: "Kế hoạch số 2777/KH-UBND ngày 10/6/2021 của
    Ủy ban nhân dân tỉnh Bến Tre về phong trào thi đua …".  ``launcher`` names the
    unit that launched it (default: its name now)."""
    title = _in_sentence(nfc(campaign.title))
    launcher = launcher or nfc(campaign.issuing_unit.name)
    if campaign.plan_reference:
        dated = f" ngày {short_date(campaign.issue_date)}" if campaign.issue_date else ""
        return f"Kế hoạch số {nfc(campaign.plan_reference)}{dated} của {launcher} về {title}"
    return f"{title} do {launcher} phát động"


def notice_subject(campaign) -> str:
    """The summary under the number: "V/v đôn đốc thực hiện Kế hoạch số 2777/KH-UBND"."""
    if campaign.plan_reference:
        return f"V/v đôn đốc thực hiện Kế hoạch số {nfc(campaign.plan_reference)}"
    return "V/v đôn đốc thực hiện phong trào thi đua"


def notice_anchor(notice) -> str:
    """The id of the element a notice's letter starts with, where its file is cut."""
    return f"notice-{notice.pk}"


def notice_context(batch, notice) -> dict:
    """What one unit's letter prints of its own."""
    return {
        "anchor": notice_anchor(notice),
        "unit": nfc(notice.unit.name),
        "items": [nfc(item["text"]) for item in notice.items],
    }


def notices_html(batch, notices) -> str:
    """The letters of ``notices``, each starting on a page of its own, as one document."""
    campaign = batch.campaign
    signer_lines = [nfc(line).upper() for line in batch.signer_authority.splitlines() if line]
    if batch.signer_title:
        signer_lines.append(nfc(batch.signer_title).upper())
    issuer = batch.issuer_snapshot or issuer_snapshot(batch.issuer)
    common = {
        "letterhead": letterhead(
            issuer,
            number=notice_number(batch),
            place=batch.place,
            day=batch.date,
            summary=notice_subject(campaign),
        ),
        "issuer_name": issuer["name"],
        "subject": notice_subject(campaign),
        "as_of": short_date(batch.date),
        # The launcher is the issuer itself most of the time: named as the heading is.
        "reference": campaign_reference(
            campaign, issuer["name"] if batch.issuer_id == campaign.issuing_unit_id else ""
        ),
        "signer_lines": signer_lines,
        "signer_name": nfc(batch.signer_name),
        "distribution": ["- Như trên;", "- Lưu: VT, TĐKT."],
    }
    letters = [notice_context(batch, notice) for notice in notices]
    return render_to_string("campaign/pdf/notice.html", {"b": common, "letters": letters})


def notice_css() -> str:
    """The base stylesheet of official documents and the letter's own rules."""
    return official_css("campaign/pdf/notice.css")


# --- Rendering ----------------------------------------------------------------------


def notice_file_name(notice) -> str:
    return f"notices/{notice.batch_id}/cong-van-{notice.pk}-{notice.unit.code}.pdf"


def merged_file_name(batch) -> str:
    return f"notices/{batch.pk}/cong-van-don-doc-tat-ca.pdf"


def _in_order(queryset):
    return queryset.select_related("unit").order_by("unit__path", "id")


def render_batch(batch) -> NoticeBatch:
    """Render the notices of ``batch`` not yet rendered, then the merged file.

    Idempotent: a DONE batch is left as it is; a RUNNING, PENDING or FAILED
    one carries on from its rows.
    """
    if not _begin(batch):
        return batch
    try:
        batch = NoticeBatch.objects.select_related("campaign__issuing_unit", "issuer").get(
            pk=batch.pk
        )
        notices = list(_in_order(batch.notices.all()))
        pending = [n for n in notices if not n.file or n.rendered_at is None]
        with beating(batch):
            document = _render_pending(batch, pending) if pending else None
        whole = document if len(pending) == len(notices) else None
        merged = whole if whole is not None else _assemble(notices)
        _finish(batch, store(merged_file_name(batch), merged), rendered=len(pending))
    except Exception as error:
        NoticeBatch.objects.filter(pk=batch.pk).mark_failed(error)
        batch.refresh_from_db()
        raise
    batch.refresh_from_db()
    return batch


def _begin(batch) -> bool:
    """Mark the batch RUNNING and count what is done; False if it is DONE already."""
    with transaction.atomic():
        locked = NoticeBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.state == NoticeBatchState.DONE:
            batch.refresh_from_db()
            return False
        notices = Notice.objects.filter(batch=locked)
        locked.total = notices.count()
        locked.done = locked.total - notices.filter(NEEDS_RENDERING).count()
        locked.state = NoticeBatchState.RUNNING
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
    batch.refresh_from_db()
    return True


def _render_pending(batch, pending) -> bytes:
    """Lay out the pending notices as one document, store one file per notice.

    Returns the document's PDF."""
    pdf, *parts = engine.render_parts(
        notices_html(batch, pending),
        notice_css(),
        allowed_roots(),
        [notice_anchor(notice) for notice in pending],
    )
    stored = []
    for notice, pdf_of_notice in zip(pending, parts, strict=True):
        notice.file.name = store(notice_file_name(notice), pdf_of_notice)
        stored.append(notice)
        if len(stored) >= PROGRESS_STEP:
            _save_progress(batch, stored)
            stored = []
    if stored:
        _save_progress(batch, stored)
    return pdf


def _save_progress(batch, notices):
    now = timezone.now()
    for notice in notices:
        notice.rendered_at = now
    with transaction.atomic():
        Notice.objects.bulk_update(notices, ["file", "rendered_at"])
        NoticeBatch.objects.filter(pk=batch.pk).update(
            done=F("done") + len(notices), updated_at=now
        )
    logger.info("Notice batch %s: %s notices rendered", batch.pk, len(notices))


def _assemble(notices) -> bytes:
    """The print file from the notices' stored files, in the batch's order."""
    pages = []
    for notice in notices:
        with open_stored(notice.file) as handle:
            pages.extend(PdfReader(io.BytesIO(handle.read())).pages)
    return engine.pages_pdf(pages)


def _finish(batch, merged_name: str, *, rendered: int):
    with transaction.atomic():
        locked = NoticeBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.state == NoticeBatchState.DONE:
            return
        previous = locked.state
        locked.state = NoticeBatchState.DONE
        locked.done = locked.total
        locked.finished_at = timezone.now()
        locked.merged_file.name = merged_name
        locked.save(update_fields=["state", "done", "finished_at", "merged_file", "updated_at"])
        log_activity(  # done by the system, not by who asked for the batch
            locked,
            NOTICE_BATCH_RENDER,
            previous_state=previous,
            new_state=NoticeBatchState.DONE,
            note=_("Đã tạo %(count)d công văn đôn đốc.") % {"count": rendered},
            data={"rendered": rendered, "total": locked.total},
        )
