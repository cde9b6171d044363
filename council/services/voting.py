"""The secret e-ballot: casting, changing and recusing (see the threat model in
``council/models.py``).

* ``secret`` is the member's random browser secret (a cookie of its own, set by the
  view, never stored on the server).  A vote is found again only through
  ``token_hash(secret, member, item)``; a member who votes from another browser can
  no longer change that vote, and is told so.
* One ballot per member per item: the unique constraint on ``Ballot`` decides, under
  the item's row lock; the loser of a race is refused with a message.
* Each write rewrites the item's votes in a random order with new keys
  (:func:`reshuffle`); nothing is written to the activity log for a vote.
* Items are locked in id order (no deadlock between two members voting on the whole
  list), then the session is read again: a vote waiting on a lock held by the closing
  sees the session closed and is refused.
"""

import hashlib
import random
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.models import log_activity

from .. import rules
from ..activity import SESSION_RECUSAL
from ..enums import BallotKind, Choice, VoteSource
from ..models import AgendaItem, Ballot, Session, Vote
from .errors import CouncilError

_shuffle = random.SystemRandom().shuffle


def token_hash(secret: str, member, item) -> str:
    """What the database keeps to find a member's vote again: it names neither."""
    return hashlib.sha256(f"{secret}:{member.pk}:{item.pk}".encode()).hexdigest()


def reshuffle(item) -> None:
    """Rewrite every vote of ``item`` with a new key, in a random order, in the caller's
    transaction: their insertion order and transaction ids no longer follow the voters."""
    rows = list(Vote.objects.filter(item=item).values_list("choice", "source", "token_hash"))
    Vote.objects.filter(item=item).delete()
    _shuffle(rows)
    Vote.objects.bulk_create(
        [
            Vote(id=uuid.uuid4(), item=item, choice=choice, source=source, token_hash=token)
            for choice, source, token in rows
        ]
    )


def _locked_items(session, item_ids):
    items = list(
        AgendaItem.objects.select_for_update()
        .filter(session=session, pk__in=item_ids)
        .order_by("pk")
    )
    if len(items) != len(set(item_ids)):
        raise CouncilError(_("Hồ sơ không thuộc phiên họp này."))
    current = Session.objects.get(pk=session.pk)
    return current, items


def cast_votes(session, choices, *, by, secret, now=None) -> list[str]:
    """Record ``by``'s ``choices`` ({item id: choice}) in ``session``, or change them.

    All or nothing: when one item is refused (recused, voted from another browser)
    nothing is written and the messages say why.  Returns nothing but raises
    :class:`CouncilError` with every reason joined."""
    if not choices:
        raise CouncilError(_("Vui lòng chọn ý kiến cho ít nhất một hồ sơ."))
    if any(c not in Choice.values for c in choices.values()):
        raise CouncilError(_("Lựa chọn không hợp lệ."))
    if not secret:
        raise CouncilError(_("Trình duyệt chưa cho phép lưu phiếu. Vui lòng tải lại trang."))
    with transaction.atomic():
        current, items = _locked_items(session, list(choices))
        if not rules.can_vote(by, current, now):
            raise CouncilError(
                _("Phiên họp không trong thời gian bỏ phiếu hoặc bạn không có quyền bỏ phiếu.")
            )
        done = dict(Ballot.objects.filter(item__in=items, member=by).values_list("item_id", "kind"))
        problems = []
        for item in items:
            kind = done.get(item.pk)
            label = str(item.nomination_id)
            if kind == BallotKind.RECUSED:
                problems.append(
                    _("Hồ sơ số %(n)s: bạn đã báo không tham gia do xung đột lợi ích.")
                    % {"n": label}
                )
            elif kind == BallotKind.WRITTEN:
                problems.append(
                    _("Hồ sơ số %(n)s: ý kiến bằng văn bản của bạn đã được ghi nhận.")
                    % {"n": label}
                )
        if problems:
            raise CouncilError(" ".join(problems))
        for item in items:
            choice = choices[item.pk]
            hashed = token_hash(secret, by, item)
            if done.get(item.pk) == BallotKind.VOTED:
                changed = Vote.objects.filter(item=item, token_hash=hashed).update(choice=choice)
                if not changed:
                    raise CouncilError(
                        _(
                            "Bạn đã bỏ phiếu cho hồ sơ số %(n)s trên một trình duyệt khác: "
                            "phiếu chỉ sửa được trên trình duyệt đã dùng để bỏ phiếu."
                        )
                        % {"n": item.nomination_id}
                    )
            else:
                try:
                    with transaction.atomic():
                        Ballot.objects.create(item=item, member=by, kind=BallotKind.VOTED)
                except IntegrityError:
                    raise CouncilError(
                        _("Bạn vừa bỏ phiếu cho hồ sơ số %(n)s. Vui lòng tải lại trang.")
                        % {"n": item.nomination_id}
                    ) from None
                Vote.objects.create(
                    item=item, choice=choice, source=VoteSource.ELECTRONIC, token_hash=hashed
                )
            reshuffle(item)
    return []


def my_choices(session, *, member, secret, items=None) -> dict[int, str]:
    """Item id -> the choice ``member`` made, read back through their browser secret
    (shown to them alone, on their own page).  ``items``: the session's, if loaded."""
    if not secret:
        return {}
    if items is None:
        items = AgendaItem.objects.filter(session=session).only("pk")
    wanted = {token_hash(secret, member, item): item.pk for item in items}
    rows = Vote.objects.filter(item__session=session, token_hash__in=list(wanted))
    return {wanted[h]: choice for h, choice in rows.values_list("token_hash", "choice")}


def recuse(item, *, by, now=None) -> None:
    """``by`` declares a conflict of interest on ``item``: out of its count.  Public (the
    minutes name it), so it is logged.  Not after voting on it."""
    with transaction.atomic():
        current, _items = _locked_items(item.session, [item.pk])
        if not rules.can_vote(by, current, now or timezone.now()):
            raise CouncilError(
                _("Phiên họp không trong thời gian bỏ phiếu hoặc bạn không có quyền bỏ phiếu.")
            )
        try:
            with transaction.atomic():
                Ballot.objects.create(item=item, member=by, kind=BallotKind.RECUSED)
        except IntegrityError:
            raise CouncilError(
                _("Bạn đã bỏ phiếu hoặc đã báo không tham gia cho hồ sơ này.")
            ) from None
        log_activity(current, SESSION_RECUSAL, actor=by, data={"item": item.pk})
