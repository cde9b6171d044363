"""Which rows a user may see.  Every list, detail, download and export uses these."""

from units.rules import (
    is_council_member,
    is_emulation_staff,
    officer_unit_paths,
    under_paths_q,
)

from .models import Achievement, Evidence, Nomination


def _sees_everything(user) -> bool:
    return is_emulation_staff(user) or is_council_member(user)


def nominations_visible_to(user):
    if not user.is_authenticated:
        return Nomination.objects.none()
    if _sees_everything(user):
        return Nomination.objects.all()
    return Nomination.objects.filter(
        under_paths_q(officer_unit_paths(user), "nominating_unit__path")
    )


def achievements_visible_to(user):
    if not user.is_authenticated:
        return Achievement.objects.none()
    if _sees_everything(user):
        return Achievement.objects.all()
    return Achievement.objects.filter(under_paths_q(officer_unit_paths(user), "owner_unit__path"))


def evidence_visible_to(user):
    return Evidence.objects.filter(achievement__in=achievements_visible_to(user))
