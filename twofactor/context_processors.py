"""Whether the session still owes its second factor: the navigation is then hidden
(its links would only lead back to the code page). Read from the session: no query."""

from .enums import SESSION_KEY, SessionState


def second_factor(request):
    session = getattr(request, "session", None)
    pending = session is not None and session.get(SESSION_KEY) == SessionState.PENDING
    return {"twofactor_pending": pending}
