"""Public consultation on a draft tờ trình to the central level (lấy ý kiến nhân dân).

* :func:`open_consultation`: the staff publish the draft's list for
  ``max(AwardType.consultation_days)`` working days of its forms, counted from the next
  working day (``common.workdays``: weekends and the admin's holidays, Tết included).
  Once published the list is frozen: nominations cannot be added or removed.
* :func:`consultation_refusal` says why a tờ trình cannot be sent yet (no consultation
  when its forms ask for one, or the window not over); ``central.send_central_submission``
  refuses with it.
* :func:`post_comment`: anyone, without an account, while the window is open; the text
  is limited to :data:`BODY_MAX` characters; at most :data:`PER_ADDRESS_PER_HOUR`
  comments an hour from one address (kept as a keyed hash only); every comment is held
  for moderation.
* :func:`moderate_comment`: the staff publish or hide a comment and answer it.

Comments and answers join the package sent upward (``central_package``).
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from common.models import log_activity
from common.pdf.letterhead import short_date
from common.workdays import add_working_days
from units.rules import is_emulation_staff

from ..activity import CONSULTATION_MODERATE, CONSULTATION_OPEN
from ..enums import CommentState, SubmissionState
from ..models import CentralSubmission, Consultation, ConsultationComment

BODY_MAX = 2000
NAME_MAX = 128
PER_ADDRESS_PER_HOUR = 3


class ConsultationError(Exception):
    """Refused; the message is shown to the user as is."""


def consultation_of(submission) -> Consultation | None:
    return Consultation.objects.filter(submission=submission).first()


def days_required(submission) -> int:
    """The working days the forms on ``submission`` ask for (0: no consultation)."""
    return (
        submission.lines.aggregate(days=Max("nomination__award_type__consultation_days"))["days"]
        or 0
    )


def open_consultation(submission, *, by, today=None) -> Consultation:
    today = today or timezone.localdate()
    with transaction.atomic():
        current = CentralSubmission.objects.select_for_update().get(pk=submission.pk)
        if current.state != SubmissionState.DRAFT or not is_emulation_staff(by):
            raise ConsultationError(_("Chỉ công khai được tờ trình còn là dự thảo."))
        if consultation_of(current) is not None:
            raise ConsultationError(_("Danh sách của tờ trình này đã được công khai."))
        days = days_required(current)
        if not current.lines.exists():
            raise ConsultationError(_("Tờ trình chưa có hồ sơ nào."))
        if days == 0:
            raise ConsultationError(
                _("Các hình thức trong tờ trình không yêu cầu lấy ý kiến công khai.")
            )
        consultation = Consultation.objects.create(
            submission=current,
            published_on=today,
            working_days=days,
            closes_on=add_working_days(today, days),
            published_by=by,
        )
        log_activity(
            current,
            CONSULTATION_OPEN,
            actor=by,
            note=_("Công khai lấy ý kiến %(days)d ngày làm việc, đến hết ngày %(day)s.")
            % {"days": days, "day": short_date(consultation.closes_on)},
        )
    return consultation


def consultation_refusal(submission, today=None) -> str:
    """Why ``submission`` cannot be sent yet ("" when it can)."""
    today = today or timezone.localdate()
    days = days_required(submission)
    if days == 0:
        return ""
    consultation = consultation_of(submission)
    if consultation is None:
        return _(
            "Các hình thức trong tờ trình phải được công khai lấy ý kiến %(days)d ngày làm "
            "việc trước khi trình: bấm “Công khai lấy ý kiến”."
        ) % {"days": days}
    if today <= consultation.closes_on:
        return _(
            "Đang lấy ý kiến công khai đến hết ngày %(day)s: chỉ trình được từ ngày hôm sau."
        ) % {"day": short_date(consultation.closes_on)}
    return ""


def address_hash(address: str) -> str:
    """A keyed hash of the sender's address: enough to throttle, not to find them."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


def post_comment(consultation, *, name, body, address, now=None) -> ConsultationComment:
    now = now or timezone.now()
    name, body = (name or "").strip(), (body or "").strip()
    if not consultation.is_open_on(timezone.localdate(now)):
        raise ConsultationError(_("Đợt lấy ý kiến này đã kết thúc."))
    if not name or not body:
        raise ConsultationError(_("Vui lòng nhập họ tên và nội dung góp ý."))
    if len(body) > BODY_MAX or len(name) > NAME_MAX:
        raise ConsultationError(
            _("Nội dung góp ý tối đa %(max)d ký tự, họ tên tối đa %(name)d ký tự.")
            % {"max": BODY_MAX, "name": NAME_MAX}
        )
    hashed = address_hash(address)
    recent = ConsultationComment.objects.filter(
        address_hash=hashed, created_at__gte=now - datetime.timedelta(hours=1)
    ).count()
    if recent >= PER_ADDRESS_PER_HOUR:
        raise ConsultationError(
            _("Bạn đã gửi %(n)d góp ý trong một giờ qua. Vui lòng gửi lại sau.") % {"n": recent}
        )
    return ConsultationComment.objects.create(
        consultation=consultation, author_name=name, body=body, address_hash=hashed
    )


def moderate_comment(comment, *, by, publish: bool, answer: str = "") -> ConsultationComment:
    with transaction.atomic():
        current = (
            ConsultationComment.objects.select_for_update()
            .select_related("consultation__submission")
            .get(pk=comment.pk)
        )
        if not is_emulation_staff(by):
            raise ConsultationError(_("Bạn không có quyền duyệt góp ý."))
        previous = current.state
        current.state = CommentState.PUBLISHED if publish else CommentState.HIDDEN
        current.answer = (answer or "").strip()[:BODY_MAX]
        current.answered_by = by if current.answer else None
        current.answered_at = timezone.now() if current.answer else None
        current.save(update_fields=["state", "answer", "answered_by", "answered_at", "updated_at"])
        log_activity(
            current.consultation.submission,
            CONSULTATION_MODERATE,
            actor=by,
            previous_state=previous,
            new_state=current.state,
            note=current.author_name,
        )
    return current
