"""Which sections of the home page a user sees: one predicate per role's desk.

Plain predicates over the roles defined in :mod:`units.rules`; the home view
and its templates ask these, never the role checks themselves.
"""

from units.rules import is_council_member, is_emulation_staff, is_unit_officer


def can_see_staff_desk(user) -> bool:
    """Campaigns under way, the review queue, recent decisions, failed reminders."""
    return is_emulation_staff(user)


def can_see_officer_desk(user) -> bool:
    """The officer's units: what they still owe, returned nominations, counts."""
    return is_unit_officer(user)


def can_see_council_desk(user) -> bool:
    return is_council_member(user)


def can_see_activity_log(user) -> bool:
    """The whole activity log (who did what to which object) is the provincial staff's."""
    return is_emulation_staff(user)
