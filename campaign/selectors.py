from django.db.models import Count, Q

from units.models import Unit
from units.rules import is_council_member, is_emulation_staff, officer_unit_paths, under_paths_q

from .enums import CampaignStatus
from .models import Campaign


def campaigns_visible_to(user):
    """Staff and council see every campaign; officers the launched or closed
    campaigns that address one of their units (or address everyone)."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    if is_emulation_staff(user) or is_council_member(user):
        return Campaign.objects.all()
    own = Unit.objects.filter(officers__user=user, officers__is_active=True)
    return (
        Campaign.objects.exclude(status=CampaignStatus.DRAFT)
        .annotate(participant_count=Count("participants", distinct=True))
        .filter(Q(participant_count=0) | Q(participants__in=own))
        .distinct()
    )


def registrable_units(user, campaign):
    """The officer's units that may register for ``campaign``."""
    units = Unit.objects.filter(under_paths_q(officer_unit_paths(user)))
    if campaign.participants.exists():
        units = units.filter(campaigns=campaign)
    return units
