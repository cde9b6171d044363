"""Recording an award ceremony (trao thưởng) for lines of an issued decision.

Plan 2777 asks units to "organise the award ceremony immediately after the
achievement"; the ceremony row is what shows it was done, and when.  Only an
issued decision's lines still in force are presented, at a moment between the
decision's signing and now, by a user ``rules.can_record_ceremony`` allows,
asked again under the decision's row lock.  Refusals are ``DecisionError``s,
shown as they are, and leave nothing behind.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import validate_happened_date
from common.models import log_activity

from .. import rules
from ..activity import CEREMONY_RECORD
from ..enums import DecisionState
from ..models import AwardDecision, Ceremony, Recipient
from .decisions import DecisionError


def record_ceremony(
    decision, *, by, lines, held_at, place, presented_by, photo=None, notes=""
) -> Ceremony:
    """Record that ``lines`` of ``decision`` were presented at ``held_at`` in ``place``.

    ``photo`` is a validated upload (``common.uploads.ProcessedUpload``) or None.
    """
    with transaction.atomic():
        current = AwardDecision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
        if current.state != DecisionState.ISSUED:
            raise DecisionError(
                _("Chỉ ghi nhận trao thưởng cho quyết định đang có hiệu lực (đã ban hành).")
            )
        if not rules.can_record_ceremony(by, current):
            raise DecisionError(_("Bạn không có quyền ghi nhận trao thưởng cho quyết định này."))
        wanted = {line.pk for line in lines}
        if not wanted:
            raise DecisionError(_("Chọn ít nhất một người, tập thể được trao thưởng."))
        in_force = list(
            Recipient.objects.filter(decision=current, pk__in=wanted, revoked_at__isnull=True)
        )
        if len(in_force) != len(wanted):
            raise DecisionError(
                _(
                    "Có người, tập thể đã bị thu hồi khen thưởng hoặc không thuộc quyết định "
                    "này. Vui lòng tải lại trang."
                )
            )
        _check_moment(current, held_at)
        ceremony = Ceremony(
            decision=current,
            held_at=held_at,
            place=place.strip(),
            presented_by=presented_by.strip(),
            notes=notes.strip(),
            recorded_by=by,
        )
        if photo is not None:
            ceremony.photo.save(f"photo{photo.extension}", photo.content, save=False)
            ceremony.photo_name = photo.original_name
            ceremony.photo_content_type = photo.content_type
        ceremony.save()
        ceremony.lines.set(in_force)
        log_activity(
            current,
            CEREMONY_RECORD,
            actor=by,
            note=_("Trao thưởng ngày %(day)s tại %(place)s cho %(count)d người, tập thể.")
            % {
                "day": timezone.localtime(held_at).strftime("%d/%m/%Y %H:%M"),
                "place": ceremony.place,
                "count": len(in_force),
            },
            data={"ceremony": ceremony.pk, "lines": sorted(wanted)},
        )
    return ceremony


def _check_moment(decision, held_at) -> None:
    try:
        validate_happened_date(held_at)
    except ValidationError as error:
        raise DecisionError(error.messages[0]) from error
    if held_at > timezone.now():
        raise DecisionError(_("Thời điểm trao thưởng không được ở tương lai."))
    if timezone.localtime(held_at).date() < decision.signed_date:
        raise DecisionError(
            _("Thời điểm trao thưởng không thể trước ngày ký quyết định (%(day)s).")
            % {"day": decision.signed_date.strftime("%d/%m/%Y")}
        )


def achievement_day(line, decision) -> datetime.date:
    """When the line's achievement was made: its nomination's earliest achievement
    (moment, else day), or the decision's signing when there is no nomination."""
    nomination = line.nomination
    if nomination is not None and nomination.achieved_at is not None:
        return timezone.localtime(nomination.achieved_at).date()
    if nomination is not None and nomination.achieved_on is not None:
        return nomination.achieved_on
    return decision.signed_date


@dataclass(frozen=True)
class CeremonyNote:
    """What a line's row says about its (latest) ceremony."""

    held_at: datetime.datetime
    place: str
    days: int  # whole days from the achievement to the ceremony; 0: the same day


def ceremony_notes(decision, lines) -> dict[int, CeremonyNote]:
    """The latest ceremony of each of ``lines`` (of ``decision``), by line id.

    ``lines`` come with their ceremonies prefetched (``decision_lines_for``).
    """
    notes = {}
    for line in lines:
        ceremonies = list(line.ceremonies.all())
        if not ceremonies:
            continue
        latest = max(ceremonies, key=lambda c: (c.held_at, c.pk))
        held_day = timezone.localtime(latest.held_at).date()
        notes[line.pk] = CeremonyNote(
            held_at=latest.held_at,
            place=latest.place,
            days=(held_day - achievement_day(line, decision)).days,
        )
    return notes
