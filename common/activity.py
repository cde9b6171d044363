"""The labels of activity-log actions, and the history of one object.

Each app declares its action codes in ``<app>/activity.py`` with :func:`action`,
which records the code's label and returns the code, so services log with a
constant (``log_activity(obj, DECISION_ISSUE, …)``) and history pages show the
label.  An action whose states are not those of the object it is logged on (a
certificate run's "done", logged on its decision) names their enum with ``states=``, so
pages label them with :func:`state_label`.  ``CommonConfig.ready()`` imports every
app's ``activity`` module, so every code is known before the first page is served.  A
code is declared once; a second declaration of the same code is a programming error.
"""

from django.utils.module_loading import autodiscover_modules

from .models import ActivityLog

_labels: dict[str, object] = {}
_states: dict[str, type] = {}


def action(code: str, label, *, states: type | None = None) -> str:
    """Declare the action ``code`` with its (lazily translated) ``label``, and the choices
    enum of the states it logs when they are not the object's own; return the code."""
    if code in _labels:
        raise ValueError(f"Activity action {code!r} is declared twice.")
    _labels[code] = label
    if states is not None:
        _states[code] = states
    return code


def state_label(code: str, state: str, states: type | None = None):
    """The label of ``state`` logged by the action ``code``: from the action's own
    states, else from ``states`` (the object's); an unknown value shows as itself."""
    choices = _states.get(code, states)
    if not state or choices is None:
        return state
    return dict(choices.choices).get(state, state)


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
