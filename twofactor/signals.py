"""At sign-in, a new session starts pending when its user owes a second factor."""

import copy

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .enums import SESSION_KEY
from .middleware import initial_state


@receiver(user_logged_in, dispatch_uid="twofactor.start_session")
def start_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        # A copy: the role checks cache their answers on the object they are given, and
        # the caller's user (a test's, a service's) must not keep answers from this moment.
        request.session[SESSION_KEY] = initial_state(copy.copy(user))
