"""The minutes of a closed council session (biên bản họp Hội đồng Thi đua – Khen thưởng):
numbered on closing, rendered in the background, attached to each item's dossier.

* :func:`start_minutes` is called by ``closing.close_session`` inside its transaction:
  it takes the number from the gap-free counter of the council's unit and the
  meeting's year (``awards.services.decisions.next_number``, sequence
  :data:`MINUTES_SEQUENCE`) and queues ``council.render_minutes`` after commit.
* :func:`minutes_document` builds the document dict of ``common.pdf.report`` (Decree
  30 format: letterhead with "Số: 12/BB-HĐTĐKT", time and place, members present and
  absent, the secretary, the agenda, the tally of each item under its rule, the
  conclusion, the secretary's and chair's signer blocks) from the closed session,
  whose tally and attendance were frozen on closing.  It names no vote's voter: the
  tally holds counts only.
* :func:`render_minutes` (the task's service) is idempotent: a DONE row is left
  alone; the PDF is written under a name derived from the row, and each dossier gets
  one copy (kind ``COUNCIL_MINUTES``) under a name derived from the row and the
  nomination, found again by a second delivery instead of added twice.  Dossier files
  are what ``awards.services.central_package`` copies into the package forwarded
  upward, so the minutes travel with the dossier.
* :func:`retry_minutes`: the secretary queues a failed or silent row again.
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import DossierKind
from awards.models import DossierFile
from awards.services.decisions import next_number
from common.enums import JobState
from common.models import log_activity
from common.pdf.letterhead import issuer_name, letterhead
from common.pdf.report import report_pdf
from common.pdf.storage import store
from common.services.jobs import beating
from common.text import nfc
from units.enums import CouncilRole

from .. import rules
from ..activity import MINUTES_RETRY
from ..enums import BallotKind, Comparison, Denominator, ItemOutcome, VoteMethod
from ..models import Ballot, Minutes
from ..selectors import items_of, voting_members
from ..tasks import render_minutes as render_minutes_task
from .errors import CouncilError
from .tally import percent

logger = logging.getLogger(__name__)

#: The gap-free counter of a unit's council minutes, per year (``NumberSequence``).
MINUTES_SEQUENCE = "council_minutes"
PDF = "application/pdf"


# --- Numbering and queueing ---------------------------------------------------------------


def start_minutes(session) -> Minutes:
    """Number the minutes of ``session`` (being closed, in the caller's transaction) and
    queue their rendering after commit.  A session keeps its one row."""
    existing = Minutes.objects.filter(session=session).first()
    if existing is not None:
        return existing
    year = timezone.localdate(session.meeting_at).year
    number = next_number(session.council.unit, MINUTES_SEQUENCE, year)
    minutes = Minutes.objects.create(session=session, number=number, year=year)
    render_minutes_task.delay(minutes_id=minutes.pk)
    return minutes


def can_retry(minutes) -> bool:
    return minutes.state == JobState.FAILED or minutes.is_stale()


def retry_minutes(minutes, *, by) -> Minutes:
    """Queue failed (or silent) minutes again.  Raises :class:`CouncilError` when ``by``
    may not, or when the row (re-read under its lock) is neither failed nor silent."""
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().select_related("session").get(pk=minutes.pk)
        if not rules.can_retry_minutes(by, locked.session):
            raise CouncilError(_("Bạn không có quyền tạo lại biên bản này."))
        if not can_retry(locked):
            raise CouncilError(_("Biên bản không ở trạng thái lỗi: không cần tạo lại."))
        previous = locked.state
        locked.state = JobState.PENDING
        locked.error = ""
        locked.finished_at = None
        locked.save(update_fields=["state", "error", "finished_at", "updated_at"])
        log_activity(
            locked.session, MINUTES_RETRY, actor=by, previous_state=previous, new_state=locked.state
        )
        render_minutes_task.delay(minutes_id=locked.pk)
    return locked


# --- The document -------------------------------------------------------------------------
# The text of an official Vietnamese document, not interface text: not translated (as
# the decisions' wording in ``awards.services.decisions``).

#: How the minutes list the members: the chair first, the ordinary members last.
ROLE_ORDER = [
    CouncilRole.CHAIR,
    CouncilRole.VICE_CHAIR,
    CouncilRole.STANDING,
    CouncilRole.MEMBER,
    CouncilRole.SECRETARY,
]
DENOMINATOR_WORDS = {
    Denominator.ALL_MEMBERS: "tổng số thành viên Hội đồng",
    Denominator.PRESENT: "số thành viên dự họp",
}


def _name(user) -> str:
    return nfc(user.get_full_name() or user.username)


def _time_line(moment) -> str:
    local = timezone.localtime(moment)
    return (
        f"{local.hour:02d} giờ {local.minute:02d} phút, ngày {local.day:02d} "
        f"tháng {local.month:02d} năm {local.year}"
    )


def _rule_text(rule) -> str:
    """ "Bỏ phiếu kín, từ 90% trở lên trên tổng số thành viên Hội đồng"."""
    if rule.method == VoteMethod.NO_VOTE:
        return str(rule.get_method_display())
    threshold = percent(Decimal(rule.threshold_percent))
    if rule.comparison == Comparison.MORE_THAN:
        needed = f"trên {threshold}%"
    else:
        needed = f"từ {threshold}% trở lên"
    return f"{rule.get_method_display()}, {needed} trên {DENOMINATOR_WORDS[rule.denominator]}"


def _subject(nomination) -> str:
    return nfc(nomination.subject_name)


def _heading(unit, council) -> dict:
    """ "UBND TỈNH BẾN TRE" above "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG": the council issues
    the minutes under its unit."""
    return {"parent": issuer_name(unit), "name": nfc(council.name).upper(), "parent_bold": False}


def minutes_document(minutes) -> dict:
    """The document dict (``common.pdf.report``) of ``minutes``' session, closed."""
    session = minutes.session
    council = session.council
    unit = council.unit
    day = timezone.localdate(session.meeting_at)
    members = sorted(voting_members(session), key=lambda m: ROLE_ORDER.index(m.role))
    present = set(session.present_members.values_list("pk", flat=True))
    written = set(
        Ballot.objects.filter(item__session=session, kind=BallotKind.WRITTEN).values_list(
            "member_id", flat=True
        )
    )
    items = list(items_of(session))
    secretary = _secretary(session)
    chair = next((m for m in members if m.role == CouncilRole.CHAIR), None)
    names = {m.user_id: _name(m.user) for m in members}

    attending = [m for m in members if m.user_id in present]
    absent = [m for m in members if m.user_id not in present]
    blocks = [
        {"paragraph": f"Thời gian: {_time_line(session.meeting_at)}."},
        {"paragraph": f"Địa điểm: {nfc(session.place)}."},
        {"paragraph": f"Nội dung: {nfc(session.title)}."},
        {"heading": "I. THÀNH PHẦN THAM DỰ"},
        {
            "paragraph": f"Tổng số thành viên Hội đồng: {len(members)}; có mặt: "
            f"{len(attending)}; vắng mặt: {len(absent)}."
        },
        {
            "table": {
                "headers": ["STT", "Họ và tên", "Chức danh trong Hội đồng", "Chức vụ"],
                "rows": [
                    [n, names[m.user_id], str(m.get_role_display()), nfc(m.position)]
                    for n, m in enumerate(attending, 1)
                ],
            }
        },
    ]
    if absent:
        blocks.append({"paragraph": "Thành viên vắng mặt:"})
        blocks.append(
            {
                "bullets": [
                    f"{names[m.user_id]} – {m.get_role_display()}"
                    + (" (có ý kiến bằng văn bản)" if m.user_id in written else "")
                    for m in absent
                ]
            }
        )
    if secretary:
        blocks.append({"paragraph": f"Thư ký phiên họp: {secretary}."})

    blocks.append({"heading": "II. NỘI DUNG XÉT"})
    blocks.append(
        {
            "table": {
                "headers": ["STT", "Cá nhân, tập thể", "Danh hiệu, hình thức", "Quy định"],
                "rows": [
                    [n, _subject(i.nomination), _award(i), _rule_text(i.rule)]
                    for n, i in enumerate(items, 1)
                ],
            }
        }
    )

    blocks.append({"heading": "III. KẾT QUẢ BIỂU QUYẾT"})
    blocks.append(
        {
            "table": {
                "headers": [
                    "STT",
                    "Cá nhân, tập thể",
                    "Đồng ý",
                    "Không đồng ý",
                    "Không biểu quyết",
                    "Tỷ lệ đồng ý",
                    "Kết quả",
                ],
                "rows": [
                    [
                        n,
                        _subject(i.nomination),
                        i.tally.get("agree", 0),
                        i.tally.get("disagree", 0),
                        i.tally.get("abstain", 0),
                        _share(i),
                        str(i.get_outcome_display()),
                    ]
                    for n, i in enumerate(items, 1)
                ],
            }
        }
    )
    for n, item in enumerate(items, 1):
        text = f"{n}. {_subject(item.nomination)}: {nfc(item.explanation)}"
        recused = [names[m] for m in item.tally.get("recused_members", ()) if m in names]
        if recused:
            text += f" Không tham gia biểu quyết do xung đột lợi ích: {', '.join(recused)}."
        blocks.append({"paragraph": text})

    blocks.append({"heading": "IV. KẾT LUẬN"})
    passed = [i for i in items if i.outcome == ItemOutcome.PASSED]
    failed = [i for i in items if i.outcome == ItemOutcome.FAILED]
    skipped = [i for i in items if i.outcome == ItemOutcome.SKIPPED]
    if passed:
        blocks.append(
            {
                "paragraph": f"Hội đồng thống nhất đề nghị khen thưởng {len(passed)} trường hợp "
                "đạt yêu cầu:"
            }
        )
        blocks.append({"bullets": [_line(i) for i in passed]})
    else:
        blocks.append({"paragraph": "Không có trường hợp nào đạt yêu cầu."})
    if failed:
        blocks.append({"paragraph": f"{len(failed)} trường hợp không đạt yêu cầu:"})
        blocks.append({"bullets": [_line(i) for i in failed]})
    if skipped:
        blocks.append({"paragraph": f"{len(skipped)} trường hợp không xét do hồ sơ đã thay đổi:"})
        blocks.append({"bullets": [_line(i) for i in skipped]})
    closed_at = session.closed_at or timezone.now()
    blocks.append(
        {
            "paragraph": f"Kết thúc biểu quyết lúc {_time_line(closed_at)}. Biên bản được lập "
            "và lưu vào hồ sơ đề nghị khen thưởng của từng trường hợp."
        }
    )
    return {
        "letterhead": letterhead(
            {"heading": _heading(unit, council)},
            number=f"Số: {minutes.number_text}",
            place=nfc(unit.place_name or ""),
            day=day,
        ),
        "kind": "BIÊN BẢN",
        "title": f"Họp {nfc(council.name)}",
        "blocks": blocks,
        "signatures": [
            {"lines": ["THƯ KÝ"], "name": secretary},
            {"lines": ["CHỦ TỊCH HỘI ĐỒNG"], "name": names.get(chair.user_id) if chair else ""},
        ],
    }


def _share(item) -> str:
    share = item.tally.get("share")
    return f"{share}%" if share is not None else ""


def _award(item) -> str:
    return nfc(str(item.nomination.award_type))


def _line(item) -> str:
    return f"{_subject(item.nomination)} – {_award(item)}"


def _secretary(session) -> str:
    """The council's secretary on the meeting's day; failing one, whoever closed it."""
    day = timezone.localdate(session.meeting_at)
    seat = (
        session.council.memberships.filter(role=CouncilRole.SECRETARY)
        .exclude(start_date__gt=day)
        .exclude(end_date__lt=day)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if seat is not None:
        return _name(seat.user)
    return _name(session.closed_by) if session.closed_by else ""


# --- Rendering ----------------------------------------------------------------------------


def file_stem(minutes) -> str:
    """ "Bien-ban-hop-Hoi-dong-12-2026": the download name without its extension."""
    return f"Bien-ban-hop-Hoi-dong-{minutes.number}-{minutes.year}"


def _base(minutes) -> str:
    return f"council-minutes/{minutes.pk}"


def _begin(minutes) -> bool:
    """Mark RUNNING; False if the row is DONE already."""
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.state == JobState.DONE:
            minutes.refresh_from_db()
            return False
        locked.total = 1 + locked.session.items.count()
        locked.done = 0
        locked.state = JobState.RUNNING
        locked.started_at = locked.started_at or timezone.now()
        locked.finished_at = None
        locked.error = ""
        locked.save(
            update_fields=[
                "total",
                "done",
                "state",
                "started_at",
                "finished_at",
                "error",
                "updated_at",
            ]
        )
    minutes.refresh_from_db()
    return True


def _step(minutes) -> None:
    Minutes.objects.filter(pk=minutes.pk).update(done=F("done") + 1, updated_at=timezone.now())


def _attach(minutes, pdf: bytes) -> None:
    """One copy in each dossier of the agenda, found again on a second run."""
    original = f"{file_stem(minutes)}.pdf"
    for item in minutes.session.items.select_related("nomination").order_by("position", "pk"):
        name = f"{_base(minutes)}/dossier-{item.nomination_id}.pdf"
        if not DossierFile.objects.filter(nomination_id=item.nomination_id, file=name).exists():
            stored = store(name, pdf)
            DossierFile.objects.create(
                nomination_id=item.nomination_id,
                kind=DossierKind.COUNCIL_MINUTES,
                file=stored,
                original_name=original,
                content_type=PDF,
                size=len(pdf),
                uploaded_by=minutes.session.closed_by,
            )
        _step(minutes)


def render_minutes(minutes) -> Minutes:
    """Render what ``minutes`` still needs; a DONE row is returned as it is.  On an error
    the row is marked FAILED and the error raised again (Celery may retry)."""
    if not _begin(minutes):
        return minutes
    try:
        with beating(minutes):
            pdf = report_pdf(minutes_document(minutes))
            name = store(f"{_base(minutes)}/{file_stem(minutes)}.pdf", pdf)
            Minutes.objects.filter(pk=minutes.pk).update(file=name)
            _step(minutes)
            _attach(minutes, pdf)
        Minutes.objects.filter(pk=minutes.pk).exclude(state=JobState.DONE).update(
            state=JobState.DONE, finished_at=timezone.now(), done=F("total")
        )
    except Exception as error:
        Minutes.objects.filter(pk=minutes.pk).mark_failed(error)
        minutes.refresh_from_db()
        raise
    logger.info("Council minutes %s rendered", minutes.pk)
    minutes.refresh_from_db()
    return minutes
