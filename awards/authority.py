"""Reads of the authority table: who may award what, over whom, on a given day.

Selector-level, like ``selectors.py``: the services, forms, views and admin ask
these, never the table directly.  Two rules:

- *authority*: the head of ``issuer`` may decide ``award_type`` on ``day`` when
  an ``AwardAuthority`` row in force that day names the issuer's level (and,
  if the row lists any, its unit type);
- *branch*: a unit awards only its own people and the units below it, i.e. the
  subject's unit path starts with the issuer's (``Unit.path`` is "/1/4/17/").

Every function here reads the rows in force with one query and takes a unit's
ancestors from its ``path`` with at most one more.
"""

import datetime

from django.db.models import Q

from units.models import Unit

from .models import AwardAuthority, AwardType


def rows_in_force(award_type, day: datetime.date) -> list[AwardAuthority]:
    """Every row in force on ``day`` for ``award_type``, central ones included."""
    return list(AwardAuthority.objects.in_force_on(day).filter(award_type=award_type))


def authorities_for(issuer, award_type, day: datetime.date) -> list[AwardAuthority]:
    """The rows in force on ``day`` under which the head of ``issuer`` decides ``award_type``."""
    if not issuer.level:
        return []
    rows = AwardAuthority.objects.in_force_on(day).filter(
        award_type=award_type, issuer_level=issuer.level
    )
    return [row for row in rows if row.applies_to(issuer)]


def may_decide(issuer, award_type, day: datetime.date) -> bool:
    return bool(authorities_for(issuer, award_type, day))


def deciders(rows) -> list[str]:
    """The deciders the rows name, once each, in their order."""
    return list(dict.fromkeys(row.decider for row in rows))


def _path_ids(unit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/") if part]


def deciding_unit_for(unit, award_type, day: datetime.date):
    """The lowest unit, from ``unit`` up through its ancestors, whose head may decide
    ``award_type`` on ``day``; None when no unit may (only the central level decides,
    or nobody: the province forwards the dossier).  A unit no longer in force on
    ``day`` (a district after 2025-06-30) is passed over.  Two queries."""
    rows = [row for row in rows_in_force(award_type, day) if not row.is_central]
    if not rows:
        return None
    ids = _path_ids(unit) or [unit.pk]
    chain = Unit.objects.in_bulk(ids)
    for pk in reversed(ids):
        candidate = chain.get(pk)
        if candidate is None or not candidate.is_active_on(day):
            continue
        if any(row.applies_to(candidate) for row in rows):
            return candidate
    return None


def awardable_types(issuer, day: datetime.date):
    """The active titles and forms the head of ``issuer`` may decide on ``day``."""
    rows = AwardAuthority.objects.in_force_on(day).filter(issuer_level=issuer.level)
    ids = {row.award_type_id for row in rows if row.applies_to(issuer)}
    return AwardType.objects.filter(pk__in=ids, is_active=True)


def locally_decided_types(day: datetime.date):
    """The active titles and forms some unit of the portal may decide on ``day`` (those
    only the central level decides are proposed upward, never issued here)."""
    rows = AwardAuthority.objects.in_force_on(day).exclude(issuer_level="")
    return AwardType.objects.filter(is_active=True, pk__in=rows.values("award_type_id"))


def issuer_levels(day: datetime.date) -> list[str]:
    """The unit levels some row in force on ``day`` lets decide something."""
    levels = AwardAuthority.objects.in_force_on(day).exclude(issuer_level="")
    return sorted(set(levels.values_list("issuer_level", flat=True)))


def in_branch(issuer, subject_unit) -> bool:
    """Whether ``subject_unit`` is ``issuer`` or lies below it."""
    return bool(issuer.path) and subject_unit.path.startswith(issuer.path)


def subject_unit(row):
    """The unit that places a subject in the tree: a collective itself, an
    individual's unit (``row`` has ``unit`` and ``individual``, as a recipient
    line or a nomination)."""
    return row.unit if row.unit_id else row.individual.unit


def in_branch_q(issuer, prefix: str = "") -> Q:
    """Rows whose subject (``unit`` or ``individual.unit``) lies in ``issuer``'s branch."""
    return Q(**{f"{prefix}unit__path__startswith": issuer.path}) | Q(
        **{f"{prefix}individual__unit__path__startswith": issuer.path}
    )
