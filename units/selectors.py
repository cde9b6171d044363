"""Which units and people a user may see, and who the staff are."""

from django.contrib.auth import get_user_model

from common.text import fold

from .models import Individual, Unit
from .rules import (
    EMULATION_LEAD_GROUP,
    EMULATION_STAFF_GROUP,
    is_council_member,
    is_emulation_staff,
    officer_unit_paths,
    under_paths_q,
)


def units_visible_to(user):
    """Staff and council members see every unit; officers their units and those below."""
    if is_emulation_staff(user) or is_council_member(user):
        return Unit.objects.all()
    return Unit.objects.filter(under_paths_q(officer_unit_paths(user)))


def individuals_visible_to(user):
    """Staff see every person; officers the people of the units they act for and below."""
    if is_emulation_staff(user):
        return Individual.objects.all()
    return Individual.objects.filter(under_paths_q(officer_unit_paths(user), "unit__path"))


def search_by_name(queryset, text: str):
    """Rows whose ``search_name`` holds every word of ``text``, accents and case folded
    ("nguyen dat" finds "Nguyễn Văn Đạt")."""
    for word in fold(text or "").split():
        queryset = queryset.filter(search_name__contains=word)
    return queryset


def staff_users():
    """The active provincial emulation staff, who hear of submissions and waiting dossiers."""
    return (
        get_user_model()
        .objects.filter(groups__name=EMULATION_STAFF_GROUP, is_active=True)
        .order_by("pk")
    )


def staff_leads() -> list:
    """The staff lead(s) who receive escalations; every staff member if none is named."""
    leads = list(get_user_model().objects.filter(groups__name=EMULATION_LEAD_GROUP, is_active=True))
    return leads or list(staff_users())
