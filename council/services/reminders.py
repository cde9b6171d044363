"""Reminding the members who have not voted yet: the council's reminder kind
(``council_vote``), found here and handed to the reminder machinery of the campaign
app through ``common.reminders`` (registered in ``apps.CouncilConfig.ready``).

A rule of this kind counts its offsets in hours before a session's voting window
closes ("24, 2": a day before and two hours before).  At each offset reached, every
voting member of an open online session who has not yet voted, recused or sent a
written opinion on every item of its agenda is owed one reminder for that period
("vote:2026-12-09T17:00/2"); the machinery writes it once (its unique constraint),
so beat firing twice sends nothing twice.  Only "has voted" (``Ballot``) is read,
never a vote.
"""

from collections import Counter

from django.urls import reverse
from django.utils import timezone

from common.reminders import ExternalDue

from ..enums import SessionState
from ..models import Ballot, Session
from ..selectors import voting_members

KIND = "council_vote"


def _offset_before(hours_left: float, offsets: list[int]) -> int | None:
    """The nearest offset reached before the window closes (None: not yet)."""
    reached = [o for o in offsets if hours_left <= o]
    return min(reached) if reached else None


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def due_vote_reminders(rule, now):
    """The members who still have items to vote on, per open online session whose
    window runs and closes within one of ``rule``'s offsets (hours)."""
    offsets = rule.offset_list
    sessions = Session.objects.filter(
        state=SessionState.OPEN, is_paper=False, votes_open_at__lte=now, votes_close_at__gt=now
    ).order_by("votes_close_at", "pk")
    for session in sessions:
        hours_left = (session.votes_close_at - now).total_seconds() / 3600
        offset = _offset_before(hours_left, offsets)
        if offset is None:
            continue
        item_count = session.items.count()
        if not item_count:
            continue
        done = Counter(
            Ballot.objects.filter(item__session=session).values_list("member_id", flat=True)
        )
        closes = timezone.localtime(session.votes_close_at)
        for seat in voting_members(session):
            missing = item_count - done[seat.user_id]
            if missing <= 0 or not seat.user.is_active:
                continue
            yield ExternalDue(
                recipient=seat.user,
                object_key=f"council_session:{session.pk}",
                period=f"vote:{_moment(session.votes_close_at)}/{offset}",
                url=reverse("council:session_vote", args=[session.pk]),
                context={
                    "phien_hop": session.title,
                    "han_bo_phieu": f"{closes:%H:%M %d/%m/%Y}",
                    "so_gio_con_lai": int(hours_left),
                    "so_ho_so_chua_bieu_quyet": missing,
                },
            )
