"""Forwarding nominations up a level (trình cấp trên) with a proposal letter (tờ trình).

A level below the last of a nomination's route (``awards.routing``) does not
approve: its leader (head or deputy; ``rules.can_forward_nomination``) forwards
the nominations it reviewed to the next level with one proposal letter, numbered
per issuer and year ("12/TTr-SYT") from the same gap-free counters as the
decisions (``decisions.next_number``).  Forwarding several nominations at once
makes one letter.  Under the rows' locks, each nomination's open stage is
closed as forwarded with the letter, a stage opens at the next level, and the
nomination is "sent" there again (state SUBMITTED, ``reviewing_unit`` the next
level, ``at_final_level`` whether that level is the last).  The letter's text
(issuer heading, signature block) is frozen when it is made; its PDF is built
from it on request (:func:`proposal_letter_pdf`).
"""

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from common.models import log_activity
from common.pdf import engine
from common.pdf.letterhead import (
    head_of,
    head_title_in_text,
    issuer_snapshot,
    letterhead,
    short_date,
)
from common.pdf.stylesheet import allowed_roots
from common.templatetags.vn import vndate
from units.selectors import has_signers, signature_block

from .. import routing, rules
from ..activity import NOMINATION_FORWARD
from ..enums import NominationState, StageOutcome
from ..models import Nomination, NominationStage, ProposalLetter
from ..pdf.content import pdf_css
from ..tasks import notify_nomination_changes
from .decisions import PROPOSAL_SEQUENCE, next_number, position_and_unit
from .nominations import NOT_ALLOWED, WorkflowError, close_stage

#: The gap-free counter of proposal letters, per issuer and year (``NumberSequence``).
#: Whom a letter addressed to the province without a provincial unit goes to.
PROVINCE_ADDRESSEE = "Chủ tịch Ủy ban nhân dân tỉnh"


def proposal_symbol(issuer) -> str:
    """ "TTr-SYT": the document type and the issuer's symbol."""
    return f"TTr-{issuer.document_symbol}" if issuer.document_symbol else "TTr"


def _highest_letter_number(issuer, year) -> int:
    letters = ProposalLetter.objects.filter(issuer=issuer, year=year)
    return letters.aggregate(highest=Max("number"))["highest"] or 0


def _signature(issuer, signer, signed_date, by) -> tuple[str, list[str]]:
    """(signer's name, lines above the signature): a listed signer of the issuer in force
    on the day; the forwarding leader under the head's title when the unit lists none."""
    if signer is not None:
        if signer.unit_id != issuer.pk or not signer.is_in_force_on(signed_date):
            raise WorkflowError(
                _("%(name)s không phải người ký văn bản của %(issuer)s vào ngày %(date)s.")
                % {"name": signer.full_name, "issuer": issuer.name, "date": vndate(signed_date)}
            )
        return signer.full_name, signature_block(signer, issuer)
    if has_signers(issuer, day=signed_date):
        raise WorkflowError(
            _("Vui lòng chọn người ký tờ trình trong danh sách người ký của %(issuer)s.")
            % {"issuer": issuer.name}
        )
    return (by.get_full_name() or by.get_username()), [head_of(issuer)]


def forward_nominations(nominations, *, by, signed_date, signer=None, note="") -> ProposalLetter:
    """Forward ``nominations`` (rows as seen by the page) to the next level with one
    proposal letter of the level holding them; return the letter.  ``note`` (optional,
    for the level above) is kept on each closed stage and in the log.

    Refused with :class:`WorkflowError`, nothing written, when one of them moved
    meanwhile, is not ``by``'s to forward, or when they are not held by the same
    unit or do not go to the same next level.
    """
    seen = {n.pk: (n.state, n.reviewing_unit_id) for n in nominations}
    if not seen:
        raise WorkflowError(_("Chọn ít nhất một hồ sơ để trình."))
    if signed_date is None or signed_date > timezone.localdate():
        raise WorkflowError(_("Ngày ký tờ trình không được sau hôm nay."))
    with transaction.atomic():
        rows = list(
            Nomination.objects.select_for_update(of=("self",))
            .select_related(
                "reviewing_unit", "nominating_unit", "deciding_unit", "individual__unit", "unit"
            )
            .filter(pk__in=seen)
            .order_by("pk")
        )
        if len(rows) != len(seen) or any(
            (row.state, row.reviewing_unit_id) != seen[row.pk] for row in rows
        ):
            raise WorkflowError(
                _("Hồ sơ vừa được cập nhật bởi người khác. Vui lòng tải lại trang.")
            )
        if any(not rules.can_forward_nomination(by, row) for row in rows):
            raise WorkflowError(str(NOT_ALLOWED))
        issuers = {row.reviewing_unit_id for row in rows}
        if len(issuers) != 1:
            raise WorkflowError(_("Một tờ trình chỉ trình các hồ sơ đang ở cùng một đơn vị."))
        issuer = rows[0].reviewing_unit
        steps = [routing.next_stop(row, signed_date) for row in rows]
        if any(step is None for step in steps):
            raise WorkflowError(_("Hồ sơ đã ở cấp xét duyệt cuối: không còn cấp trên để trình."))
        addressees = {routing._key(unit) for unit, _final in steps}
        if len(addressees) != 1:
            raise WorkflowError(_("Một tờ trình chỉ gửi một cấp trên: hãy trình riêng từng nhóm."))
        addressee = steps[0][0]
        signer_name, signer_lines = _signature(issuer, signer, signed_date, by)
        year = signed_date.year
        number = next_number(
            issuer, PROPOSAL_SEQUENCE, year, floor=_highest_letter_number(issuer, year)
        )
        letter = ProposalLetter.objects.create(
            issuer=issuer,
            addressee=addressee,
            year=year,
            number=number,
            symbol=proposal_symbol(issuer),
            signed_date=signed_date,
            signer=signer,
            signer_name=signer_name,
            signer_lines=signer_lines,
            issuer_snapshot=issuer_snapshot(issuer),
            created_by=by,
        )
        now = timezone.now()
        note = (note or "").strip()
        close_stage(rows, StageOutcome.FORWARDED, by=by, now=now, letter=letter, note=note)
        NominationStage.objects.bulk_create(
            [NominationStage(nomination=row, unit=addressee, entered_at=now) for row in rows]
        )
        reference = _("Tờ trình số %(reference)s ngày %(date)s") % {
            "reference": letter.reference,
            "date": short_date(signed_date),
        }
        log_note = f"{reference}. {note}" if note else reference
        entries = []
        for row, (_unit, final) in zip(rows, steps, strict=True):
            previous = row.state
            row.state = NominationState.SUBMITTED
            row.reviewing_unit = addressee
            row.at_final_level = final
            row.state_changed_at = now
            row.is_pinned = row.is_fast_track
            row.save(
                update_fields=[
                    "state",
                    "reviewing_unit",
                    "at_final_level",
                    "state_changed_at",
                    "is_pinned",
                    "updated_at",
                ]
            )
            entries.append(
                log_activity(
                    row,
                    NOMINATION_FORWARD,
                    actor=by,
                    previous_state=previous,
                    new_state=row.state,
                    note=log_note,
                    data={
                        "from": issuer.name,
                        "to": addressee.name if addressee else PROVINCE_ADDRESSEE,
                        "letter": letter.reference,
                    },
                )
            )
        notify_nomination_changes.delay(activity_ids=[entry.pk for entry in entries])
    return letter


def forward_plan(nominations, *, by, day) -> dict:
    """What forwarding ``nominations`` on ``day`` would do, for the page before it:
    ``{"issuer", "addressee", "addressee_name", "refusal"}``; ``refusal`` is the message
    :func:`forward_nominations` would refuse with ("" when it would go ahead)."""
    rows = list(nominations)
    plan = {"issuer": None, "addressee": None, "addressee_name": "", "refusal": ""}
    if not rows:
        plan["refusal"] = _("Chọn ít nhất một hồ sơ để trình.")
        return plan
    if any(not rules.can_forward_nomination(by, row) for row in rows):
        plan["refusal"] = _(
            "Chỉ trình được hồ sơ đang chờ đơn vị mình xét duyệt và chưa ở cấp xét duyệt cuối."
        )
        return plan
    if len({row.reviewing_unit_id for row in rows}) != 1:
        plan["refusal"] = _("Một tờ trình chỉ trình các hồ sơ đang ở cùng một đơn vị.")
        return plan
    plan["issuer"] = rows[0].reviewing_unit
    steps = [routing.next_stop(row, day) for row in rows]
    if any(step is None for step in steps):
        plan["refusal"] = _("Hồ sơ đã ở cấp xét duyệt cuối: không còn cấp trên để trình.")
    elif len({routing._key(unit) for unit, _final in steps}) != 1:
        plan["refusal"] = _("Một tờ trình chỉ gửi một cấp trên: hãy trình riêng từng nhóm.")
    else:
        addressee = steps[0][0]
        plan["addressee"] = addressee
        plan["addressee_name"] = addressee.name if addressee else PROVINCE_ADDRESSEE
    return plan


# --- The letter's document ----------------------------------------------------------


def letter_nominations(letter):
    """The nominations ``letter`` forwarded, in the order it lists them."""
    return (
        Nomination.objects.filter(stages__letter=letter)
        .select_related("individual__unit", "unit", "award_type", "campaign")
        .order_by("stages__id")
    )


def proposal_letter_content(letter) -> dict:
    """What ``awards/pdf/proposal_letter.html`` prints, as plain data."""
    snapshot = letter.issuer_snapshot
    addressee = head_title_in_text(letter.addressee) if letter.addressee else PROVINCE_ADDRESSEE
    rows = []
    for index, nomination in enumerate(letter_nominations(letter), 1):
        rows.append(
            {
                "number": index,
                "name": nomination.subject_name,
                "position": position_and_unit(
                    individual=nomination.individual, unit=nomination.unit
                ),
                "award": nomination.award_type.name,
            }
        )
    return {
        "reference": letter.reference,
        "letterhead": letterhead(
            snapshot,
            number=f"Số: {letter.reference}",
            place=snapshot.get("place", ""),
            day=letter.signed_date,
            summary="V/v đề nghị khen thưởng",
        ),
        "issuer": snapshot.get("name", ""),
        "addressee": addressee,
        "rows": rows,
        "count": len(rows),
        "signer_lines": list(letter.signer_lines),
        "signer_name": letter.signer_name,
        "distribution": ["Như trên;", "Lưu: VT."],
    }


def proposal_letter_pdf(letter) -> bytes:
    """The letter as a Decree 30 document (PDF bytes), built from its frozen text."""
    html = render_to_string(
        "awards/pdf/proposal_letter.html", {"d": proposal_letter_content(letter)}
    )
    return engine.render_pdf(html, pdf_css(), allowed_roots())
