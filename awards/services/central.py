"""Forwarding to the central level (khen cao): the province's submissions and their results.

The province does not decide the highest forms (Bằng khen của Thủ tướng Chính phủ,
Chiến sĩ thi đua toàn quốc, Huân chương…): staff gather approved nominations of forms
only the central level decides (``selectors.is_central``, from the authority table) in
a draft submission, send it (the tờ trình takes the next "TTr" number of the issuer and
year from the same gap-free ``NumberSequence`` as decisions, ``decisions.next_number``),
and record each decision that comes back.  An awarded nomination becomes AWARDED, one
the central level declined becomes REJECTED with the reason, both through the
nomination workflow (``set_nomination_state``); the log of each nomination says why.
A declined nomination is rejected, not left approved: the dossier is spent (a new
proposal needs a new dossier), it must not be forwarded again by mistake, and its unit
must see an outcome rather than "approved" forever.

Every function here takes the acting user (``by``), locks the submission's row and
re-reads it, asks the same ``rules`` predicate as the page, and refuses with a
:class:`CentralError` whose message is shown as is; a refusal writes nothing.  Nothing
is revoked: a recorded result is final.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import validate_happened_date
from common.models import log_activity
from common.pdf.letterhead import short_date
from common.services.jobs import remove_scratch

from .. import rules
from ..activity import (
    CENTRAL_ADD,
    CENTRAL_CREATE,
    CENTRAL_EDIT,
    CENTRAL_PACKAGE_RESUME,
    CENTRAL_REMOVE,
    CENTRAL_RESULT,
    CENTRAL_SEND,
    NOMINATION_FORWARDED,
)
from ..enums import (
    SUBMISSION_TRANSITIONS,
    CentralAddressee,
    CentralOutcome,
    NominationState,
    RunState,
    SubmissionState,
)
from ..models import (
    CentralPackage,
    CentralResult,
    CentralSubmission,
    CentralSubmissionLine,
    Nomination,
)
from ..selectors import central_award_types, central_package_is_active, pending_central_lines
from ..tasks import build_central_package
from .consultation import consultation_of, consultation_refusal
from .decisions import PROPOSAL_SEQUENCE, next_number
from .nominations import WorkflowError, set_nomination_state
from .outcomes import refresh_award_fields

#: The gap-free counter of an issuer's proposal letters (tờ trình), per year.

DEFAULT_DISTRIBUTION = "Như trên;\nBan Thi đua – Khen thưởng Trung ương;\nLưu: VT."


class CentralError(Exception):
    """The submission cannot be changed this way; the message is shown to the user as is."""


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise CentralError(
            _("Bạn không có quyền thực hiện thao tác này với tờ trình ở trạng thái hiện tại.")
        )


def default_symbol(issuer) -> str:
    """ "TTr-UBND": the document type and the issuer's symbol."""
    return f"TTr-{issuer.document_symbol}" if issuer.document_symbol else "TTr"


def default_subject(addressee) -> str:
    """ "V/v đề nghị tặng thưởng hình thức khen thưởng cấp nhà nước" for the addressee."""
    if addressee == CentralAddressee.PRESIDENT:
        return "Về việc đề nghị Chủ tịch nước tặng thưởng Huân chương, Huy chương, danh hiệu"
    return "Về việc đề nghị Thủ tướng Chính phủ tặng Bằng khen, danh hiệu thi đua"


def _locked(submission) -> CentralSubmission:
    return (
        CentralSubmission.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=submission.pk)
    )


def _require_draft(current) -> None:
    if current.state != SubmissionState.DRAFT:
        raise CentralError(
            _(
                "Tờ trình số %(reference)s đã được trình (trạng thái: “%(state)s”): "
                "không sửa được nữa. Vui lòng tải lại trang."
            )
            % {"reference": current.reference, "state": current.get_state_display()}
        )


def _require_list_not_published(current) -> None:
    """The list published for comment is the list sent: it no longer changes."""
    if consultation_of(current) is not None:
        raise CentralError(
            _("Danh sách đã được công khai lấy ý kiến: không thêm, bỏ hồ sơ được nữa.")
        )


def _check_date(day, label) -> None:
    try:
        validate_happened_date(day)
    except ValidationError as error:
        raise CentralError(f"{label}: {error.messages[0]}") from error


# --- Drafting ---------------------------------------------------------------------------

#: What ``update_central_submission`` may change on a draft.
EDITABLE_FIELDS = (
    "issuer",
    "addressee",
    "subject",
    "place",
    "signer_name",
    "signer_title",
    "signer_authority",
    "signer_capacity",
    "body",
)


def create_central_submission(
    *,
    by,
    issuer,
    addressee=CentralAddressee.PRIME_MINISTER,
    subject="",
    place="",
    signer_name,
    signer_title,
    signer_authority="",
    signer_capacity="",
    body="",
) -> CentralSubmission:
    """A new draft submission; a blank subject and place come from the addressee and issuer."""
    _refuse_unless(rules.can_manage_central_submissions(by))
    with transaction.atomic():
        submission = CentralSubmission.objects.create(
            issuer=issuer,
            addressee=addressee,
            subject=subject or default_subject(addressee),
            symbol=default_symbol(issuer),
            place=place or issuer.place_name,
            signer_name=signer_name,
            signer_title=signer_title,
            signer_authority=signer_authority,
            signer_capacity=signer_capacity,
            body=body,
            created_by=by,
        )
        log_activity(submission, CENTRAL_CREATE, actor=by, new_state=SubmissionState.DRAFT)
    return submission


def update_central_submission(submission, *, by, **changes) -> CentralSubmission:
    """Change a draft's header; the symbol and a blank place follow the issuer."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = _locked(submission)
        _require_draft(current)
        _refuse_unless(rules.can_edit_central_submission(by, current))
        for field, value in changes.items():
            setattr(current, field, value)
        current.symbol = default_symbol(current.issuer)
        current.subject = current.subject or default_subject(current.addressee)
        current.place = current.place or current.issuer.place_name
        current.save()
        log_activity(current, CENTRAL_EDIT, actor=by, data={"fields": sorted(changes)})
    for field in (*EDITABLE_FIELDS, "symbol", "updated_at"):
        setattr(submission, field, getattr(current, field))
    return submission


@dataclass
class AddResult:
    """What ``add_central_nominations`` did with each nomination it was given."""

    added: int = 0
    not_approved: int = 0
    not_central: int = 0
    elsewhere: int = 0

    @property
    def skipped(self) -> int:
        return self.not_approved + self.not_central + self.elsewhere


def add_central_nominations(submission, nominations, *, by) -> AddResult:
    """Put approved nominations of central forms on a draft, at the end of its list.

    ``nominations`` is a queryset or an iterable.  Rows someone changed meanwhile are
    skipped and counted, not failed (so "add all matching" is not blocked by one):
    not approved any more, a form the province decides itself today, or already on a
    submission that waits for its result (this one included).
    """
    if isinstance(nominations, QuerySet):
        wanted = Nomination.objects.filter(pk__in=nominations.values("pk"))
    else:
        wanted = Nomination.objects.filter(pk__in=[n.pk for n in nominations])
    result = AddResult()
    today = timezone.localdate()
    with transaction.atomic():
        current = _locked(submission)
        _require_draft(current)
        _refuse_unless(rules.can_edit_central_submission(by, current))
        _require_list_not_published(current)
        rows = list(wanted.select_for_update(of=("self",)).order_by("nominating_unit__path", "id"))
        ids = [n.pk for n in rows]
        central = set(central_award_types(today).values_list("pk", flat=True))
        held = set(
            pending_central_lines()
            .filter(nomination__in=ids)
            .values_list("nomination_id", flat=True)
        )
        addable = []
        for nomination in rows:
            if nomination.state != NominationState.APPROVED:
                result.not_approved += 1
            elif nomination.award_type_id not in central:
                result.not_central += 1
            elif nomination.pk in held:
                result.elsewhere += 1
            else:
                addable.append(nomination)
        last = current.lines.aggregate(last=Max("sort_order"))["last"] or 0
        CentralSubmissionLine.objects.bulk_create(
            [
                CentralSubmissionLine(submission=current, nomination=nomination, sort_order=order)
                for order, nomination in enumerate(addable, start=last + 1)
            ]
        )
        result.added = len(addable)
        if addable:
            log_activity(
                current,
                CENTRAL_ADD,
                actor=by,
                data={"added": result.added, "nominations": [n.pk for n in addable]},
            )
    return result


def remove_central_nomination(line, *, by) -> None:
    """Take a nomination off a draft (it stays approved, free for another submission)."""
    with transaction.atomic():
        current = _locked(line.submission)
        _require_draft(current)
        _refuse_unless(rules.can_edit_central_submission(by, current))
        _require_list_not_published(current)
        deleted, _counts = CentralSubmissionLine.objects.filter(
            pk=line.pk, submission=current
        ).delete()
        if not deleted:
            raise CentralError(_("Hồ sơ này không còn trong tờ trình. Vui lòng tải lại trang."))
        log_activity(
            current,
            CENTRAL_REMOVE,
            actor=by,
            note=str(line.nomination),
            data={"line": line.pk, "nomination": line.nomination_id},
        )


# --- Sending ----------------------------------------------------------------------------


def _highest_number(issuer, year) -> int:
    numbers = CentralSubmission.objects.filter(issuer=issuer, year=year, number__isnull=False)
    return numbers.aggregate(highest=Max("number"))["highest"] or 0


def _set_state(current, new_state) -> str:
    """Move the locked ``current`` to ``new_state`` as ``SUBMISSION_TRANSITIONS`` allows;
    returns the previous state."""
    previous = current.state
    if new_state not in SUBMISSION_TRANSITIONS[previous]:
        raise CentralError(
            _("Không thể chuyển tờ trình từ “%(old)s” sang “%(new)s”.")
            % {"old": current.get_state_display(), "new": SubmissionState(new_state).label}
        )
    current.state = new_state
    return previous


def send_central_submission(submission, *, by, letter_date) -> CentralSubmission:
    """Send a draft: it takes the next tờ trình number of its issuer and year, each
    nomination's history says it was forwarded, and its package is built after commit.

    Refused, with nothing written and no number used up, when the draft is empty or
    one of its nominations is no longer approved or no longer of a central form on
    ``letter_date``.
    """
    _check_date(letter_date, _("Ngày tờ trình"))
    with transaction.atomic():
        current = _locked(submission)
        if current.state != SubmissionState.DRAFT:
            raise CentralError(
                _(
                    "Tờ trình này đã được trình (số %(reference)s), có thể bởi người khác "
                    "cùng lúc. Không trình lại."
                )
                % {"reference": current.reference}
            )
        _refuse_unless(rules.can_send_central_submission(by, current))
        lines = list(current.lines.select_related("nomination").order_by("sort_order", "id"))
        if not lines:
            raise CentralError(_("Tờ trình chưa có hồ sơ nào."))
        central = set(central_award_types(letter_date).values_list("pk", flat=True))
        stale = [
            line.nomination
            for line in lines
            if line.nomination.state != NominationState.APPROVED
            or line.nomination.award_type_id not in central
        ]
        if stale:
            raise CentralError(
                _(
                    "Những hồ sơ sau không còn ở trạng thái “Đã duyệt” hoặc không thuộc hình "
                    "thức do cấp trung ương quyết định ngày %(day)s: %(names)s. Bỏ chúng khỏi "
                    "tờ trình trước khi trình."
                )
                % {"day": short_date(letter_date), "names": "; ".join(str(n) for n in stale)}
            )
        refusal = consultation_refusal(current)
        if refusal:
            raise CentralError(refusal)
        year = letter_date.year
        current.number = next_number(
            current.issuer,
            PROPOSAL_SEQUENCE,
            year,
            floor=_highest_number(current.issuer, year),
        )
        current.year = year
        current.letter_date = letter_date
        current.sent_at = timezone.now()
        current.sent_by = by
        previous = _set_state(current, SubmissionState.SENT)
        current.save(
            update_fields=[
                "number",
                "year",
                "letter_date",
                "sent_at",
                "sent_by",
                "state",
                "updated_at",
            ]
        )
        note = _("Tờ trình số %(reference)s ngày %(date)s gửi %(addressee)s") % {
            "reference": current.reference,
            "date": short_date(letter_date),
            "addressee": current.get_addressee_display(),
        }
        log_activity(
            current,
            CENTRAL_SEND,
            actor=by,
            previous_state=previous,
            new_state=current.state,
            note=note,
            data={"reference": current.reference, "nominations": len(lines)},
        )
        for line in lines:
            log_activity(
                line.nomination,
                NOMINATION_FORWARDED,
                actor=by,
                note=note,
                data={"submission": current.pk},
            )
        _start_package(current, by=by, lines=len(lines))
    for field in ("number", "year", "letter_date", "sent_at", "sent_by", "state", "updated_at"):
        setattr(submission, field, getattr(current, field))
    return submission


# --- Recording the central result -------------------------------------------------------


def record_central_result(
    submission, *, by, decision_number, decision_date, issuer, outcomes, document=None
) -> CentralResult:
    """Record one decision of the central level on a sent submission.

    ``outcomes`` maps line ids to ``(CentralOutcome, reason)``; a reason is required
    when the nomination was not awarded.  ``document`` is an upload already checked
    by ``common.uploads`` (a PDF) or ``None``.  Each awarded nomination becomes
    AWARDED and each declined one REJECTED, through the nomination workflow, with the
    decision (and the reason) in its history.  Lines left out keep waiting: the
    submission is then "partly" decided, and "done" once every line has its outcome.
    """
    decision_number = (decision_number or "").strip()
    issuer = (issuer or "").strip()
    if not decision_number or not issuer:
        raise CentralError(_("Vui lòng nhập số quyết định và cấp quyết định."))
    _check_date(decision_date, _("Ngày quyết định"))
    given = {
        int(pk): (outcome, (reason or "").strip())
        for pk, (outcome, reason) in outcomes.items()
        if outcome in (CentralOutcome.AWARDED, CentralOutcome.NOT_AWARDED)
    }
    if not given:
        raise CentralError(_("Chọn kết quả cho ít nhất một hồ sơ."))
    stored = None
    try:
        with transaction.atomic():
            current = _locked(submission)
            _refuse_unless(rules.can_record_central_result(by, current))
            if decision_date < current.letter_date:
                raise CentralError(
                    _("Ngày quyết định (%(day)s) không thể trước ngày tờ trình (%(letter)s).")
                    % {
                        "day": short_date(decision_date),
                        "letter": short_date(current.letter_date),
                    }
                )
            lines = {
                line.pk: line
                for line in current.lines.select_for_update(of=("self",))
                .select_related("nomination")
                .filter(pk__in=given)
            }
            problems = []
            for pk, (outcome, reason) in given.items():
                line = lines.get(pk)
                if line is None or line.outcome != CentralOutcome.PENDING:
                    problems.append(
                        _(
                            "Một hồ sơ đã có kết quả hoặc không còn trong tờ trình. "
                            "Vui lòng tải lại trang."
                        )
                    )
                elif outcome == CentralOutcome.NOT_AWARDED and not reason:
                    problems.append(
                        _("%(name)s: ghi rõ lý do không được khen.") % {"name": line.nomination}
                    )
            if problems:
                raise CentralError(" ".join(dict.fromkeys(problems)))
            result = CentralResult(
                submission=current,
                decision_number=decision_number,
                decision_date=decision_date,
                issuer=issuer,
                recorded_by=by,
            )
            if document is not None:
                result.document.save(f"upload{document.extension}", document.content, save=False)
                stored = result.document
            result.save()
            note = _("Quyết định số %(number)s ngày %(date)s của %(issuer)s") % {
                "number": decision_number,
                "date": short_date(decision_date),
                "issuer": issuer,
            }
            counts = {CentralOutcome.AWARDED: 0, CentralOutcome.NOT_AWARDED: 0}
            for pk in sorted(given):
                outcome, reason = given[pk]
                line = lines[pk]
                if outcome == CentralOutcome.AWARDED:
                    target, why = NominationState.AWARDED, note
                else:
                    target = NominationState.REJECTED
                    why = _("%(note)s: không được khen. Lý do: %(reason)s") % {
                        "note": note,
                        "reason": reason,
                    }
                try:
                    set_nomination_state(line.nomination, target, actor=by, reason=why)
                except WorkflowError as error:
                    raise CentralError(f"{line.nomination}: {error}") from error
                line.outcome = outcome
                line.reason = reason if outcome == CentralOutcome.NOT_AWARDED else ""
                line.result = result
                line.save(update_fields=["outcome", "reason", "result", "updated_at"])
                counts[outcome] += 1
            refresh_award_fields(Nomination.objects.filter(central_lines__pk__in=sorted(given)))
            waiting = current.lines.filter(outcome=CentralOutcome.PENDING).exists()
            previous = _set_state(
                current, SubmissionState.PARTLY if waiting else SubmissionState.DONE
            )
            current.save(update_fields=["state", "updated_at"])
            log_activity(
                current,
                CENTRAL_RESULT,
                actor=by,
                previous_state=previous,
                new_state=current.state,
                note=note,
                data={
                    "result": result.pk,
                    "awarded": counts[CentralOutcome.AWARDED],
                    "not_awarded": counts[CentralOutcome.NOT_AWARDED],
                },
            )
    except Exception:
        if stored:
            stored.storage.delete(stored.name)
        raise
    submission.state = current.state
    return result


# --- The package ------------------------------------------------------------------------


def _start_package(current, *, by, lines) -> CentralPackage:
    package = CentralPackage.objects.create(
        submission=current, state=RunState.PENDING, total=2 + lines, requested_by=by
    )
    build_central_package.delay(package_id=package.pk)
    return package


def start_central_package(submission, *, by) -> CentralPackage:
    """Build the submission's package again in the background (a draft's, to check it
    before sending, or after a failure); refused while a build is under way."""
    with transaction.atomic():
        current = _locked(submission)
        _refuse_unless(rules.can_build_central_package(by, current))
        latest = current.packages.order_by("-created_at", "-id").first()
        if central_package_is_active(latest):
            raise CentralError(_("Đang tạo bộ hồ sơ: xin chờ lượt này xong."))
        if latest is not None and latest.is_stale():
            raise CentralError(_("Lượt tạo bộ hồ sơ trước đang dừng: bấm “Tiếp tục” để tạo nốt."))
        return _start_package(current, by=by, lines=current.lines.count())


def resume_central_package(package, *, by) -> CentralPackage:
    """Give a package build whose worker is gone to a worker again, now.  A build that
    is alive, finished or failed is refused and nothing changes."""
    with transaction.atomic():
        _locked(package.submission)
        locked = (
            CentralPackage.objects.select_for_update(of=("self",))
            .select_related("submission")
            .get(pk=package.pk)
        )
        if not rules.can_resume_central_package(by, locked):
            raise CentralError(
                _("Lượt tạo bộ hồ sơ này vẫn đang chạy hoặc đã kết thúc: không cần tiếp tục.")
            )
        previous = locked.state
        locked.state = RunState.PENDING
        locked.save(update_fields=["state", "updated_at"])
        remove_scratch(locked)
        log_activity(
            locked.submission,
            CENTRAL_PACKAGE_RESUME,
            actor=by,
            previous_state=previous,
            new_state=locked.state,
            data={"package": locked.pk},
        )
        build_central_package.delay(package_id=locked.pk)
    return locked
