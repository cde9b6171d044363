"""Preparing a council session: its details, agenda, materials, calling the members,
attendance, and the counts the secretary records (written opinions, paper ballots).

Every write locks the session's row and re-reads it, asks ``rules`` again under the
lock, refuses with :class:`CouncilError`, and logs with the constants of
``council/activity.py``.  The agenda is made of nominations that need the council
(``selectors.nominations_needing_council``) and changes only while the session is
being prepared; each item keeps the voting rule in force on the meeting's day.
Opening (triệu tập) notifies the members after commit.  A closed session changes
no more (``services/closing.py``).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.models import log_activity

from .. import rules
from ..activity import (
    SESSION_AGENDA,
    SESSION_ATTENDANCE,
    SESSION_CREATE,
    SESSION_MATERIAL,
    SESSION_PAPER_COUNT,
    SESSION_STATE,
    SESSION_UPDATE,
    SESSION_WRITTEN_VOTE,
)
from ..enums import SESSION_TRANSITIONS, BallotKind, Choice, SessionState, VoteSource
from ..models import AgendaItem, Ballot, PaperCount, Session, SessionMaterial, Vote
from ..selectors import nominations_needing_council, rule_for, voting_members
from ..tasks import notify_session_opened
from .errors import CouncilError
from .voting import reshuffle

#: the fields of a session its form edits
DETAIL_FIELDS = ("title", "meeting_at", "place", "votes_open_at", "votes_close_at", "is_paper")

NOT_ALLOWED = _("Bạn không có quyền thực hiện thao tác này với phiên họp ở trạng thái hiện tại.")


def _refuse():
    return CouncilError(str(NOT_ALLOWED))


def locked_session(session) -> Session:
    """The session's row, locked and re-read; refused when its state changed meanwhile."""
    current = Session.objects.select_for_update().select_related("council").get(pk=session.pk)
    if current.state != session.state:
        raise CouncilError(
            _("Phiên họp vừa được cập nhật bởi người khác (trạng thái hiện tại: “%(state)s”).")
            % {"state": current.get_state_display()}
        )
    return current


def _check_window(values):
    if values["votes_close_at"] <= values["votes_open_at"]:
        raise CouncilError(_("Giờ đóng bỏ phiếu phải sau giờ mở."))


def create_session(council, *, by, nominations=(), **fields) -> Session:
    """A draft session of ``council`` with ``fields`` (``DETAIL_FIELDS``) and, if given,
    its first agenda."""
    if not rules.can_manage_council(by, council):
        raise _refuse()
    values = {f: fields[f] for f in DETAIL_FIELDS}
    _check_window(values)
    with transaction.atomic():
        session = Session.objects.create(council=council, created_by=by, **values)
        log_activity(session, SESSION_CREATE, actor=by, new_state=session.state)
        if nominations:
            _set_agenda(session, nominations, by=by)
    return session


def update_session(session, *, by, **fields) -> Session:
    """Change the details of a session not yet closed.  Once members are called, its
    paper/online mode stays as announced."""
    with transaction.atomic():
        current = locked_session(session)
        if not rules.can_manage_session(by, current):
            raise _refuse()
        values = {f: fields[f] for f in DETAIL_FIELDS}
        if current.state != SessionState.DRAFT and values["is_paper"] != current.is_paper:
            raise CouncilError(
                _("Phiên họp đã triệu tập: không đổi được hình thức bỏ phiếu (giấy hay điện tử).")
            )
        _check_window(values)
        changed = [f for f, v in values.items() if getattr(current, f) != v]
        if not changed:
            return current
        for field in changed:
            setattr(current, field, values[field])
        current.save(update_fields=[*changed, "updated_at"])
        log_activity(current, SESSION_UPDATE, actor=by, data={"fields": changed})
    return current


def set_agenda(session, nominations, *, by) -> Session:
    """Make the agenda of a session being prepared exactly ``nominations``, in order."""
    with transaction.atomic():
        current = locked_session(session)
        if not rules.can_edit_agenda(by, current):
            raise _refuse()
        _set_agenda(current, nominations, by=by)
    return current


def _set_agenda(session, nominations, *, by):
    day = timezone.localdate(session.meeting_at)
    wanted = [getattr(n, "pk", n) for n in nominations]
    if len(set(wanted)) != len(wanted):
        raise CouncilError(_("Một hồ sơ chỉ xét một lần trong phiên họp."))
    kept = dict(session.items.values_list("nomination_id", "pk"))
    allowed = {
        n.pk: n for n in nominations_needing_council(session.council, day).filter(pk__in=wanted)
    }
    rows = {}
    for item in session.items.select_related("nomination__award_type"):
        rows[item.nomination_id] = item
    missing = [pk for pk in wanted if pk not in allowed and pk not in kept]
    if missing:
        raise CouncilError(
            _(
                "Có %(count)d hồ sơ không còn chờ Hội đồng xét (đã đổi trạng thái, đã có trong "
                "phiên họp khác hoặc không cần biểu quyết). Vui lòng tải lại trang."
            )
            % {"count": len(missing)}
        )
    session.items.exclude(nomination_id__in=wanted).delete()
    for position, pk in enumerate(wanted, start=1):
        if pk in rows:
            item = rows[pk]
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
            continue
        nomination = allowed[pk]
        rule = rule_for(nomination.award_type, day)
        AgendaItem.objects.create(
            session=session, nomination=nomination, rule=rule, position=position
        )
    log_activity(session, SESSION_AGENDA, actor=by, data={"nominations": wanted})


def add_material(session, *, by, title, upload) -> SessionMaterial:
    """Attach a document (``upload``: a ``common.uploads.ProcessedUpload``)."""
    with transaction.atomic():
        current = locked_session(session)
        if not rules.can_manage_session(by, current):
            raise _refuse()
        material = SessionMaterial(
            session=current,
            title=title,
            original_name=upload.original_name,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=by,
        )
        material.file.save(upload.content.name, upload.content, save=False)
        material.save()
        log_activity(current, SESSION_MATERIAL, actor=by, note=title)
    return material


def set_session_state(session, new_state, *, by) -> Session:
    """Move ``session`` to ``new_state`` along ``SESSION_TRANSITIONS`` (closing goes
    through ``services/closing.py:close_session``, which computes the results)."""
    with transaction.atomic():
        current = locked_session(session)
        if new_state not in SESSION_TRANSITIONS[current.state]:
            raise CouncilError(
                _("Không thể chuyển phiên họp từ “%(old)s” sang “%(new)s”.")
                % {"old": current.get_state_display(), "new": SessionState(new_state).label}
            )
        previous = current.state
        current.state = new_state
        fields = ["state", "updated_at"]
        if new_state == SessionState.OPEN:
            current.opened_at = timezone.now()
            fields.append("opened_at")
        current.save(update_fields=fields)
        entry = log_activity(
            current, SESSION_STATE, actor=by, previous_state=previous, new_state=new_state
        )
        if new_state == SessionState.OPEN:
            notify_session_opened.delay(activity_id=entry.pk)
    session.state = current.state
    return current


def open_session(session, *, by) -> Session:
    """Call the members (triệu tập): the agenda is fixed and the members are notified."""
    with transaction.atomic():
        current = locked_session(session)
        if not rules.can_open_session(by, current):
            raise _refuse()
        if not current.items.exists():
            raise CouncilError(_("Phiên họp chưa có hồ sơ nào để xét."))
        if not voting_members(current).exists():
            raise CouncilError(_("Hội đồng chưa có thành viên biểu quyết vào ngày họp."))
        return set_session_state(current, SessionState.OPEN, by=by)


def record_attendance(session, member_ids, *, by) -> Session:
    """Mark exactly ``member_ids`` present (members who voted online count as present
    anyway, ``selectors.present_member_ids``)."""
    with transaction.atomic():
        current = locked_session(session)
        if not rules.can_record_counts(by, current):
            raise _refuse()
        members = {m.user_id for m in voting_members(current)}
        unknown = set(member_ids) - members
        if unknown:
            raise CouncilError(_("Chỉ ghi nhận thành viên biểu quyết của Hội đồng."))
        current.present_members.set(sorted(member_ids))
        log_activity(current, SESSION_ATTENDANCE, actor=by, data={"present": sorted(member_ids)})
    return current


def record_written_vote(item, member, choice, *, by) -> None:
    """Record the written opinion (phiếu lấy ý kiến bằng văn bản) of ``member``, absent
    from the meeting, on ``item``: a ballot "written" and an anonymous vote marked as
    written.  The member must not have voted or recused on it."""
    if choice not in Choice.values:
        raise CouncilError(_("Lựa chọn không hợp lệ."))
    with transaction.atomic():
        current = locked_session(item.session)
        if not rules.can_record_counts(by, current):
            raise _refuse()
        # The item's lock orders this write with the members' votes on it (``reshuffle``).
        item = AgendaItem.objects.select_for_update().get(pk=item.pk, session=current)
        if member.pk not in {m.user_id for m in voting_members(current)}:
            raise CouncilError(_("Chỉ ghi nhận ý kiến của thành viên biểu quyết của Hội đồng."))
        if member.pk in set(current.present_members.values_list("pk", flat=True)):
            raise CouncilError(
                _(
                    "Thành viên này có mặt tại phiên họp: ý kiến bằng văn bản chỉ dành cho "
                    "thành viên vắng mặt."
                )
            )
        try:
            with transaction.atomic():
                Ballot.objects.create(item=item, member=member, kind=BallotKind.WRITTEN)
        except IntegrityError:
            raise CouncilError(
                _("Thành viên này đã có phiếu hoặc đã ghi nhận ý kiến cho hồ sơ này.")
            ) from None
        Vote.objects.create(item=item, choice=choice, source=VoteSource.WRITTEN)
        reshuffle(item)
        # The log names the member (a written opinion is signed) but not the choice.
        log_activity(
            current, SESSION_WRITTEN_VOTE, actor=by, data={"item": item.pk, "member": member.pk}
        )


def record_paper_count(item, *, by, agree, disagree, abstain) -> PaperCount:
    """Enter the counts of the printed ballots for ``item`` (a paper session)."""
    with transaction.atomic():
        current = locked_session(item.session)
        if not rules.can_record_counts(by, current) or not current.is_paper:
            raise _refuse()
        members = voting_members(current).count()
        if agree + disagree + abstain > members:
            raise CouncilError(
                _("Tổng số phiếu (%(total)d) vượt quá số thành viên Hội đồng (%(members)d).")
                % {"total": agree + disagree + abstain, "members": members}
            )
        count, _created = PaperCount.objects.update_or_create(
            item=item,
            defaults={"agree": agree, "disagree": disagree, "abstain": abstain, "recorded_by": by},
        )
        log_activity(
            current,
            SESSION_PAPER_COUNT,
            actor=by,
            data={"item": item.pk, "agree": agree, "disagree": disagree, "abstain": abstain},
        )
    return count
