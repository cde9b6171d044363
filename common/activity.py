"""The labels of activity-log actions, and the history of one object.

Each app declares its action codes in ``<app>/activity.py`` with :func:`action`,
which records the code's label and returns the code, so services log with a
constant (``log_activity(obj, DECISION_ISSUE, …)``) and history pages show the
label.  ``CommonConfig.ready()`` imports every app's ``activity`` module, so
every code is known before the first page is served.  A code is declared once;
a second declaration of the same code is a programming error.
"""

from django.utils.module_loading import autodiscover_modules

from .models import ActivityLog

_labels: dict[str, object] = {}


def action(code: str, label) -> str:
    """Declare the action ``code`` with its (lazily translated) ``label``; return the code."""
    if code in _labels:
        raise ValueError(f"Activity action {code!r} is declared twice.")
    _labels[code] = label
    return code


def action_label(code: str):
    """The label of ``code``; an unknown code (e.g. from an older release) shows as itself."""
    return _labels.get(code, code)


def action_choices() -> list[tuple[str, object]]:
    """Every declared (code, label), by code: the apps' actions grouped together."""
    return sorted(_labels.items())


def discover_actions() -> None:
    """Import every installed app's ``activity`` module (called once, at start-up)."""
    autodiscover_modules("activity")


def history_of(obj) -> list[ActivityLog]:
    """Every log entry about ``obj``, oldest first, each with its ``label``."""
    entries = list(
        ActivityLog.objects.for_object(obj).select_related("actor").order_by("created_at", "id")
    )
    for entry in entries:
        entry.label = action_label(entry.action)
    return entries
