"""The server-side SVG bar charts."""

import re

import pytest

from common.charts import LABEL_WIDTH, VALUE_WIDTH, WIDTH, Series, bar_chart

pytestmark = pytest.mark.unit


def bar_widths(svg: str, series: int) -> list[float]:
    return [
        float(w)
        for w in re.findall(
            rf'<rect class="chart-series-{series}" x="\d+" y="\d+" width="([\d.]+)"', svg
        )
    ]


def test_bars_are_proportional_to_the_largest_value():
    svg = bar_chart(["Sở Y tế", "Công an tỉnh"], [Series("Đề nghị", [10, 5])], title="Theo đơn vị")

    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    assert bar_widths(svg, 0) == [room, room / 2]
    assert ">10<" in svg and ">5<" in svg


def test_two_series_have_a_legend_and_a_bar_each():
    svg = bar_chart(
        ["A", "B"], [Series("Đề nghị", [1200, 3]), Series("Khen thưởng", [600, 0])], title="T"
    )

    assert svg.count('class="chart-legend"') == 2
    assert len(bar_widths(svg, 0)) == 2
    assert bar_widths(svg, 1)[1] == 0.0
    assert ">1.200<" in svg  # Vietnamese thousands


def test_text_is_escaped_and_there_is_no_inline_style_or_script():
    svg = bar_chart(['<script>alert("x")</script>'], [Series("<b>", [1])], title='"&')

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "style=" not in svg
    assert 'aria-label="&quot;&amp;"' in svg


def test_long_labels_are_shortened_with_the_full_text_in_the_title():
    label = "Trung tâm Kiểm soát bệnh tật tỉnh Bến Tre – Khoa Xét nghiệm"

    svg = bar_chart([label], [Series("Đề nghị", [1])])

    assert f"<title>{label}</title>" in svg
    assert "Trung tâm Kiểm soát…" in svg


def test_nothing_to_draw_is_an_empty_string():
    assert bar_chart([], [Series("Đề nghị", [])]) == ""
    assert bar_chart(["A"], [Series("Đề nghị", [0])]).startswith("<svg")
