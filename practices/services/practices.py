"""The good-practice library's writes: the one place where a practice changes.

``save_practice`` writes a practice with its results, files and links (officers of
its unit while it is a draft or sent back, the staff while it waits or once it is
published); ``set_practice_state`` is the only state change (draft → submitted →
changes requested (→ submitted again) → published or declined; published ⇄ taken
down), checked against ``enums.PRACTICE_TRANSITIONS`` and ``rules`` under the row
lock, logged, and followed after commit by the notification task;
``record_adoption`` records that another unit took a published practice up.
Every write that changes what the public sees bumps the ``public-practices`` cache
namespace (``common.cache``), now and again on commit.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules import is_officer_for_unit
from common.cache import bump
from common.models import log_activity
from common.text import fold

from .. import rules
from ..activity import PRACTICE_ADOPT, PRACTICE_CREATE, PRACTICE_EDIT, PRACTICE_STATE
from ..enums import PRACTICE_REASON_REQUIRED, PRACTICE_TRANSITIONS, PracticeState
from ..models import Adoption, Practice, PracticeFile, PracticeResult
from ..tasks import notify_practice_change

#: The cache namespace of the public library's pages.
PUBLIC_NAMESPACE = "public-practices"


class PracticeError(Exception):
    """A change that cannot happen; the message is shown to the user as is."""


@dataclass(frozen=True)
class Action:
    """A user-facing workflow action: its target state and who may take it."""

    name: str
    target: str
    label: str
    allowed: object  # predicate (user, practice) -> bool
    style: str = "primary"


ACTIONS = {
    a.name: a
    for a in (
        Action(
            "submit",
            PracticeState.SUBMITTED,
            gettext_lazy("Gửi xét duyệt"),
            rules.can_submit_practice,
        ),
        Action(
            "publish",
            PracticeState.PUBLISHED,
            gettext_lazy("Công bố"),
            rules.can_review_practice,
            "success",
        ),
        Action(
            "request_changes",
            PracticeState.CHANGES_REQUESTED,
            gettext_lazy("Yêu cầu bổ sung"),
            rules.can_review_practice,
            "warning",
        ),
        Action(
            "decline",
            PracticeState.DECLINED,
            gettext_lazy("Không công bố"),
            rules.can_review_practice,
            "danger",
        ),
        Action(
            "unpublish",
            PracticeState.UNPUBLISHED,
            gettext_lazy("Gỡ khỏi thư viện"),
            rules.can_unpublish_practice,
            "danger",
        ),
        Action(
            "republish",
            PracticeState.PUBLISHED,
            gettext_lazy("Công bố lại"),
            rules.can_republish_practice,
            "success",
        ),
    )
}

NOT_ALLOWED = gettext_lazy(
    "Bạn không có quyền thực hiện thao tác này với sáng kiến ở trạng thái hiện tại."
)


def available_actions(user, practice) -> list[Action]:
    return [a for a in ACTIONS.values() if a.allowed(user, practice)]


def _stale(current) -> PracticeError:
    return PracticeError(
        _(
            "Sáng kiến vừa được cập nhật bởi người khác (trạng thái hiện tại: "
            "“%(state)s”). Vui lòng tải lại trang."
        )
        % {"state": current.get_state_display()}
    )


def set_practice_state(practice, new_state, *, actor, reason=""):
    """Move ``practice`` to ``new_state`` or raise :class:`PracticeError`.

    The row is locked and re-read: when two people act at once the second sees the
    first one's result and gets a clear message.  ``practice`` is refreshed in place.
    """
    reason = (reason or "").strip()
    if new_state in PRACTICE_REASON_REQUIRED and not reason:
        raise PracticeError(_("Vui lòng ghi rõ lý do."))
    seen_state = practice.state
    with transaction.atomic():
        current = (
            Practice.objects.select_for_update(of=("self",))
            .select_related("unit")
            .get(pk=practice.pk)
        )
        if current.state != seen_state:
            raise _stale(current)
        if new_state not in PRACTICE_TRANSITIONS[current.state]:
            raise PracticeError(
                _("Không thể chuyển sáng kiến từ “%(old)s” sang “%(new)s”.")
                % {"old": current.get_state_display(), "new": PracticeState(new_state).label}
            )
        if not any(a.target == new_state and a.allowed(actor, current) for a in ACTIONS.values()):
            raise PracticeError(str(NOT_ALLOWED))
        now = timezone.now()
        current.state = new_state
        current.state_changed_at = now
        fields = ["state", "state_changed_at", "updated_at"]
        if new_state == PracticeState.SUBMITTED:
            current.submitted_at = now
            fields.append("submitted_at")
        if new_state == PracticeState.PUBLISHED and current.published_at is None:
            current.published_at = now
            fields.append("published_at")
        current.save(update_fields=fields)
        entry = log_activity(
            current,
            PRACTICE_STATE,
            actor=actor,
            previous_state=seen_state,
            new_state=new_state,
            note=reason,
        )
        notify_practice_change.delay(activity_id=entry.pk)
        if PracticeState.PUBLISHED in (seen_state, new_state):
            bump(PUBLIC_NAMESPACE)
    for field in fields:
        setattr(practice, field, getattr(current, field))
    return practice


def perform(practice, action_name, *, by, reason=""):
    """Run a named user action after checking that ``by`` may take it."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise PracticeError(_("Thao tác không hợp lệ."))
    if not action.allowed(by, practice):
        raise PracticeError(str(NOT_ALLOWED))
    return set_practice_state(practice, action.target, actor=by, reason=reason)


def search_text_of(practice) -> str:
    """The folded text the public search reads where full-text search is not available."""
    return fold(
        " ".join(
            [
                practice.title,
                practice.summary,
                practice.description,
                practice.people,
                practice.unit.name,
            ]
        )
    )


def _add_file(practice, upload, *, by, caption=""):
    row = PracticeFile(
        practice=practice,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        caption=caption,
        uploaded_by=by,
    )
    row.file.save(f"upload{upload.extension}", upload.content, save=False)
    if upload.thumbnail is not None:
        row.thumbnail.save("thumb.jpg", upload.thumbnail, save=False)
    row.save()
    return row


def _delete_file(row):
    files = [(f.storage, f.name) for f in (row.file, row.thumbnail) if f]
    row.delete()
    for storage, name in files:
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))


@transaction.atomic
def save_practice(form, *, by, results=(), uploads=(), remove=()):
    """Save a valid ``PracticeForm`` with its result rows (label, value, measure), new
    files (validated uploads, ``common.uploads``) and the files to remove.

    A new practice: an officer of the chosen unit.  An existing one: whoever
    ``rules.can_edit_practice`` allows, asked again under the lock; an officer may move
    it only to another unit they act for.
    """
    practice = form.instance
    unit = form.cleaned_data.get("unit") or practice.unit
    if practice.pk is None:
        if not (rules.can_create_practice(by) and is_officer_for_unit(by, unit)):
            raise PracticeError(_("Bạn không lập sáng kiến thay cho đơn vị này được."))
        action = PRACTICE_CREATE
    else:
        current = (
            Practice.objects.select_for_update(of=("self",))
            .select_related("unit")
            .get(pk=practice.pk)
        )
        if not rules.can_edit_practice(by, current):
            raise PracticeError(str(NOT_ALLOWED))
        if unit.pk != current.unit_id and not is_officer_for_unit(by, unit):
            raise PracticeError(_("Bạn không chuyển sáng kiến sang đơn vị này được."))
        action = PRACTICE_EDIT
    practice = form.save(commit=False)
    practice.unit = unit
    if practice.pk is None:
        practice.created_by = by
    practice.search_text = search_text_of(practice)
    practice.save()
    form.save_m2m()
    practice.results.all().delete()
    PracticeResult.objects.bulk_create(
        PracticeResult(
            practice=practice,
            label=label,
            value=Decimal(value),
            measure=measure,
            sort_order=index,
        )
        for index, (label, value, measure) in enumerate(results)
    )
    removed = [row.display_name for row in remove]
    for row in remove:
        _delete_file(row)
    for upload in uploads:
        _add_file(practice, upload, by=by)
    data = {"files_added": len(uploads), "files_removed": removed} if uploads or removed else {}
    log_activity(practice, action, actor=by, data=data)
    if practice.state == PracticeState.PUBLISHED:
        bump(PUBLIC_NAMESPACE)
    return practice


def record_adoption(practice, *, by, unit, adopted_on, place, result):
    """Record that ``unit`` adopted the published ``practice``; raise
    :class:`PracticeError` when it may not (not published, the practice's own unit, a
    unit the user does not act for, already recorded)."""
    with transaction.atomic():
        current = Practice.objects.select_for_update(of=("self",)).get(pk=practice.pk)
        if unit.pk == current.unit_id:
            raise PracticeError(_("Đơn vị có sáng kiến không ghi nhận nhân rộng cho chính mình."))
        if not rules.can_record_adoption_for(by, current, unit):
            raise PracticeError(str(NOT_ALLOWED))
        if Adoption.objects.filter(practice=current, unit=unit).exists():
            raise PracticeError(_("Đơn vị này đã ghi nhận áp dụng sáng kiến này."))
        adoption = Adoption.objects.create(
            practice=current,
            unit=unit,
            adopted_on=adopted_on,
            place=place.strip(),
            result=result.strip(),
            recorded_by=by,
        )
        entry = log_activity(current, PRACTICE_ADOPT, actor=by, data={"unit": unit.name})
        notify_practice_change.delay(activity_id=entry.pk)
        bump(PUBLIC_NAMESPACE)
    return adoption
