from django.utils.functional import SimpleLazyObject

from common.selectors import cached_unread_notification_count
from units.rules import is_council_member, is_emulation_staff, is_unit_officer


def roles(request):
    """Expose the user's roles to templates (navigation, home page sections), and the
    number of unread notifications for the bell in the header.

    The roles come from ``units.rules.roles_of`` (cached across requests); the count is
    lazy and kept on the request, read from the cache, counted again only after a
    notification changed, and only when a template shows it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "is_emulation_staff": is_emulation_staff(user),
        "is_unit_officer": is_unit_officer(user),
        "is_council_member": is_council_member(user),
        "unread_notification_count": SimpleLazyObject(lambda: _unread_count(request)),
    }


def _unread_count(request) -> int:
    cached = getattr(request, "_unread_notification_count", None)
    if cached is None:
        cached = cached_unread_notification_count(request.user)
        request._unread_notification_count = cached
    return cached
