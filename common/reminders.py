"""The seam between the reminder machinery (``campaign``: rules, the outbox, the log) and
reminder kinds whose rows live in an app it may not import (``council`` is its sibling).

Such an app registers, when it is ready, a finder for its kind:
``register_finder("council_vote", finder)``.  ``finder(rule, now)`` yields
:class:`ExternalDue` values: plain data (the recipient, a key of the object and the
period that make a reminder unique, the path to open, and the plain values of the
kind's own placeholders), never asking anything of the campaign app.  The campaign
app owns the kind's name, label and placeholders (its enums) and treats these dues as
its own.  A kind whose app is not installed has no finder and owes nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class ExternalDue:
    recipient: object
    object_key: str
    period: str
    url: str
    context: dict = field(default_factory=dict)


Finder = Callable[[object, object], Iterable[ExternalDue]]
_finders: dict[str, Finder] = {}


def register_finder(kind: str, finder: Finder) -> None:
    """Make ``finder`` answer for reminder rules of ``kind`` (called from ``AppConfig.ready``)."""
    _finders[kind] = finder


def finder_for(kind: str) -> Finder | None:
    return _finders.get(kind)
