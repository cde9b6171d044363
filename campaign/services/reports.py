"""Reporting rounds and the units' progress reports.

:func:`open_round` (the staff, on a launched campaign) and :func:`lock_round`
write rounds; :func:`save_report` writes one unit's report for a round: a figure
for each indicator typed (a blank one removes it), the narrative and new
attachments (uploads already checked by ``common.uploads``).  Each acts for a
person (``by``) and asks the :mod:`campaign.rules` predicate again under the
lock of the round's (or campaign's) row: a report after the due date or after
the staff locked the round, for a unit one does not act for, is refused with a
:class:`ReportError` whose message is shown as is, and nothing is written.
Every change is logged.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.models import log_activity
from common.templatetags.vn import vndate
from common.text import nfc

from .. import rules
from ..activity import REPORT_SUBMIT, REPORT_UPDATE, ROUND_LOCK, ROUND_OPEN
from ..models import Campaign, ProgressReport, ReportAttachment, ReportFigure, ReportingRound


class ReportError(Exception):
    """A round or report change that cannot happen; the message is shown as is."""


def open_round(campaign, *, by, kind, title, period_start, period_end, due_date) -> ReportingRound:
    """Open a reporting round on ``campaign``."""
    title = nfc(" ".join(title.split()))
    if period_end < period_start:
        raise ReportError(_("Kỳ báo cáo phải kết thúc sau khi bắt đầu."))
    if due_date < period_start:
        raise ReportError(_("Hạn gửi báo cáo không thể trước ngày bắt đầu kỳ báo cáo."))
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not rules.can_open_round(by, locked):
            raise ReportError(_("Chỉ mở được kỳ báo cáo cho phong trào đang diễn ra."))
        if ReportingRound.objects.filter(campaign=locked, title__iexact=title).exists():
            raise ReportError(_("Phong trào đã có kỳ báo cáo “%(title)s”.") % {"title": title})
        round_ = ReportingRound.objects.create(
            campaign=locked,
            kind=kind,
            title=title,
            period_start=period_start,
            period_end=period_end,
            due_date=due_date,
            created_by=by,
        )
        log_activity(
            round_,
            ROUND_OPEN,
            actor=by,
            note=_("Hạn gửi báo cáo %(due)s") % {"due": vndate(due_date)},
        )
    return round_


def lock_round(round_, *, by) -> ReportingRound:
    """Close a round to further reports and edits, whatever its due date."""
    with transaction.atomic():
        locked = ReportingRound.objects.select_for_update().get(pk=round_.pk)
        if not rules.can_lock_round(by, locked):
            raise ReportError(
                _("Kỳ báo cáo đã được khóa trước đó.")
                if locked.is_locked
                else _("Bạn không có quyền khóa kỳ báo cáo này.")
            )
        locked.locked_at = timezone.now()
        locked.locked_by = by
        locked.save(update_fields=["locked_at", "locked_by", "updated_at"])
        log_activity(locked, ROUND_LOCK, actor=by)
    round_.locked_at, round_.locked_by = locked.locked_at, locked.locked_by
    return round_


def _refusal(round_, unit, by, today) -> str:
    if round_.is_locked:
        return _("Kỳ báo cáo “%(title)s” đã khóa: không gửi hoặc sửa báo cáo được nữa.") % {
            "title": round_.title
        }
    if today > round_.due_date:
        return _("Đã quá hạn gửi báo cáo kỳ “%(title)s” (%(due)s).") % {
            "title": round_.title,
            "due": vndate(round_.due_date),
        }
    return _("Bạn không thể gửi báo cáo cho %(unit)s trong kỳ báo cáo này.") % {"unit": unit.name}


def save_report(
    round_, unit, *, by, narrative="", figures=None, attachments=(), today=None
) -> ProgressReport:
    """Create or update ``unit``'s report for ``round_``; ``figures`` maps indicators
    to values (``None`` removes one)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = (
            ReportingRound.objects.select_for_update().select_related("campaign").get(pk=round_.pk)
        )
        if not rules.can_report(by, locked, unit, today):
            raise ReportError(_refusal(locked, unit, by, today))
        report = ProgressReport.objects.filter(round=locked, unit=unit).first()
        created = report is None
        if created:
            try:
                with transaction.atomic():
                    report = ProgressReport.objects.create(round=locked, unit=unit)
            except IntegrityError as error:  # cannot happen under the round's lock
                raise ReportError(_("Báo cáo vừa được gửi; vui lòng tải lại trang.")) from error
        report.narrative = nfc((narrative or "").strip())
        report.submitted_by = by
        report.submitted_at = timezone.now()
        report.save(update_fields=["narrative", "submitted_by", "submitted_at", "updated_at"])
        written = {}
        for indicator, value in (figures or {}).items():
            if indicator.campaign_id != locked.campaign_id:
                continue
            if value is None:
                ReportFigure.objects.filter(report=report, indicator=indicator).delete()
            else:
                ReportFigure.objects.update_or_create(
                    report=report, indicator=indicator, defaults={"value": value}
                )
                written[str(indicator.pk)] = str(value)
        for upload in attachments:
            add_attachment(report, upload, by=by)
        log_activity(
            report,
            REPORT_SUBMIT if created else REPORT_UPDATE,
            actor=by,
            note=report.narrative[:500],
            data={"figures": written, "attachments": len(attachments)},
        )
    return report


def add_attachment(report, upload, *, by) -> ReportAttachment:
    """Store one checked upload (``common.uploads.ProcessedUpload``) on the report."""
    attachment = ReportAttachment(
        report=report,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(f"upload{upload.extension}", upload.content, save=False)
    attachment.save()
    return attachment
