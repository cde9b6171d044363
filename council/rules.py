"""Permission predicates for council sessions, built on :mod:`units.rules`.

* The secretary manages sessions: the provincial emulation staff, for every council,
  and a member whose role on a council is "Thư ký", for that council.
* A member votes: a user holding a voting role (chủ tịch, phó chủ tịch, ủy viên
  thường trực, ủy viên) on the session's council on the session's day, while the
  session is open and its voting window runs.

Views first narrow rows with ``selectors.sessions_visible_to`` (out of scope: 404),
then ask these predicates; the services ask them again under the row lock.
"""

from django.utils import timezone

from units.enums import VOTING_COUNCIL_ROLES, CouncilRole
from units.rules import is_emulation_staff

from .enums import SessionState


def _seats(user):
    """(council id, role, start, end) of the user's seats on active councils: one query,
    kept on the user object for the request."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_council_seats", None)
    if cached is None:
        cached = list(
            user.council_memberships.filter(council__is_active=True).values_list(
                "council_id", "role", "start_date", "end_date"
            )
        )
        user._council_seats = cached
    return cached


def secretary_council_ids(user) -> set[int]:
    """The councils whose sessions the user keeps as its secretary (not the staff's all)."""
    return {council for council, role, _s, _e in _seats(user) if role == CouncilRole.SECRETARY}


def member_council_ids(user) -> set[int]:
    """The councils on which the user holds a voting role (at any time)."""
    return {council for council, role, _s, _e in _seats(user) if role in VOTING_COUNCIL_ROLES}


def can_manage_sessions(user) -> bool:
    """See the sessions' list as their secretary and create sessions."""
    return user is not None and (is_emulation_staff(user) or bool(secretary_council_ids(user)))


def can_manage_council(user, council) -> bool:
    return user is not None and (
        is_emulation_staff(user) or council.pk in secretary_council_ids(user)
    )


def can_manage_session(user, session) -> bool:
    """Edit the agenda, attach materials, record written votes and paper counts, close."""
    return session.state != SessionState.CLOSED and can_manage_council_id(user, session.council_id)


def can_manage_council_id(user, council_id) -> bool:
    return user is not None and (
        is_emulation_staff(user) or council_id in secretary_council_ids(user)
    )


def can_view_session_as_secretary(user, session) -> bool:
    return can_manage_council_id(user, session.council_id)


def can_edit_agenda(user, session) -> bool:
    """The agenda changes while the session is being prepared only: once members are
    called, the items they vote on stay as announced."""
    return session.state == SessionState.DRAFT and can_manage_session(user, session)


def can_open_session(user, session) -> bool:
    return session.state == SessionState.DRAFT and can_manage_session(user, session)


def can_close_session(user, session) -> bool:
    return session.state == SessionState.OPEN and can_manage_session(user, session)


def can_record_counts(user, session) -> bool:
    """Record absent members' written votes, paper-ballot counts and attendance."""
    return session.state == SessionState.OPEN and can_manage_session(user, session)


def is_voting_member(user, session) -> bool:
    """The user holds a voting seat on the session's council on the session's day."""
    day = timezone.localdate(session.meeting_at)
    return any(
        council == session.council_id
        and role in VOTING_COUNCIL_ROLES
        and (start is None or start <= day)
        and (end is None or end >= day)
        for council, role, start, end in _seats(user)
    )


def voting_window_open(session, now=None) -> bool:
    now = now or timezone.now()
    return (
        session.state == SessionState.OPEN
        and session.votes_open_at <= now < session.votes_close_at
        and not session.is_paper
    )


def can_vote(user, session, now=None) -> bool:
    """Cast, change or recuse: a voting member, while the window runs."""
    return voting_window_open(session, now) and is_voting_member(user, session)


def can_see_agenda_as_member(user, session) -> bool:
    """A voting member reads the agenda and the dossiers once the session is called."""
    return session.state != SessionState.DRAFT and is_voting_member(user, session)


def can_view_minutes(user, session) -> bool:
    """Read the minutes and print the paper ballot: the session's secretary; the minutes
    also for its voting members once the session is called."""
    return can_view_session_as_secretary(user, session) or can_see_agenda_as_member(user, session)


def can_retry_minutes(user, session) -> bool:
    """Queue the minutes of a closed session again when their rendering failed."""
    return session.state == SessionState.CLOSED and can_manage_council_id(user, session.council_id)


def can_print_ballot(user, session) -> bool:
    """Print the session's blank paper ballot (phiếu bầu): its secretary."""
    return can_view_session_as_secretary(user, session)
