"""Send a signed-in user who owes a second factor to verify (or enrol) first.

The session's state (``enums.SESSION_KEY``) is set at sign-in (``signals``) and by the
views; this middleware reads it and costs no query on an ordinary page. A session
without a state (signed in before two-factor sign-in existed) is judged once here.
While a session is ``PENDING`` only sign-out, the two-factor pages themselves, the
language switch, the health check, the public certificate check and static files
answer; every other page, the Django admin included, redirects to the verify page
(or the enrolment page, for a user without a device yet) with ``?next=``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from .enums import SESSION_KEY, SessionState
from .rules import requires_two_factor
from .selectors import has_two_factor

#: Views a pending session may still open (besides the two-factor pages).
OPEN_VIEW_NAMES = {"logout", "set_language", "healthz", "verify"}


def initial_state(user) -> SessionState:
    """The state of a new session of ``user``."""
    if requires_two_factor(user) or has_two_factor(user):
        return SessionState.PENDING
    return SessionState.NOT_NEEDED


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            state = request.session.get(SESSION_KEY)
            if state is None:
                state = initial_state(user)
                request.session[SESSION_KEY] = state
            if state == SessionState.PENDING and not self._is_open(request):
                return self._redirect(request, user)
        return self.get_response(request)

    @staticmethod
    def _is_open(request) -> bool:
        path = request.path_info
        static = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith(static):
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.app_name == "twofactor" or match.view_name in OPEN_VIEW_NAMES

    @staticmethod
    def _redirect(request, user):
        target = "twofactor:verify" if has_two_factor(user) else "twofactor:enrol"
        url = reverse(target)
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        response = HttpResponseRedirect(url)
        if getattr(request, "htmx", False):
            response["HX-Redirect"] = url
        return response
