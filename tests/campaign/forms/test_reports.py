"""The round and report forms (campaign/forms/reports.py): messages in Vietnamese."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.forms.reports import ReportForm, RoundForm
from tests.factories import IndicatorFactory, ReportFigureFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_a_report_has_one_field_per_indicator_filled_with_the_stored_figure():
    figure = ReportFigureFactory(value=75)
    indicator = figure.indicator

    form = ReportForm(indicators=[indicator], report=figure.report)

    assert [(f.name, f.initial) for f in form.figure_fields] == [
        (f"figure_{indicator.pk}", figure.value)
    ]
    assert form["narrative"].initial == figure.report.narrative


def test_a_file_that_is_neither_pdf_nor_image_is_refused_by_name():
    indicator = IndicatorFactory()
    upload = SimpleUploadedFile("bang-tinh.xlsx", b"PK\x03\x04 not allowed")

    form = ReportForm({}, {"attachments": [upload]}, indicators=[indicator])

    assert not form.is_valid()
    [message] = form.errors["attachments"]
    assert message.startswith("bang-tinh.xlsx: ")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.500", Decimal("1500")),
        ("20.000.000", Decimal("20000000")),
        ("12,5", Decimal("12.5")),
        ("1.500,75", Decimal("1500.75")),
        ("12.5", Decimal("12.5")),
        (" 2 500 ", Decimal("2500")),
    ],
)
def test_figures_are_read_as_vietnamese_write_them(typed, value):
    indicator = IndicatorFactory()

    form = ReportForm({f"figure_{indicator.pk}": typed}, indicators=[indicator])

    assert form.is_valid(), form.errors
    assert form.figures() == {indicator: value}


def test_money_figures_are_whole_dong():
    money = IndicatorFactory(kind="money", measure="đồng")

    form = ReportForm({f"figure_{money.pk}": "12,5"}, indicators=[money])

    assert form.errors[f"figure_{money.pk}"] == ["Số tiền ghi bằng đồng, không có phần lẻ."]


def test_a_stored_figure_is_shown_with_a_decimal_comma():
    figure = ReportFigureFactory(value=Decimal("1250.50"))

    form = ReportForm(indicators=[figure.indicator], report=figure.report)

    assert 'value="1250,5"' in str(form.figure_fields[0])


def test_a_round_needs_its_dates():
    form = RoundForm({"kind": "quarter", "title": "Quý I", "period_start": "01/01/2026"})

    assert set(form.errors) == {"period_end", "due_date"}
