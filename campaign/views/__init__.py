"""Campaign pages.  Staff-only pages answer everybody else with a 404."""

from django.http import Http404

from units.rules import is_emulation_staff


def staff_only(request) -> None:
    """Emulation staff go on; anyone else gets a 404: the page does not exist for them."""
    if not is_emulation_staff(request.user):
        raise Http404
