"""Bar charts drawn on the server as inline SVG: no chart library, no script, no CDN.

``bar_chart(labels, series)`` returns the markup of a horizontal bar chart: one
group of bars per label, one bar per series (e.g. "Đề nghị" and "Khen thưởng"),
each bar as long as its value against the largest value of the chart, its figure
written after it (Vietnamese thousands: "1.410"), and a legend when there are
several series.  Colours come from CSS classes (``chart-series-0``, …, in
``static/css/app.css``), never from ``style`` attributes: the pages' CSP forbids
inline styles.  The SVG scales to its container (``viewBox``) and says what it
shows to screen readers (``role="img"``, ``<title>``, one ``<title>`` per bar).
Every text is escaped.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from common.text import thousands

#: The drawing's width in user units; it scales to its column (about 450 px beside a
#: table), so 12-unit text reads at about 12 px.
WIDTH = 460
LABEL_WIDTH = 180
VALUE_WIDTH = 55
BAR_HEIGHT = 13
BAR_GAP = 2
GROUP_GAP = 10
LEGEND_HEIGHT = 24
LABEL_CHARS = 24


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name in the legend and its values, one per label."""

    name: str
    values: Sequence[float]


def _figure(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return thousands(value)


def _short(label: str) -> str:
    """The label within ``LABEL_CHARS``, cut after a whole word when it is longer."""
    if len(label) <= LABEL_CHARS:
        return label
    cut = label[: LABEL_CHARS - 1]
    if " " in cut[LABEL_CHARS // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" –-,") + "…"


def bar_chart(labels: Sequence[str], series: Sequence[Series], *, title: str = "") -> SafeString:
    """The SVG of a horizontal bar chart; an empty string when there is nothing to draw."""
    labels = [str(label) for label in labels]
    if not labels or not series:
        return mark_safe("")
    largest = max((v or 0 for s in series for v in s.values), default=0) or 1
    bar_room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    group = len(series) * BAR_HEIGHT + (len(series) - 1) * BAR_GAP
    top = LEGEND_HEIGHT if len(series) > 1 else 0
    height = top + len(labels) * (group + GROUP_GAP)
    parts = [
        f'<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" preserveAspectRatio="xMinYMin meet" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if len(series) > 1:
        x = LABEL_WIDTH
        for index, one in enumerate(series):
            parts.append(
                f'<rect class="chart-series-{index} chart-key" x="{x}" y="4" '
                f'width="12" height="12"/>'
                f'<text class="chart-legend" x="{x + 16}" y="14">{escape(one.name)}</text>'
            )
            x += 28 + 7 * len(one.name)
    for row, label in enumerate(labels):
        y = top + row * (group + GROUP_GAP)
        parts.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 6}" y="{y + group / 2 + 4:g}" '
            f'text-anchor="end"><title>{escape(label)}</title>{escape(_short(label))}</text>'
        )
        for index, one in enumerate(series):
            value = one.values[row] if row < len(one.values) else None
            length = max((value or 0) / largest * bar_room, 0)
            bar_y = y + index * (BAR_HEIGHT + BAR_GAP)
            text = _figure(value)
            parts.append(
                f'<rect class="chart-series-{index}" x="{LABEL_WIDTH}" y="{bar_y}" '
                f'width="{length:.1f}" height="{BAR_HEIGHT}">'
                f"<title>{escape(label)} – {escape(one.name)}: {escape(text)}</title></rect>"
                f'<text class="chart-value" x="{LABEL_WIDTH + length + 4:.1f}" '
                f'y="{bar_y + BAR_HEIGHT - 3}">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
