"""Creating and editing nominations and their dossier files.

An officer creates nominations for their own units (and the units below) and
edits them while ``rules.can_edit_nomination`` allows (draft or returned); the
nomination's row is locked and re-read before an edit.

Whoever changes which achievements a nomination has, or an achievement's day or
moment, calls :func:`refresh_queue_fields` in the same transaction: the review
queue reads the earliest of them from the nomination's own columns.
"""

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import Unit

from .. import routing, rules
from ..enums import NOMINATION_OPEN_STATES, NominationState
from ..models import Achievement, DossierFile, Nomination
from .nominations import WorkflowError


def _earliest(field):
    linked = Achievement.objects.filter(nominations=OuterRef("pk"), **{f"{field}__isnull": False})
    return Subquery(linked.order_by(field).values(field)[:1])


def refresh_queue_fields(nominations):
    """Recompute what the queue reads from the nominations in ``nominations``.

    One UPDATE, whatever the number of rows: the earliest achievement moment and
    day (``achieved_at``, ``achieved_on``; empty without achievements) and
    ``is_pinned`` (fast track and waiting for review).  Running it twice changes
    nothing the second time.  Returns the number of rows updated.
    """
    return Nomination.objects.filter(pk__in=nominations.values("pk")).update(
        achieved_at=_earliest("occurred_at"),
        achieved_on=_earliest("date"),
        is_pinned=ExpressionWrapper(
            Q(is_fast_track=True, state__in=NOMINATION_OPEN_STATES), output_field=BooleanField()
        ),
    )


def nominating_unit_for(user_paths, subject_unit):
    """The officer's own unit that the subject belongs to (the deepest match)."""
    matches = [p for p in user_paths if subject_unit.path.startswith(p)]
    if not matches:
        return None
    return Unit.objects.get(path=max(matches, key=len))


def delete_with_files(instance, *fields):
    """Delete a row, then its files once the transaction has committed."""
    files = [(getattr(instance, f).storage, getattr(instance, f).name) for f in fields]
    instance.delete()
    for storage, name in files:
        if name:
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))


def save_dossier_file(nomination, kind, upload, *, by):
    dossier = DossierFile(
        nomination=nomination,
        kind=kind,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        uploaded_by=by,
    )
    dossier.file.save(f"upload{upload.extension}", upload.content, save=False)
    dossier.save()
    return dossier


@transaction.atomic
def save_nomination(
    *,
    by,
    nominating_unit,
    campaign,
    award_type,
    summary,
    achievements,
    individual=None,
    unit=None,
    uploads=(),
    remove_files=(),
    nomination=None,
    is_fast_track=False,
    deciding_unit=None,
):
    """Create a draft nomination, or update one that is still editable.  ``deciding_unit``
    (optional): a unit with the authority for the form over the subject chosen over the
    lowest one (``routing.deciding_unit_choices``); the submission routes to it."""
    if not rules.can_nominate_for(by, nominating_unit):
        raise WorkflowError(_("Bạn không đề nghị khen thưởng thay cho đơn vị này được."))
    if nomination is None:
        nomination = Nomination(created_by=by, state=NominationState.DRAFT)
    else:
        current = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("nominating_unit")
            .get(pk=nomination.pk)
        )
        if current.state != nomination.state or not rules.can_edit_nomination(by, current):
            raise WorkflowError(
                _("Hồ sơ không còn sửa được (trạng thái hiện tại: “%(state)s”).")
                % {"state": current.get_state_display()}
            )
    nomination.campaign = campaign
    nomination.nominating_unit = nominating_unit
    nomination.award_type = award_type
    nomination.summary = summary
    nomination.individual = individual
    nomination.unit = unit
    nomination.is_fast_track = is_fast_track or nomination.is_fast_track
    if deciding_unit is not None and deciding_unit not in routing.deciding_unit_choices(
        individual.unit if individual is not None else unit, award_type, timezone.localdate()
    ):
        raise WorkflowError(
            _("%(unit)s không có thẩm quyền quyết định %(award)s cho đối tượng này.")
            % {"unit": deciding_unit.name, "award": award_type.name}
        )
    nomination.deciding_unit = deciding_unit
    nomination.full_clean(exclude=["state"])
    nomination.save()
    nomination.achievements.set(achievements)
    refresh_queue_fields(Nomination.objects.filter(pk=nomination.pk))
    nomination.refresh_from_db(fields=["achieved_at", "achieved_on", "is_pinned"])
    for dossier in remove_files:
        delete_with_files(dossier, "file")
    for kind, upload in uploads:
        save_dossier_file(nomination, kind, upload, by=by)
    return nomination
