"""Who a user is in the portal.  Plain predicates; selectors and views build on them."""

from functools import reduce
from operator import or_

from django.db.models import Q

from common.cache import fragment

from .enums import LEADER_ROLES, UnitLevel

#: Members of this group are provincial emulation staff (Ban Thi đua – Khen thưởng).
EMULATION_STAFF_GROUP = "emulation_staff"
#: The staff lead (trưởng ban): fast-track nominations left undecided escalate to this group.
EMULATION_LEAD_GROUP = "emulation_lead"


#: The cache namespace of each user's roles (:func:`roles_of`): bumped by any write to
#: the tables they are read from (``UnitsConfig.ready``, ``CouncilConfig.ready``).
ROLES_NAMESPACE = "roles"
#: Roles decide permissions: an entry lives at most this long whatever the versions say
#: (the bound on staleness should a bump be lost while Redis is unreachable).
ROLES_TIMEOUT = 60


def roles_of(user) -> tuple[bool, bool, tuple[tuple[int, str, str, str], ...]]:
    """``(emulation staff, council member, memberships)`` of a signed-in user: whether
    the user is a superuser or in the staff group, whether the user sits on an active
    council, and (unit id, unit path, role, unit level) of each active membership.

    Every predicate of the portal derives from these three facts, so the tuple also
    names a user's *scope*: two users with equal roles see the same rows.  Read once
    per request (kept on the user object) and across requests from the cache, under
    the user's id and :data:`ROLES_NAMESPACE`; on a miss, three queries."""
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        name, namespaces, parts, _language = roles_entry(user.pk)
        cached = fragment(
            name,
            namespaces,
            parts,
            lambda: _read_roles(user),
            timeout=ROLES_TIMEOUT,
            language=False,
        )
        user._portal_roles = cached
    return cached


def roles_entry(user_id) -> tuple:
    """The cache entry of a user's roles, for ``common.cache.prefetch``."""
    return ("roles", [ROLES_NAMESPACE], [user_id], False)


def _read_roles(user):
    staff = user.is_superuser or user.groups.filter(name=EMULATION_STAFF_GROUP).exists()
    council = user.council_memberships.filter(council__is_active=True).exists()
    memberships = tuple(
        user.officer_memberships.filter(is_active=True)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "unit__path", "role", "unit__level")
    )
    return (staff, council, memberships)


def role_scope(user) -> tuple:
    """What a page's cached rows may be shared on: users with the same scope see the
    same rows and the same buttons (see :func:`roles_of`); nobody signed in has none."""
    if not user.is_authenticated:
        return ("anonymous",)
    return roles_of(user)


def is_emulation_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    return roles_of(user)[0]


def is_council_member(user) -> bool:
    if not user.is_authenticated:
        return False
    return roles_of(user)[1]


def _memberships(user) -> tuple[tuple[int, str, str, str], ...]:
    """(unit id, unit path, role, unit level) of each active membership of ``user``."""
    if not user.is_authenticated:
        return ()
    return roles_of(user)[2]


def officer_unit_paths(user) -> list[str]:
    """Materialised paths of the units a user officially acts for."""
    return [path for _unit, path, _role, _level in _memberships(user)]


def member_roles(user, *, exclude_level="") -> dict[int, str]:
    """Unit id -> the user's role there, for each unit the user is an active member of
    (exactly that unit: the units below it are not in here), leaving out the units of
    ``exclude_level``."""
    return {unit: role for unit, _path, role, level in _memberships(user) if level != exclude_level}


def reviewed_unit_ids(user) -> set[int]:
    """The units whose review queue the user works in: any active membership, exactly
    that unit (the officer prepares the review, the head or a deputy decides it).  The
    province's queue is the emulation staff's (``is_emulation_staff``)."""
    return {unit for unit, _path, _role, _level in _memberships(user)}


def led_unit_ids(user) -> set[int]:
    """The units the user leads (head or deputy), exactly those units: there they approve
    and forward dossiers to the level above."""
    return {unit for unit, _path, role, _level in _memberships(user) if role in LEADER_ROLES}


def is_unit_leader(user) -> bool:
    return bool(led_unit_ids(user))


def _province_level(unit) -> bool:
    """The province's level (its emulation staff review there); None is the province
    of a tree without a provincial unit."""
    return unit is None or unit.level == UnitLevel.PROVINCE


def reviews_for_unit(user, unit) -> bool:
    """The user works in ``unit``'s review queue (the staff in the province's)."""
    if _province_level(unit):
        return is_emulation_staff(user)
    return unit.pk in reviewed_unit_ids(user)


def leads_unit(user, unit) -> bool:
    """The user decides for ``unit``'s level: its head or a deputy (the staff at the
    province)."""
    if _province_level(unit):
        return is_emulation_staff(user)
    return unit.pk in led_unit_ids(user)


def is_unit_officer(user) -> bool:
    return bool(officer_unit_paths(user))


def under_paths_q(paths, field="path") -> Q:
    """A filter for rows whose unit path lies under any of ``paths``."""
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": p}) for p in paths))


def can_search_units(user) -> bool:
    """The unit search box (the review queue's filter, the nomination form): anyone with a
    role; each sees the units of ``units.selectors.units_visible_to``."""
    return is_emulation_staff(user) or is_council_member(user) or is_unit_officer(user)


def can_search_people(user) -> bool:
    """The person search box (the subject of the nomination, achievement and fast-track
    forms): officers and staff."""
    return is_emulation_staff(user) or is_unit_officer(user)


def can_import_staff(user, unit) -> bool:
    """Import a staff list into ``unit``: its officers (and those of the units above it),
    and the provincial staff for any unit."""
    if unit is None or not user.is_authenticated:
        return False
    return is_emulation_staff(user) or any(
        unit.path.startswith(p) for p in officer_unit_paths(user)
    )


def can_import_staff_lists(user) -> bool:
    """Reach the staff-list import page: officers and the provincial staff."""
    return is_emulation_staff(user) or is_unit_officer(user)


def can_confirm_staff_import(user, staff_import) -> bool:
    """Confirm (write) a checked staff list: whoever may import into its unit."""
    return can_import_staff(user, staff_import.unit)


def can_hide_from_public(user) -> bool:
    """Hide a person or a unit from the public honour board, or show them again: the
    provincial staff."""
    return is_emulation_staff(user)


def can_record_photo_consent(user, individual) -> bool:
    """Record or withdraw a person's consent to show their photo publicly: the staff,
    and the officers of the person's unit (or of a unit above it)."""
    if individual is None or not user.is_authenticated:
        return False
    return is_emulation_staff(user) or any(
        individual.unit.path.startswith(p) for p in officer_unit_paths(user)
    )


def can_manage_publicity(user) -> bool:
    """Reach the public-listing pages of people and units: staff and officers."""
    return is_emulation_staff(user) or is_unit_officer(user)
