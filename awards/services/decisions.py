"""Award decisions: composing a draft, issuing it with its number, revoking it.

A decision is drafted by its issuer's people (``rules.acts_for_issuer``: the
unit's members, provincial staff for any issuer), filled with recipient lines
taken from approved nominations, and issued by the issuer's leaders: issuing
checks again the issuer's authority (the authority table in force on the signed
date, ``awards.authority``) and that every line's subject lies in the issuer's
branch, freezes every amount, takes the next number of the issuer and year from a row-locked
:class:`NumberSequence` (gap-free: a rolled-back issue gives its number back),
numbers the golden register, creates one certificate per line,
marks the nominations awarded through the nomination workflow, logs, and
queues the certificate rendering after commit.

Every function that changes a decision takes the acting user (``by``), locks
the decision's row first and re-reads it, and asks the same ``awards.rules``
predicate as the page that offers the action, so two people acting at once are
served one after the other, the second gets a clear :class:`DecisionError`
instead of a lost update or a 500, and a user the page would not serve is
refused here too.  The state changes themselves (draft → issued → revoked, as
``enums.DECISION_TRANSITIONS`` allows) all go through :func:`set_decision_state`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import validate_happened_date
from common.models import ActivityLog, log_activity
from common.pdf.letterhead import issuer_snapshot
from common.templatetags.vn import vndate
from units.enums import UnitLevel
from units.selectors import has_signers, signature_fields

from .. import authority, rules
from ..activity import (
    CERTIFICATE_REVOKE,
    DECISION_ADD_RECIPIENTS,
    DECISION_CREATE,
    DECISION_EDIT,
    DECISION_ISSUE,
    DECISION_REMOVE_RECIPIENT,
    DECISION_REVOKE,
    DECISION_REVOKE_RECIPIENT,
)
from ..enums import (
    DECISION_TRANSITIONS,
    AwardKind,
    CertificateState,
    DecisionState,
    NominationState,
    RoundingMode,
)
from ..models import AwardDecision, Certificate, Nomination, NumberSequence, Recipient
from ..selectors import lines_holding_nominations, subject_counts
from .bonus import BonusError, compute_bonus, explain, raw_amount, vn_number
from .certificates import start_run
from .nominations import WorkflowError, set_nominations_state
from .outcomes import refresh_award_fields

#: Names of the gap-free counters kept in ``NumberSequence``.
DECISION_SEQUENCE = "decision"
REGISTER_SEQUENCE = "golden_register"  # one per issuer, never restarts (year 0)
#: An issuer's proposal letters (tờ trình: up a level, or to the central level), one
#: register per issuer and year.
PROPOSAL_SEQUENCE = "proposal"

# Default wording of a decision.  These are the text of an official Vietnamese
# document, not interface text, so they are not translated; staff edit them
# on the form.
DEFAULT_CITATION = "Đã có thành tích xuất sắc trong phong trào thi đua phòng, chống dịch COVID-19"
LAW_ON_EMULATION = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE_ON_EMULATION = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều "
    "của Luật Thi đua, khen thưởng;"
)
PROVINCE_LEGAL_BASIS = "\n".join(
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
        LAW_ON_EMULATION,
        DECREE_ON_EMULATION,
        "Xét đề nghị của Giám đốc Sở Nội vụ.",
    ]
)
UNIT_LEGAL_BASIS = "\n".join(
    [
        LAW_ON_EMULATION,
        DECREE_ON_EMULATION,
        "Xét đề nghị của bộ phận phụ trách công tác thi đua, khen thưởng.",
    ]
)
PROVINCE_EXECUTORS = (
    "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, "
    "đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành "
    "Quyết định này."
)
UNIT_EXECUTORS = (
    "Thủ trưởng các phòng, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 "
    "chịu trách nhiệm thi hành Quyết định này."
)
DEFAULT_DISTRIBUTION = "Như Điều 3;\nLưu: VT."

#: Longest certificate serial the model accepts.
SERIAL_LENGTH = 32


class DecisionError(Exception):
    """The decision cannot be changed this way; the message is shown to the user as is."""


def _refuse_unless(allowed: bool) -> None:
    """Refuse a user the page would not serve (the view asks the same predicate)."""
    if not allowed:
        raise DecisionError(
            _("Bạn không có quyền thực hiện thao tác này với quyết định ở trạng thái hiện tại.")
        )


# --- Defaults ---------------------------------------------------------------------------


def default_symbol(issuer) -> str:
    """ "QĐ-UBND": the document type and the issuer's symbol."""
    return f"QĐ-{issuer.document_symbol}" if issuer.document_symbol else "QĐ"


def default_legal_basis(issuer) -> str:
    return PROVINCE_LEGAL_BASIS if issuer.level == UnitLevel.PROVINCE else UNIT_LEGAL_BASIS


def default_executors(issuer) -> str:
    return PROVINCE_EXECUTORS if issuer.level == UnitLevel.PROVINCE else UNIT_EXECUTORS


# --- Authority --------------------------------------------------------------------------


def check_authority(issuer, award_type, day) -> None:
    """Refuse a title or form the head of ``issuer`` may not decide on ``day`` (the
    decision's signed date), per the authority table in force that day."""
    if authority.may_decide(issuer, award_type, day):
        return
    rows = authority.rows_in_force(award_type, day)
    values = {
        "issuer": issuer.name,
        "award": award_type.name,
        "day": day.strftime("%d/%m/%Y"),
        "deciders": ", ".join(authority.deciders(rows)),
    }
    if not rows:
        raise DecisionError(
            _(
                "Bảng thẩm quyền chưa có quy định nào còn hiệu lực ngày %(day)s cho "
                "“%(award)s”: đề nghị quản trị viên bổ sung trước khi ra quyết định."
            )
            % values
        )
    if all(row.is_central for row in rows):
        raise DecisionError(
            _(
                "“%(award)s” do %(deciders)s quyết định: %(issuer)s không được tự ra quyết "
                "định tặng mà phải lập hồ sơ trình cấp trên (khen cao)."
            )
            % values
        )
    raise DecisionError(
        _(
            "%(issuer)s không có thẩm quyền quyết định tặng “%(award)s” (ngày %(day)s). "
            "Thẩm quyền quyết định thuộc: %(deciders)s."
        )
        % values
    )


#: How many subjects outside the branch a refusal names before "and N more".
BRANCH_NAMES_SHOWN = 5


def check_in_branch(issuer, subjects) -> None:
    """Refuse subjects outside ``issuer``'s branch: a unit awards only its own people
    and the units below it.  ``subjects`` are recipient lines or nominations (their
    ``unit`` or ``individual.unit`` loaded)."""
    outside = [s for s in subjects if not authority.in_branch(issuer, authority.subject_unit(s))]
    if not outside:
        return
    names = [
        f"{s.subject_name} ({authority.subject_unit(s).name})" for s in outside[:BRANCH_NAMES_SHOWN]
    ]
    if len(outside) > BRANCH_NAMES_SHOWN:
        names.append(
            _("và %(count)d trường hợp khác") % {"count": len(outside) - BRANCH_NAMES_SHOWN}
        )
    raise DecisionError(
        _(
            "%(issuer)s chỉ khen thưởng người, tập thể của đơn vị mình và các đơn vị trực "
            "thuộc; không thuộc phạm vi này: %(names)s."
        )
        % {"issuer": issuer.name, "names": "; ".join(names)}
    )


def _check_fixed_amount(award_type, fixed_amount) -> None:
    if fixed_amount and award_type.kind != AwardKind.NON_STATUTORY:
        raise DecisionError(
            _(
                "Mức thưởng cố định chỉ dùng cho hình thức không có hệ số (thư khen, thưởng "
                "nóng); tiền thưởng của “%(award)s” tính theo hệ số và lương cơ sở."
            )
            % {"award": award_type.name}
        )


# --- Signer -----------------------------------------------------------------------------

#: The signature block as the decision prints it (frozen text, filled from the signer).
SIGNER_TEXT_FIELDS = ("signer_name", "signer_title", "signer_authority", "signer_capacity")


def signer_text(signer, issuer, signed_date) -> dict:
    """The signature block of ``signer`` for a decision of ``issuer`` signed on
    ``signed_date``, as the decision's text fields; refused when the signer is
    not one of the issuer's, or not in force on that day."""
    if signer.unit_id != issuer.pk:
        raise DecisionError(
            _("%(name)s không phải người ký văn bản của %(issuer)s.")
            % {"name": signer.full_name, "issuer": issuer.name}
        )
    if not signer.is_in_force_on(signed_date):
        raise DecisionError(
            _("%(name)s không phải người ký văn bản của %(issuer)s vào ngày %(date)s.")
            % {"name": signer.full_name, "issuer": issuer.name, "date": vndate(signed_date)}
        )
    block = signature_fields(signer, issuer)
    return {
        "signer_name": block["name"],
        "signer_title": block["title"],
        "signer_authority": block["authority"],
        "signer_capacity": block["capacity"],
    }


def _require_listed_signer(issuer, signed_date) -> None:
    """A unit with signers in force on the day names one of them; typing is for the others."""
    if has_signers(issuer, day=signed_date):
        raise DecisionError(
            _(
                "%(issuer)s có danh sách người ký: vui lòng chọn người ký trong danh sách "
                "thay vì nhập tay."
            )
            % {"issuer": issuer.name}
        )


# --- Drafting ---------------------------------------------------------------------------


def _locked(decision) -> AwardDecision:
    """The decision's row, locked until the end of the transaction, as it is now."""
    return (
        AwardDecision.objects.select_for_update(of=("self",))
        .select_related("issuer", "award_type")
        .get(pk=decision.pk)
    )


def _require_draft(decision) -> None:
    if decision.state == DecisionState.DRAFT:
        return
    raise DecisionError(
        _(
            "Quyết định số %(reference)s đã ban hành (trạng thái: “%(state)s”): "
            "không thể sửa nữa. Vui lòng tải lại trang."
        )
        % {"reference": decision.reference, "state": decision.get_state_display()}
    )


def _copy_fields(source, target, fields) -> None:
    for field in fields:
        setattr(target, field, getattr(source, field))


def _check_signed_date(signed_date) -> None:
    """A decision is signed on a real day: from 2000 to today (common.dates)."""
    try:
        validate_happened_date(signed_date)
    except ValidationError as error:
        raise DecisionError(_("Ngày ký: %(reason)s") % {"reason": error.messages[0]}) from error


def create_decision(
    *,
    by,
    issuer,
    award_type,
    signed_date,
    signer=None,
    signer_name="",
    signer_title="",
    signer_authority="",
    signer_capacity="",
    citation=DEFAULT_CITATION,
    place="",
    rounding_mode=RoundingMode.UP,
    campaign=None,
    symbol="",
    legal_basis=None,
    executors=None,
    distribution=None,
    fixed_amount=None,
) -> AwardDecision:
    """A new draft decision.  Blank symbol and place come from the issuer; ``None``
    for the legal basis, executors and distribution means the default wording.

    ``signer`` (one of the issuer's ``UnitSigner`` in force on the signing day)
    fills the four signer texts from its signature block; without one, the
    texts are as typed, which only an issuer with no signer in force allows.
    """
    _refuse_unless(rules.can_create_decision(by, issuer))
    _check_signed_date(signed_date)
    check_authority(issuer, award_type, signed_date)
    _check_fixed_amount(award_type, fixed_amount)
    if signer is not None:
        signed = signer_text(signer, issuer, signed_date)
    else:
        _require_listed_signer(issuer, signed_date)
        signed = {
            "signer_name": signer_name,
            "signer_title": signer_title,
            "signer_authority": signer_authority,
            "signer_capacity": signer_capacity,
        }
    if not (signed["signer_name"].strip() and signed["signer_title"].strip()):
        raise DecisionError(_("Vui lòng ghi họ tên và chức vụ người ký."))
    with transaction.atomic():
        decision = AwardDecision.objects.create(
            issuer=issuer,
            award_type=award_type,
            campaign=campaign,
            year=signed_date.year,
            symbol=symbol or default_symbol(issuer),
            signed_date=signed_date,
            place=place or issuer.place_name,
            signer=signer,
            **signed,
            citation=citation,
            legal_basis=default_legal_basis(issuer) if legal_basis is None else legal_basis,
            executors=default_executors(issuer) if executors is None else executors,
            distribution=DEFAULT_DISTRIBUTION if distribution is None else distribution,
            fixed_amount=fixed_amount or None,
            rounding_mode=rounding_mode,
            created_by=by,
        )
        log_activity(decision, DECISION_CREATE, actor=by, new_state=DecisionState.DRAFT)
    return decision


#: What ``update_decision`` may change on a draft.
EDITABLE_FIELDS = (
    "issuer",
    "award_type",
    "campaign",
    "symbol",
    "signed_date",
    "place",
    "signer",
    "signer_name",
    "signer_title",
    "signer_authority",
    "signer_capacity",
    "citation",
    "legal_basis",
    "executors",
    "distribution",
    "fixed_amount",
    "rounding_mode",
)


def update_decision(decision, *, by, **changes) -> AwardDecision:
    """Change a draft's header; amounts are recomputed (the date or rounding may change)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = _locked(decision)
        _require_draft(current)
        _refuse_unless(rules.can_edit_decision(by, current))
        award_type = changes.get("award_type", current.award_type)
        if award_type.pk != current.award_type_id and current.recipients.exists():
            raise DecisionError(
                _(
                    "Quyết định đã có danh sách được khen theo “%(award)s”: xóa các dòng "
                    "trước khi đổi danh hiệu, hình thức."
                )
                % {"award": current.award_type.name}
            )
        if "signed_date" in changes:
            _check_signed_date(changes["signed_date"])
        issuer = changes.get("issuer", current.issuer)
        _refuse_unless(rules.can_create_decision(by, issuer))
        check_authority(issuer, award_type, changes.get("signed_date", current.signed_date))
        _check_fixed_amount(award_type, changes.get("fixed_amount", current.fixed_amount))
        if issuer.pk != current.issuer_id:
            check_in_branch(issuer, _active_lines(current))
        old_issuer = current.issuer
        for field, value in changes.items():
            setattr(current, field, value)
        if current.issuer_id != old_issuer.pk:
            # Wording that was the old issuer's default follows the new issuer.
            if current.symbol == default_symbol(old_issuer):
                current.symbol = default_symbol(current.issuer)
            if current.place == old_issuer.place_name:
                current.place = current.issuer.place_name
        if not current.symbol:
            current.symbol = default_symbol(current.issuer)
        if not current.place:
            current.place = current.issuer.place_name
        if current.signer is not None:
            # The block follows the signer (and the issuer's titles) as they are now.
            for field, value in signer_text(
                current.signer, current.issuer, current.signed_date
            ).items():
                setattr(current, field, value)
        elif {"issuer", "signed_date", "signer", *SIGNER_TEXT_FIELDS} & set(changes):
            _require_listed_signer(current.issuer, current.signed_date)
        current.fixed_amount = current.fixed_amount or None
        current.year = current.signed_date.year
        current.save()
        _recompute(current, strict=False)
        log_activity(current, DECISION_EDIT, actor=by, data={"fields": sorted(changes)})
    _copy_fields(current, decision, [*EDITABLE_FIELDS, "year", "updated_at"])
    return decision


# --- Recipient lines --------------------------------------------------------------------


def position_and_unit(*, individual=None, unit=None) -> str:
    """The line printed under the name: "Bác sĩ, Khoa Hồi sức tích cực, Bệnh viện …".

    An individual: position and unit, with the unit above when both are
    base-level units (a ward inside its hospital).  A collective: the unit it
    belongs to, unless that is the province itself.
    """
    if unit is not None:
        parent = unit.parent
        return parent.name if parent is not None and parent.level != UnitLevel.PROVINCE else ""
    own = individual.unit
    parts = [individual.position, own.name]
    parent = own.parent
    if parent is not None and own.level == UnitLevel.BASE and parent.level == UnitLevel.BASE:
        parts.append(parent.name)
    return ", ".join(part for part in parts if part)


class _Figures:
    """Bonus figures per subject type for one decision, computed once each."""

    def __init__(self, decision):
        self.decision = decision
        self._cache = {}

    def get(self, subject_type):
        """(figures, None) or (None, error message)."""
        if subject_type not in self._cache:
            d = self.decision
            try:
                self._cache[subject_type] = (
                    compute_bonus(
                        award_type=d.award_type,
                        subject_type=subject_type,
                        on_date=d.signed_date,
                        rounding_mode=d.rounding_mode,
                        fixed_amount=d.fixed_amount,
                    ),
                    None,
                )
            except BonusError as error:
                self._cache[subject_type] = (None, str(error))
        return self._cache[subject_type]

    def apply(self, line, *, strict):
        figures, error = self.get(line.subject_type)
        if error and strict:
            raise DecisionError(error)
        line.coefficient = figures.coefficient if figures else None
        line.multiplier = figures.multiplier if figures else None
        line.base_salary = figures.base_salary if figures else None
        line.amount = figures.amount if figures else 0
        return error


FIGURE_FIELDS = ["coefficient", "multiplier", "base_salary", "amount"]


def _active_lines(decision):
    return (
        decision.recipients.filter(revoked_at__isnull=True)
        .select_related("individual__unit", "unit", "nomination")
        .order_by("sort_order", "id")
    )


def _recompute(decision, lines=None, *, strict) -> list[str]:
    """Store every line's figures: lines of one subject type get the same figures, so
    it is one UPDATE per subject type, whatever the number of lines."""
    lines = list(_active_lines(decision)) if lines is None else lines
    figures = _Figures(decision)
    errors = [figures.apply(line, strict=strict) for line in lines]
    by_type = {}
    for line in lines:
        by_type.setdefault(line.subject_type, []).append(line)
    for same in by_type.values():
        Recipient.objects.filter(pk__in=[line.pk for line in same]).update(
            **{field: getattr(same[0], field) for field in FIGURE_FIELDS}, updated_at=timezone.now()
        )
    return sorted({e for e in errors if e})


def recompute_amounts(decision, *, by) -> list[str]:
    """Compute every line of a draft again (after its date or rounding changed).

    Lines whose title or form has no coefficient in force get no figures and
    0 đ; the messages are returned, and issuing is refused until an
    administrator enters the missing values.
    """
    with transaction.atomic():
        current = _locked(decision)
        _require_draft(current)
        _refuse_unless(rules.can_edit_decision(by, current))
        return _recompute(current, strict=False)


@dataclass
class AddResult:
    """What ``add_recipients`` did with each nomination it was given."""

    added: int = 0
    already_listed: int = 0
    on_other_decision: int = 0
    not_approved: int = 0
    other_award_type: int = 0

    @property
    def skipped(self) -> int:
        return (
            self.already_listed + self.on_other_decision + self.not_approved + self.other_award_type
        )


def add_recipients(decision, nominations, *, by) -> AddResult:
    """Turn approved nominations of the decision's title or form into recipient lines.

    ``nominations`` is a queryset or an iterable of nominations.  Nominations
    that cannot be added are skipped and counted, not failed, so that "add all
    matching" is not blocked by one row someone changed meanwhile: not
    approved, another title or form, already on this decision, or already on
    another draft or issued decision.  A subject outside the issuer's branch
    refuses the whole call (:func:`check_in_branch`): nothing is added.  Amounts
    are computed on the decision's date and stored on each line with every figure.
    """
    if isinstance(nominations, QuerySet):
        wanted = Nomination.objects.filter(pk__in=nominations.values("pk"))
    else:
        wanted = Nomination.objects.filter(pk__in=[n.pk for n in nominations])
    result = AddResult()
    with transaction.atomic():
        current = _locked(decision)
        _require_draft(current)
        _refuse_unless(rules.can_edit_decision(by, current))
        rows = list(
            wanted.select_for_update(of=("self",))
            .select_related("individual__unit__parent", "unit__parent", "nominating_unit")
            .order_by("nominating_unit__path", "id")
        )
        ids = [n.pk for n in rows]
        listed = set(
            current.recipients.filter(nomination__in=ids).values_list("nomination_id", flat=True)
        )
        elsewhere = set(
            lines_holding_nominations()
            .filter(nomination__in=ids)
            .exclude(decision=current)
            .values_list("nomination_id", flat=True)
        )
        last = current.recipients.order_by("-sort_order").values_list("sort_order", flat=True)
        order = last.first() or 0
        figures = _Figures(current)
        addable = []
        for nomination in rows:
            if nomination.state != NominationState.APPROVED:
                result.not_approved += 1
            elif nomination.award_type_id != current.award_type_id:
                result.other_award_type += 1
            elif nomination.pk in listed:
                result.already_listed += 1
            elif nomination.pk in elsewhere:
                result.on_other_decision += 1
            else:
                addable.append(nomination)
        # Unlike the skips above, a subject outside the branch refuses the whole call.
        check_in_branch(current.issuer, addable)
        new_lines = []
        for sort_order, nomination in enumerate(addable, start=order + 1):
            line = Recipient(
                decision=current,
                nomination=nomination,
                individual=nomination.individual,
                unit=nomination.unit,
                position_and_unit=position_and_unit(
                    individual=nomination.individual, unit=nomination.unit
                )[:500],
                sort_order=sort_order,
            )
            figures.apply(line, strict=False)
            new_lines.append(line)
        Recipient.objects.bulk_create(new_lines, batch_size=500)
        result.added = len(new_lines)
        if new_lines:
            log_activity(
                current,
                DECISION_ADD_RECIPIENTS,
                actor=by,
                data={"added": result.added, "nominations": [n.nomination_id for n in new_lines]},
            )
    return result


def remove_recipient(line, *, by) -> None:
    """Take a line off a draft (its nomination stays approved, free for another decision)."""
    with transaction.atomic():
        current = _locked(line.decision)
        _require_draft(current)
        _refuse_unless(rules.can_edit_decision(by, current))
        deleted, _counts = Recipient.objects.filter(pk=line.pk, decision=current).delete()
        if not deleted:
            raise DecisionError(_("Dòng này không còn trong quyết định. Vui lòng tải lại trang."))
        log_activity(
            current,
            DECISION_REMOVE_RECIPIENT,
            actor=by,
            note=line.subject_name,
            data={"recipient": line.pk, "nomination": line.nomination_id},
        )


def decision_warnings(decision) -> list[str]:
    """What would stop a draft from being issued, said before anyone clicks "issue"."""
    if decision.state != DecisionState.DRAFT:
        return []
    warnings = []
    lines = list(_active_lines(decision))
    for check in (
        lambda: check_authority(decision.issuer, decision.award_type, decision.signed_date),
        lambda: check_in_branch(decision.issuer, lines),
    ):
        try:
            check()
        except DecisionError as error:
            warnings.append(str(error))
    if not lines:
        warnings.append(_("Quyết định chưa có người, tập thể nào được khen."))
    figures = _Figures(decision)
    for subject_type in sorted({line.subject_type for line in lines}):
        _figures, error = figures.get(subject_type)
        if error:
            warnings.append(error)
    warnings.extend(_stale_nominations(lines))
    return warnings


def _stale_nominations(lines) -> list[str]:
    return [
        _("Hồ sơ của %(name)s không còn ở trạng thái “Đã duyệt” (hiện tại: “%(state)s”).")
        % {"name": line.subject_name, "state": line.nomination.get_state_display()}
        for line in lines
        if line.nomination is not None and line.nomination.state != NominationState.APPROVED
    ]


def estimate_amounts(decision, nominations):
    """What the matching ``nominations`` would get on ``decision``, before adding them.

    Returns ``(amount per subject type, total, problems)``: a subject type whose
    figures cannot be computed is left out of the total, and its reason is one
    of the problems.
    """
    per_type, total, problems = {}, Decimal(0), []
    figures = _Figures(decision)
    for subject_type, count in subject_counts(nominations).items():
        found, error = figures.get(subject_type)
        if error:
            problems.append(error)
            continue
        per_type[subject_type] = found.amount
        total += found.amount * count
    return per_type, int(total), problems


@dataclass
class LineRow:
    """One recipient line with its figures as the finance office reads them."""

    line: Recipient
    coefficient: str
    multiplier: str
    raw_amount: str
    explanation: str
    certificate: object


def line_rows(lines) -> list[LineRow]:
    """Each line with its figures written out, and its current (else latest) certificate."""
    rows = []
    for line in lines:
        has_figures = None not in (line.coefficient, line.multiplier, line.base_salary)
        certificates = list(line.certificates.all())
        current = next((c for c in certificates if c.state == CertificateState.VALID), None)
        rows.append(
            LineRow(
                line=line,
                coefficient=vn_number(line.coefficient) if has_figures else "",
                multiplier=vn_number(line.multiplier) if has_figures else "",
                raw_amount=(
                    vn_number(raw_amount(line.coefficient, line.multiplier, line.base_salary))
                    if has_figures
                    else ""
                ),
                explanation=(
                    explain(line.coefficient, line.multiplier, line.base_salary, line.amount)
                    if has_figures
                    else ""
                ),
                certificate=current or (certificates[-1] if certificates else None),
            )
        )
    return rows


# --- Issuing ----------------------------------------------------------------------------


def next_number(issuer, name, year, *, count=1, floor=0) -> int:
    """Take ``count`` numbers from a gap-free sequence; return the first of them.

    Call inside ``transaction.atomic()``: the sequence row stays locked until
    the transaction ends, so a concurrent issue waits and then continues
    after the number taken here, and a rollback gives the numbers back.  The
    first use of a sequence creates its row; when two transactions create it
    at once, the loser's INSERT fails on the unique constraint and it locks
    the winner's row instead.  ``floor`` is the highest number already used
    outside the sequence (decisions entered by an administrator or imported):
    the sequence continues after it rather than colliding with it.
    """
    lookup = {"issuer": issuer, "name": name, "year": year}
    for _attempt in range(3):
        row = NumberSequence.objects.select_for_update().filter(**lookup).first()
        if row is not None:
            break
        try:
            with transaction.atomic():
                row = NumberSequence.objects.create(**lookup)
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - three lost races in a row
        raise DecisionError(_("Không cấp được số. Vui lòng thử lại."))
    first = max(row.last_value, floor) + 1
    row.last_value = first + count - 1
    row.save(update_fields=["last_value"])
    return first


def _highest_number(issuer, year) -> int:
    numbers = AwardDecision.objects.filter(issuer=issuer, year=year, number__isnull=False)
    return numbers.aggregate(highest=Max("number"))["highest"] or 0


def expected_number(decision) -> int:
    """The number issuing would give now (another issue may still come first)."""
    year = decision.signed_date.year
    sequence = NumberSequence.objects.filter(
        issuer=decision.issuer, name=DECISION_SEQUENCE, year=year
    ).first()
    return max(sequence.last_value if sequence else 0, _highest_number(decision.issuer, year)) + 1


def certificate_serial(issuer, year, number, index) -> str:
    """ "UBND-TINH-BEN-TRE-2021-0012-003": unique, and at most 32 characters."""
    suffix = f"-{year}-{number:04d}-{index:03d}"
    prefix = issuer.code.upper()
    if len(prefix) + len(suffix) > SERIAL_LENGTH:
        prefix = f"DV{issuer.pk}"
    return prefix + suffix


def _store_register_numbers(lines) -> None:
    """Write each line's ``golden_register_number``.  On PostgreSQL one UPDATE joined
    to the (id, number) pairs, linear in the lines; Django's ``bulk_update`` writes a
    CASE with a branch per line, which costs lines × lines (27 s for 5,000), so
    elsewhere (SQLite, the tests) it goes in batches of 500."""
    if not lines:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{Recipient._meta.db_table}" AS r '  # noqa: S608 - our own table name
                "SET golden_register_number = v.number "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(id, number) WHERE r.id = v.id",
                [[line.pk for line in lines], [line.golden_register_number for line in lines]],
            )
        return
    Recipient.objects.bulk_update(lines, ["golden_register_number"], batch_size=500)


def _issue(current, *, by, reason) -> tuple[list[str], dict]:
    """Number and freeze a locked draft, award its nominations; the state is set by
    :func:`set_decision_state`.  Returns the fields it changed and the log data."""
    _check_signed_date(current.signed_date)
    check_authority(current.issuer, current.award_type, current.signed_date)
    lines = list(_active_lines(current))
    check_in_branch(current.issuer, lines)
    if not lines:
        raise DecisionError(_("Quyết định chưa có người, tập thể nào được khen."))
    stale = _stale_nominations(lines)
    if stale:
        raise DecisionError(" ".join(stale))
    _recompute(current, lines, strict=True)

    year = current.signed_date.year
    number = next_number(
        current.issuer, DECISION_SEQUENCE, year, floor=_highest_number(current.issuer, year)
    )
    # A cash-only award (thưởng nóng) prints nothing: no register number, no certificate.
    printed = lines if current.award_type.prints_certificates else []
    first_register = (
        next_number(current.issuer, REGISTER_SEQUENCE, 0, count=len(printed)) if printed else 0
    )
    for index, line in enumerate(printed):
        line.golden_register_number = str(first_register + index)
    _store_register_numbers(printed)
    Certificate.objects.bulk_create(
        [
            Certificate(
                recipient=line,
                serial=certificate_serial(current.issuer, year, number, index),
                state=CertificateState.VALID,
            )
            for index, line in enumerate(printed, start=1)
        ]
    )
    current.year = year
    current.number = number
    current.issued_at = timezone.now()
    current.issued_by = by
    # The document's text is frozen now: the signer's block as it stands today, and
    # the issuer's heading, which a later rename or merger of the unit leaves alone.
    if current.signer is not None:
        for field, value in signer_text(
            current.signer, current.issuer, current.signed_date
        ).items():
            setattr(current, field, value)
    current.issuer_snapshot = issuer_snapshot(current.issuer)

    note = _("Quyết định số %(reference)s ngày %(date)s") % {
        "reference": current.reference,
        "date": current.signed_date.strftime("%d/%m/%Y"),
    }
    try:  # every line's nomination at once: one lock, one UPDATE, one INSERT of log rows
        set_nominations_state(
            [line.nomination for line in lines if line.nomination is not None],
            NominationState.AWARDED,
            actor=by,
            reason=note,
        )
    except WorkflowError as error:
        raise DecisionError(str(error)) from error
    return ["year", "number", "issued_at", "issued_by", "issuer_snapshot", *SIGNER_TEXT_FIELDS], {
        "reference": current.reference,
        "recipients": len(lines),
        "total": sum(line.amount for line in lines),
        "golden_register": [first_register, first_register + len(printed) - 1] if printed else [],
    }


def _revoke(current, *, by, reason) -> tuple[list[str], dict]:
    """Revoke every line and valid certificate of a locked, issued decision."""
    now = timezone.now()
    lines = current.recipients.filter(revoked_at__isnull=True)
    revoked_lines = lines.update(revoked_at=now, revoked_reason=reason, updated_at=now)
    revoked_certificates = _revoke_certificates(
        Certificate.objects.filter(recipient__decision=current), by=by, reason=reason, now=now
    )
    current.revoked_at = now
    current.revoked_reason = reason
    return ["revoked_at", "revoked_reason"], {
        "recipients": revoked_lines,
        "certificates": revoked_certificates,
    }


#: target state -> (who may move a decision there, what the move does, its log action)
_STATE_CHANGES = {
    DecisionState.ISSUED: (rules.can_issue_decision, _issue, DECISION_ISSUE),
    DecisionState.REVOKED: (rules.can_revoke_decision, _revoke, DECISION_REVOKE),
}


def _refusal(current, seen_state, new_state) -> str:
    """Why ``current`` (locked, fresh) cannot move to ``new_state`` from the caller's copy."""
    if new_state == DecisionState.ISSUED and current.state != DecisionState.DRAFT:
        return _(
            "Quyết định này đã được ban hành (số %(reference)s), có thể bởi người khác "
            "cùng lúc. Không ban hành lại."
        ) % {"reference": current.reference}
    if new_state == DecisionState.REVOKED and current.state == DecisionState.REVOKED:
        return _("Quyết định này đã bị thu hồi.")
    if new_state == DecisionState.REVOKED and current.state == DecisionState.DRAFT:
        return _("Dự thảo chưa ban hành: không có gì để thu hồi.")
    if current.state != seen_state:
        return _(
            "Quyết định vừa được cập nhật bởi người khác (trạng thái hiện tại: "
            "“%(state)s”). Vui lòng tải lại trang."
        ) % {"state": current.get_state_display()}
    return _("Không thể chuyển quyết định từ “%(old)s” sang “%(new)s”.") % {
        "old": current.get_state_display(),
        "new": DecisionState(new_state).label,
    }


def set_decision_state(decision, new_state, *, by, reason="") -> AwardDecision:
    """Move ``decision`` to ``new_state`` or raise :class:`DecisionError`.

    The row is locked and re-read; a copy whose state is no longer the stored
    one is refused, as is a move outside ``DECISION_TRANSITIONS`` or one the
    user's rule predicate does not allow.  The move's own work (numbering on
    issue, revoking lines on revocation) runs in the same transaction, so any
    refusal leaves nothing behind (in particular no number is used up); then
    only the changed fields are saved, the change is logged with the previous
    state, and the certificates of an issued decision are queued after commit.
    ``decision`` is refreshed in place.
    """
    seen_state = decision.state
    allowed, effect, log_action = _STATE_CHANGES[new_state]
    with transaction.atomic():
        current = _locked(decision)
        if current.state != seen_state or new_state not in DECISION_TRANSITIONS[current.state]:
            raise DecisionError(_refusal(current, seen_state, new_state))
        _refuse_unless(allowed(by, current))
        fields, data = effect(current, by=by, reason=reason)
        current.state = new_state
        fields = ["state", *fields, "updated_at"]
        current.save(update_fields=fields)
        refresh_award_fields(Nomination.objects.filter(recipient_lines__decision=current))
        log_activity(
            current,
            log_action,
            actor=by,
            previous_state=seen_state,
            new_state=new_state,
            note=reason,
            data=data,
        )
        if new_state == DecisionState.ISSUED:
            start_run(current, by=by)  # the run row now; its rendering after commit
    _copy_fields(current, decision, fields)
    return decision


def issue_decision(decision, *, by) -> AwardDecision:
    """Issue a draft: number it, freeze it, award its nominations, queue its certificates."""
    return set_decision_state(decision, DecisionState.ISSUED, by=by)


# --- Revoking ---------------------------------------------------------------------------


def _clean_reason(reason) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError(_("Vui lòng ghi rõ lý do thu hồi."))
    return reason


def _revoke_certificates(certificates, *, by, reason, now) -> int:
    """Mark valid certificates revoked, one log entry each.  Returns how many."""
    rows = list(certificates.filter(state=CertificateState.VALID).select_for_update())
    if not rows:
        return 0
    Certificate.objects.filter(pk__in=[c.pk for c in rows]).update(
        state=CertificateState.REVOKED, revoked_at=now, revoked_reason=reason, updated_at=now
    )
    content_type = ContentType.objects.get_for_model(Certificate)
    ActivityLog.objects.bulk_create(
        [
            ActivityLog(
                actor=by,
                action=CERTIFICATE_REVOKE,
                content_type=content_type,
                object_id=str(c.pk),
                object_repr=str(c)[:255],
                previous_state=CertificateState.VALID,
                new_state=CertificateState.REVOKED,
                note=reason,
            )
            for c in rows
        ],
        batch_size=500,
    )
    return len(rows)


def _require_issued(decision) -> None:
    if decision.state == DecisionState.ISSUED:
        return
    if decision.state == DecisionState.REVOKED:
        raise DecisionError(_("Quyết định này đã bị thu hồi."))
    raise DecisionError(_("Dự thảo chưa ban hành: không có gì để thu hồi."))


def revoke_decision(decision, *, by, reason) -> AwardDecision:
    """Cancel an issued decision: every line and valid certificate is revoked.

    The nominations stay "awarded": the award was made and then withdrawn,
    which the decision's state and the log record.
    """
    return set_decision_state(decision, DecisionState.REVOKED, by=by, reason=_clean_reason(reason))


def revoke_recipient(line, *, by, reason) -> Recipient:
    """Revoke one line of an issued decision, and its valid certificate."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        current = _locked(line.decision)
        _require_issued(current)
        fresh = Recipient.objects.select_for_update().get(pk=line.pk, decision=current)
        if fresh.revoked_at is not None:
            raise DecisionError(
                _("Dòng của %(name)s đã bị thu hồi trước đó.") % {"name": line.subject_name}
            )
        fresh.decision = current
        _refuse_unless(rules.can_revoke_recipient(by, fresh))
        now = timezone.now()
        fresh.revoked_at = now
        fresh.revoked_reason = reason
        fresh.save(update_fields=["revoked_at", "revoked_reason", "updated_at"])
        refresh_award_fields(Nomination.objects.filter(recipient_lines=fresh))
        revoked_certificates = _revoke_certificates(
            fresh.certificates.all(), by=by, reason=reason, now=now
        )
        log_activity(
            current,
            DECISION_REVOKE_RECIPIENT,
            actor=by,
            note=reason,
            data={
                "recipient": fresh.pk,
                "subject": line.subject_name,
                "certificates": revoked_certificates,
            },
        )
    _copy_fields(fresh, line, ["revoked_at", "revoked_reason", "updated_at"])
    return line
