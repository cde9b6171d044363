"""Where a nomination goes: the unit that decides it and the levels that review it.

Selector-level, like ``authority.py``: the workflow service, the forms and the
views ask these; nothing here writes.

- The *deciding unit* is, by default, the lowest unit from the subject's unit
  up whose head may decide the form (``authority.deciding_unit_for``); the
  nominating officer may choose a higher one on the chain that also has the
  authority (:func:`deciding_unit_choices`).  None: only the central level
  decides, the province forwards the dossier.
- The *route* is the nominating unit's ancestors from its parent up to the
  deciding unit (up to the province for a central form), or the nominating
  unit itself when it decides.  A unit no longer in force is passed over.
- A *stop* is a level of the route that reviews: a unit with an active
  membership, or the province (its emulation staff), which always reviews.
  ``None`` as a stop is the province when the tree has no provincial unit
  above the nominating one.  When the deciding unit has nobody to review (it
  sends paper), the province's staff review its nominations last.
- Going back one level (a return) retraces the levels actually passed, read
  from the nomination's stages (:func:`previous_stop`).
"""

import datetime

from django.utils.translation import gettext_lazy as _

from units.enums import UnitLevel
from units.models import OfficerMembership, Unit

from .authority import rows_in_force, subject_unit
from .enums import NOMINATION_OPEN_STATES, NominationState, StageOutcome

#: "no previous level": a return goes back to the nominating officer.
TO_OFFICER = object()


def _path_ids(unit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/") if part] or [unit.pk]


def deciding_unit_choices(subject_unit, award_type, day: datetime.date) -> list[Unit]:
    """The units, lowest first, whose head may decide ``award_type`` over a subject of
    ``subject_unit`` on ``day``: the subject's unit and its ancestors in force with a
    row of the authority table.  Empty: only the central level decides.  Two queries."""
    rows = [row for row in rows_in_force(award_type, day) if not row.is_central]
    if not rows:
        return []
    ids = _path_ids(subject_unit)
    chain = Unit.objects.in_bulk(ids)
    found = []
    for pk in reversed(ids):
        unit = chain.get(pk)
        if unit is not None and unit.is_active_on(day) and any(r.applies_to(unit) for r in rows):
            found.append(unit)
    return found


def deciding_unit_on_submit(nomination, day: datetime.date) -> Unit | None:
    """The unit that decides ``nomination`` if it is sent on ``day``: the one chosen on the
    form while it still has the authority, else the lowest that has it (None: central)."""
    choices = deciding_unit_choices(subject_unit(nomination), nomination.award_type, day)
    chosen = nomination.deciding_unit
    return chosen if chosen in choices else (choices[0] if choices else None)


#: States in which a nomination's route is still to be fixed (on its next submission).
UNROUTED_STATES = (NominationState.DRAFT, NominationState.RETURNED)


def planned_route(nomination, day: datetime.date) -> tuple[Unit | None, list[Unit | None]]:
    """``(deciding unit, levels that review)`` of ``nomination``: those it was sent with,
    or, while it is a draft or back with its officer, those a submission on ``day`` gives."""
    if nomination.state in UNROUTED_STATES:
        deciding = deciding_unit_on_submit(nomination, day)
    else:
        deciding = nomination.deciding_unit
    return deciding, stops(nomination.nominating_unit, deciding, day)


def is_province(unit) -> bool:
    """The province's level: its staff review there."""
    return unit is None or unit.level == UnitLevel.PROVINCE


def route_units(nominating_unit, deciding_unit, day: datetime.date) -> list[Unit | None]:
    """The levels from the nominating unit up to the deciding one (see the module)."""
    if deciding_unit is not None and not (
        nominating_unit.path.startswith(deciding_unit.path) and deciding_unit != nominating_unit
    ):
        return [nominating_unit]
    if deciding_unit is None and nominating_unit.level == UnitLevel.PROVINCE:
        return [nominating_unit]
    ids = _path_ids(nominating_unit)[:-1]
    chain = Unit.objects.in_bulk(ids)
    route = []
    for pk in reversed(ids):
        unit = chain.get(pk)
        if unit is None or not unit.is_active_on(day):
            continue
        route.append(unit)
        if deciding_unit is not None and unit.pk == deciding_unit.pk:
            return route
        if deciding_unit is None and unit.level == UnitLevel.PROVINCE:
            return route
    if deciding_unit is None:
        route.append(None)  # no provincial unit in the tree: the staff, without a unit
    return route


def units_with_reviewers(units) -> set[int]:
    """The ids of ``units`` with an active membership (someone reviews there). One query."""
    ids = [unit.pk for unit in units if unit is not None]
    if not ids:
        return set()
    memberships = OfficerMembership.objects.filter(unit_id__in=ids, is_active=True)
    return set(memberships.values_list("unit_id", flat=True))


def level_name(unit) -> str:
    """A level's name on the pages: the unit's, "Cấp tỉnh" for the staff without a unit."""
    return unit.name if unit is not None else str(_("Cấp tỉnh"))


def province_of(unit) -> Unit | None:
    """The provincial unit above (or at) ``unit``; None when the tree has none."""
    return (
        Unit.objects.filter(pk__in=_path_ids(unit), level=UnitLevel.PROVINCE)
        .order_by("path")
        .first()
    )


def stops(nominating_unit, deciding_unit, day: datetime.date) -> list[Unit | None]:
    """The levels that review, in order: the route's units with reviewers (the
    province always), then the province when the deciding unit has nobody."""
    route = route_units(nominating_unit, deciding_unit, day)
    staffed = units_with_reviewers(route)
    result = [unit for unit in route if is_province(unit) or unit.pk in staffed]
    last = route[-1]
    if not (is_province(last) or last.pk in staffed):
        province = province_of(nominating_unit)
        if not result or result[-1] != province:
            result.append(province)
    return result


def _key(unit) -> int | None:
    return None if unit is None else unit.pk


def next_stop(nomination, day: datetime.date):
    """``(next level, is it the last)`` after the level reviewing ``nomination`` now;
    None when that level is the last."""
    route = stops(nomination.nominating_unit, nomination.deciding_unit, day)
    keys = [_key(unit) for unit in route]
    current = nomination.reviewing_unit
    if _key(current) in keys:
        position = keys.index(_key(current)) + 1
    else:
        # The route changed under it (memberships, the tree): the first level above.
        position = next(
            (
                i
                for i, unit in enumerate(route)
                if current is not None
                and (unit is None or (current.path.startswith(unit.path) and unit != current))
            ),
            len(route),
        )
    if position >= len(route):
        return None
    return route[position], position == len(route) - 1


def previous_stop(stages):
    """The level a return from the current one goes back to, from the stages passed
    (``stages`` in order, the open one last): each forward climbs a level, each
    return to a level below goes down one.  :data:`TO_OFFICER` at the first level."""
    below = []
    for stage in stages:
        if stage.left_at is None:
            break
        if stage.outcome == StageOutcome.FORWARDED:
            below.append(stage.unit)
        elif stage.outcome == StageOutcome.RETURNED and below:
            below.pop()
        else:  # back to the officer, or closed: a new submission starts afresh
            below = []
    return below[-1] if below else TO_OFFICER


# --- What the nomination's page shows -----------------------------------------------------


def route_of(nomination, day: datetime.date) -> dict:
    """The nomination's route as its page shows it: ``{"levels": [{"name", "current",
    "passed"}], "deciding": name}``, the levels that review from the first to the last
    (the one holding it now marked current, those below it passed)."""
    deciding, levels = planned_route(nomination, day)
    holding = nomination.state in NOMINATION_OPEN_STATES
    current = _key(nomination.reviewing_unit) if holding else object()
    keys = [_key(unit) for unit in levels]
    position = keys.index(current) if current in keys else None
    return {
        "levels": [
            {
                "name": level_name(unit),
                "current": index == position,
                "passed": position is not None and index < position,
            }
            for index, unit in enumerate(levels)
        ],
        "deciding": deciding.name if deciding is not None else "",
    }


def return_target(nomination) -> str:
    """Where a return from the level holding ``nomination`` sends it, in words."""
    previous = previous_stop(
        list(nomination.stages.select_related("unit").order_by("entered_at", "id"))
    )
    if previous is TO_OFFICER:
        return nomination.nominating_unit.name
    return level_name(previous)
