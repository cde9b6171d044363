"""Opening a campaign's review (sơ kết, tổng kết) and building its three files.

:func:`open_campaign_review` acts for a person (``by``): under the campaign's lock
it checks :func:`campaign.rules.can_open_review`, the period (ordered, within the
campaign's span, not after the report's date), that a campaign gets at most one final
review, and the signer (:func:`campaign.services.notices.signature_texts`); it takes
the report's number from the issuer's gap-free counter of reports for the year
(``awards.services.decisions.next_number``, sequence ``"report"``: "12/BC-UBND"),
freezes the issuer's heading, writes the :class:`~campaign.models.CampaignReview`
row and queues the task ``campaign.build_review``.  A refusal is a
:class:`ReviewError`, whose message is shown as is, and nothing is written.

:func:`build_campaign_review` (the task's one call) compiles the content once and
keeps it on the row, then writes whichever of the PDF (:func:`common.pdf.report.report_pdf`),
the Word file (:func:`common.word.official_docx`) and the Excel annexes
(:mod:`common.excel.export`) is missing, each under a file name derived from the row,
counting one step per file.  A DONE review is left alone; any other resumes from
its row; an error marks it FAILED and is raised again; :func:`retry_campaign_review`
queues a failed or silent review again.
"""

import logging

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.services.decisions import next_number
from common.enums import JobState
from common.excel.export import workbook_bytes
from common.models import log_activity
from common.pdf.letterhead import issuer_snapshot
from common.pdf.report import report_pdf
from common.pdf.storage import store
from common.services.jobs import beating
from common.templatetags.vn import vndate
from common.text import nfc
from common.word import official_docx

from .. import rules
from ..activity import REVIEW_DONE, REVIEW_OPEN, REVIEW_RETRY
from ..enums import ReviewKind
from ..models import Campaign, CampaignReview
from ..tasks import build_review as build_review_task
from .notices import NoticeError, signature_texts
from .review_content import compile_review, review_document, review_sheets

logger = logging.getLogger(__name__)

#: The gap-free counter of an issuer's reports (báo cáo), per year.
REPORT_SEQUENCE = "report"
#: The three files, in the order they are written: (field, extension).
FILES = (("pdf_file", "pdf"), ("docx_file", "docx"), ("xlsx_file", "xlsx"))


class ReviewError(Exception):
    """A review that cannot be opened or built again; the message is shown as is."""


def report_symbol(issuer) -> str:
    """ "BC-UBND": the document type and the issuer's symbol."""
    return f"BC-{issuer.document_symbol}" if issuer.document_symbol else "BC"


def _highest_number(issuer, year) -> int:
    reviews = CampaignReview.objects.filter(issuer=issuer, year=year)
    return reviews.aggregate(highest=Max("number"))["highest"] or 0


def open_campaign_review(
    campaign,
    *,
    by,
    kind,
    period_start,
    period_end,
    date,
    signer=None,
    signer_name="",
    signer_title="",
    signer_authority="",
) -> CampaignReview:
    """Open a review of ``campaign`` and queue its build; see the module."""
    with transaction.atomic():
        locked = (
            Campaign.objects.select_for_update().select_related("issuing_unit").get(pk=campaign.pk)
        )
        if not rules.can_open_review(by, locked):
            raise ReviewError(_("Bạn không có quyền lập báo cáo sơ kết, tổng kết phong trào này."))
        if kind not in ReviewKind.values:
            raise ReviewError(_("Vui lòng chọn sơ kết hoặc tổng kết."))
        if period_end < period_start:
            raise ReviewError(_("Ngày kết thúc kỳ phải sau ngày bắt đầu."))
        if period_start < locked.start_date:
            raise ReviewError(
                _("Kỳ sơ kết, tổng kết bắt đầu trước ngày phong trào bắt đầu (%(date)s).")
                % {"date": vndate(locked.start_date)}
            )
        if date < period_start:
            raise ReviewError(_("Ngày báo cáo không được trước ngày bắt đầu kỳ."))
        if (
            kind == ReviewKind.FINAL
            and CampaignReview.objects.filter(campaign=locked, kind=ReviewKind.FINAL).exists()
        ):
            raise ReviewError(_("Phong trào này đã có báo cáo tổng kết: mỗi phong trào chỉ một."))
        issuer = locked.issuing_unit
        try:
            signed = signature_texts(
                issuer, date, signer, signer_name, signer_title, signer_authority
            )
        except NoticeError as error:  # the notices' wording, as a review refusal
            raise ReviewError(str(error)) from error
        place = nfc(issuer.place_name or "").strip()
        if not place:
            raise ReviewError(
                _("%(issuer)s chưa có địa danh ghi trên văn bản: vui lòng bổ sung trong danh mục.")
                % {"issuer": issuer.name}
            )
        year = date.year
        number = next_number(issuer, REPORT_SEQUENCE, year, floor=_highest_number(issuer, year))
        review = CampaignReview.objects.create(
            campaign=locked,
            kind=kind,
            period_start=period_start,
            period_end=period_end,
            issuer=issuer,
            year=year,
            number=number,
            symbol=report_symbol(issuer),
            place=place,
            date=date,
            signer=signer,
            **signed,
            issuer_snapshot=issuer_snapshot(issuer),
            state=JobState.PENDING,
            total=len(FILES),
            done=0,
            opened_by=by,
        )
        log_activity(
            review,
            REVIEW_OPEN,
            actor=by,
            new_state=JobState.PENDING,
            note=_("Lập báo cáo số %(number)s.") % {"number": review.reference},
            data={"campaign": locked.pk, "kind": kind},
        )
        build_review_task.delay(review_id=review.pk)
    return review


def can_retry(review) -> bool:
    return review.state == JobState.FAILED or review.is_stale()


def retry_campaign_review(review, *, by) -> CampaignReview:
    """Queue a failed (or silent) review again; the build resumes where it stopped."""
    with transaction.atomic():
        locked = CampaignReview.objects.select_for_update().get(pk=review.pk)
        if not rules.can_retry_review(by, locked):
            raise ReviewError(_("Bạn không có quyền tạo lại báo cáo này."))
        if not can_retry(locked):
            raise ReviewError(_("Báo cáo này không ở trạng thái lỗi: không cần tạo lại."))
        previous = locked.state
        locked.state = JobState.PENDING
        locked.error = ""
        locked.finished_at = None
        locked.save(update_fields=["state", "error", "finished_at", "updated_at"])
        log_activity(
            locked, REVIEW_RETRY, actor=by, previous_state=previous, new_state=locked.state
        )
        build_review_task.delay(review_id=locked.pk)
    return locked


# --- Building -------------------------------------------------------------------------------


def file_name(review, extension: str) -> str:
    word = "tong-ket" if review.kind == ReviewKind.FINAL else "so-ket"
    return f"reviews/{review.pk}/bao-cao-{word}-{review.pk}.{extension}"


def render_file(review, content: dict, extension: str) -> bytes:
    if extension == "xlsx":
        return workbook_bytes(review_sheets(review, content))
    document = review_document(review, content)
    return report_pdf(document) if extension == "pdf" else official_docx(document)


def build_campaign_review(review) -> CampaignReview:
    """Compile the content if not yet kept, then write the missing files; idempotent."""
    if not _begin(review):
        return review
    try:
        review = CampaignReview.objects.select_related("campaign__issuing_unit", "issuer").get(
            pk=review.pk
        )
        with beating(review):
            if not review.content:
                review.content = compile_review(review)
                CampaignReview.objects.filter(pk=review.pk).update(
                    content=review.content, updated_at=timezone.now()
                )
            for field, extension in FILES:
                if getattr(review, field):
                    continue
                name = store(
                    file_name(review, extension), render_file(review, review.content, extension)
                )
                CampaignReview.objects.filter(pk=review.pk).update(
                    **{field: name}, done=F("done") + 1, updated_at=timezone.now()
                )
                getattr(review, field).name = name
        _finish(review)
    except Exception as error:
        CampaignReview.objects.filter(pk=review.pk).mark_failed(error)
        review.refresh_from_db()
        raise
    review.refresh_from_db()
    return review


def _begin(review) -> bool:
    """Mark the review RUNNING and count the files written; False if it is DONE."""
    with transaction.atomic():
        locked = CampaignReview.objects.select_for_update().get(pk=review.pk)
        if locked.state == JobState.DONE:
            review.refresh_from_db()
            return False
        locked.total = len(FILES)
        locked.done = sum(bool(getattr(locked, field)) for field, _extension in FILES)
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
    review.refresh_from_db()
    return True


def _finish(review):
    with transaction.atomic():
        locked = CampaignReview.objects.select_for_update().get(pk=review.pk)
        if locked.state == JobState.DONE:
            return
        previous = locked.state
        locked.state = JobState.DONE
        locked.done = locked.total
        locked.finished_at = timezone.now()
        locked.save(update_fields=["state", "done", "finished_at", "updated_at"])
        log_activity(  # done by the system, not by who opened it
            locked,
            REVIEW_DONE,
            previous_state=previous,
            new_state=JobState.DONE,
            note=_("Đã tạo báo cáo số %(number)s.") % {"number": locked.reference},
        )
    logger.info("Review %s built", review.pk)
