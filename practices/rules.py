"""Permission predicates of the good-practice library.

Views narrow rows with ``selectors`` first (out of scope → 404), then ask these before
showing a button or accepting a POST; the services ask them again under the row lock.
Unit officers write their units' practices (and those of the units below them); the
provincial emulation staff review, publish, decline and take them down.  The public
reads published practices only (``selectors.published_practices``).
"""

from awards.rules import is_officer_for_unit
from units.rules import is_emulation_staff, is_unit_officer

from .enums import PRACTICE_EDITABLE_STATES, PracticeState


def can_create_practice(user) -> bool:
    return is_unit_officer(user)


def can_review_practices(user) -> bool:
    """The staff's review queue and the library's statistics."""
    return is_emulation_staff(user)


def can_see_practice_list(user) -> bool:
    return is_emulation_staff(user) or is_unit_officer(user)


def can_edit_practice(user, practice) -> bool:
    """The unit's officers while it is a draft or sent back for changes; the staff may
    correct it while it waits for review or once it is published."""
    if practice.state in PRACTICE_EDITABLE_STATES:
        return is_officer_for_unit(user, practice.unit)
    if practice.state in (PracticeState.SUBMITTED, PracticeState.PUBLISHED):
        return is_emulation_staff(user)
    return False


def can_submit_practice(user, practice) -> bool:
    return practice.state in PRACTICE_EDITABLE_STATES and is_officer_for_unit(user, practice.unit)


def can_review_practice(user, practice) -> bool:
    """Ask for changes, publish or decline a submitted practice."""
    return practice.state == PracticeState.SUBMITTED and is_emulation_staff(user)


def can_unpublish_practice(user, practice) -> bool:
    return practice.state == PracticeState.PUBLISHED and is_emulation_staff(user)


def can_republish_practice(user, practice) -> bool:
    return practice.state == PracticeState.UNPUBLISHED and is_emulation_staff(user)


def can_record_adoption(user, practice) -> bool:
    """Another unit records that it adopted a published practice: its officers (for
    their own units, checked on the unit chosen) and the staff (for any unit)."""
    if practice.state != PracticeState.PUBLISHED:
        return False
    return is_emulation_staff(user) or is_unit_officer(user)


def can_record_adoption_for(user, practice, unit) -> bool:
    """``unit`` may be recorded as adopting ``practice`` by ``user``: not the practice's
    own unit, and one the user acts for (the staff: any unit)."""
    if not can_record_adoption(user, practice) or unit.pk == practice.unit_id:
        return False
    return is_emulation_staff(user) or is_officer_for_unit(user, unit)
