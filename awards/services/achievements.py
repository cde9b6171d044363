"""Recording achievements, their evidence, and the fast-track lane.

Officers record achievements for their own units (and the units below), edit
the ones their units own, and use the fast-track lane; anyone else is refused
with a :class:`WorkflowError`, as the pages would refuse them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import validate_happened_date

from .. import rules
from ..enums import AchievementCategory, NominationState
from ..models import Achievement, Evidence
from .dossiers import delete_with_files, refresh_queue_fields, save_nomination
from .nominations import WorkflowError, set_nomination_state


def add_evidence(achievement, upload, *, by, caption=""):
    """Store one validated upload (see ``common.uploads``) as evidence."""
    evidence = Evidence(
        achievement=achievement,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        caption=caption,
        uploaded_by=by,
    )
    evidence.file.save(f"upload{upload.extension}", upload.content, save=False)
    if upload.thumbnail is not None:
        evidence.thumbnail.save("thumb.jpg", upload.thumbnail, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def record_fast_track(
    *,
    by,
    nominating_unit,
    campaign,
    award_type,
    what,
    occurred_at,
    photo,
    individual=None,
    unit=None,
):
    """Instant award (thưởng nóng): achievement + nomination, submitted at once."""
    if not (rules.can_record_fast_track(by) and rules.can_nominate_for(by, nominating_unit)):
        raise WorkflowError(_("Bạn không đề nghị khen thưởng thay cho đơn vị này được."))
    try:
        validate_happened_date(occurred_at)
    except ValidationError as error:
        raise WorkflowError(error.messages[0]) from error
    local = timezone.localtime(occurred_at)
    achievement = Achievement.objects.create(
        individual=individual,
        unit=unit,
        owner_unit=nominating_unit,
        campaign=campaign,
        date=local.date(),
        occurred_at=occurred_at,
        category=AchievementCategory.AD_HOC,
        title=_headline(what),
        description=what,
        recorded_by=by,
    )
    add_evidence(achievement, photo, by=by)
    nomination = save_nomination(
        by=by,
        nominating_unit=nominating_unit,
        campaign=campaign,
        award_type=award_type,
        summary=what,
        achievements=[achievement],
        individual=individual,
        unit=unit,
        is_fast_track=True,
    )
    set_nomination_state(nomination, NominationState.SUBMITTED, actor=by)
    return nomination


def _headline(text, limit=120):
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    return first_line if len(first_line) <= limit else first_line[: limit - 1] + "…"


@transaction.atomic
def save_achievement(form, *, by, owner_unit, uploads=(), remove=()):
    """Save a valid ``AchievementForm`` with new evidence and removals."""
    if not rules.can_nominate_for(by, owner_unit):
        raise WorkflowError(_("Bạn không ghi nhận thành tích thay cho đơn vị này được."))
    if form.instance.pk is not None:
        current = (
            Achievement.objects.select_for_update(of=("self",))
            .select_related("owner_unit")
            .get(pk=form.instance.pk)
        )
        if not rules.can_edit_achievement(by, current):
            raise WorkflowError(_("Bạn không sửa được thành tích của đơn vị khác."))
    achievement = form.save(commit=False)
    if achievement.pk is None:
        achievement.recorded_by = by
    achievement.owner_unit = owner_unit
    achievement.save()
    # Its day or moment may have moved: so may the earliest of its nominations.
    refresh_queue_fields(achievement.nominations.all())
    for evidence in remove:
        delete_with_files(evidence, "file", "thumbnail")
    for upload in uploads:
        add_evidence(achievement, upload, by=by)
    return achievement
