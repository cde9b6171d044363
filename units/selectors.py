from .models import Unit
from .rules import is_council_member, is_emulation_staff, officer_unit_paths, under_paths_q


def units_visible_to(user):
    """Staff and council members see every unit; officers their units and those below."""
    if is_emulation_staff(user) or is_council_member(user):
        return Unit.objects.all()
    return Unit.objects.filter(under_paths_q(officer_unit_paths(user)))
