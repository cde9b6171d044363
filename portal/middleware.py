"""Read what every page's frame needs from the cache in one round trip."""

from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.exceptions import ValidationError

from common.cache import prefetch
from common.selectors import unread_count_entry
from units.rules import roles_entry


class FramePrefetchMiddleware:
    """For a signed-in session, fetch the user's cached roles (``units.rules.roles_of``)
    and unread count (the bell) together, before the view asks for either.  Reads the
    user's id from the session: no query.  After ``common.cache.RequestMemoMiddleware``
    and ``SessionMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user_id = request.session.get(SESSION_KEY)
        if user_id is not None:
            try:
                pk = get_user_model()._meta.pk.to_python(user_id)
            except ValidationError:  # a session naming no user: Django signs it out
                pk = None
            if pk is not None:
                prefetch(roles_entry(pk), unread_count_entry(pk))
        return self.get_response(request)
