"""Template filters of the awards pages: nomination state colours and labels, "how long ago",
where an open nomination waits, a row's entry in a dict keyed by id; the statistics page's
charts (``common.charts``)."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from common.charts import Series, bar_chart

from ..enums import NOMINATION_OPEN_STATES, NominationState
from ..routing import is_province

register = template.Library()

STATE_COLOURS = {
    NominationState.DRAFT: "secondary",
    NominationState.SUBMITTED: "primary",
    NominationState.IN_REVIEW: "info",
    NominationState.RETURNED: "warning",
    NominationState.APPROVED: "success",
    NominationState.REJECTED: "danger",
    NominationState.WITHDRAWN: "dark",
    NominationState.AWARDED: "success",
}


@register.filter
def state_colour(state):
    """Bootstrap colour name for a nomination state badge."""
    return STATE_COLOURS.get(state, "secondary")


@register.filter
def since(value):
    """How long ago, in days or hours: "3 ngày", "5 giờ"."""
    if value is None:
        return ""
    now = timezone.now()
    if not hasattr(value, "hour"):
        days = (timezone.localdate() - value).days
        return _("%(n)d ngày") % {"n": days} if days else _("hôm nay")
    hours = int((now - value).total_seconds() // 3600)
    if hours < 48:
        return _("%(n)d giờ") % {"n": hours}
    return _("%(n)d ngày") % {"n": hours // 24}


@register.filter
def state_label(state):
    """The display label of a nomination state value."""
    try:
        return NominationState(state).label
    except ValueError:
        return state


@register.filter
def entry_for(mapping, key):
    """``mapping[key]``, or None: a line's entry in a dict keyed by line id."""
    return mapping.get(key) if mapping else None


@register.filter
def waiting_at(nomination):
    """Where an open nomination waits: "Chờ Sở Y tế", "Chờ tỉnh"; "" once it is closed
    or not sent.  Reads ``reviewing_unit`` (the queue loads its name and level)."""
    if nomination.state not in NOMINATION_OPEN_STATES:
        return ""
    unit = nomination.reviewing_unit
    if is_province(unit):
        return _("Chờ tỉnh")
    return _("Chờ %(unit)s") % {"unit": unit.name}


@register.simple_tag
def statistics_chart(table):
    """The SVG bar chart beside a statistics table: proposed and awarded per row."""
    rows = table.rows
    return bar_chart(
        [row.label for row in rows],
        [
            Series(_("Đề nghị"), [row.proposed for row in rows]),
            Series(_("Khen thưởng"), [row.awarded for row in rows]),
        ],
        title=table.title,
    )


@register.simple_tag
def delay_chart(delays):
    """The SVG bar chart of the average and median days from achievement to award."""
    return bar_chart(
        [delay.label for delay in delays],
        [
            Series(_("Trung bình (ngày)"), [delay.average for delay in delays]),
            Series(_("Trung vị (ngày)"), [delay.median for delay in delays]),
        ],
        title=_("Thời gian từ khi lập thành tích đến khi được khen"),
    )
