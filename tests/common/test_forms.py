"""The filter form of the big lists: plain selects written in Python, model choices
read in one plain query, Bootstrap's classes on every field."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.forms import FilterForm
from common.widgets import PlainSelect
from tests.factories import UnitFactory
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


class ListFilter(FilterForm):
    state = forms.ChoiceField(
        choices=[("", "Tất cả"), ("a&b", "Đã gửi <mới>"), ("c", "Đã duyệt")], required=False
    )
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.order_by("name"), required=False, empty_label="Tất cả"
    )


def test_select_renders_its_options_escaped_with_the_chosen_one_selected():
    form = ListFilter({"state": "a&b"})

    html = str(form["state"])

    assert isinstance(form.fields["state"].widget, PlainSelect)
    assert html == (
        '<select name="state" class="form-select" id="id_state">'
        '<option value="">Tất cả</option>'
        '<option value="a&amp;b" selected>Đã gửi &lt;mới&gt;</option>'
        '<option value="c">Đã duyệt</option></select>'
    )


def test_model_choices_are_read_in_one_plain_query():
    first, second = UnitFactory(name="Sở Nội vụ"), UnitFactory(name="Sở Y tế")
    form = ListFilter(initial={"unit": second.pk})  # unbound: no validation query

    with CaptureQueriesContext(connection) as queries:
        html = str(form["unit"])

    assert [q["sql"].split(" ")[0] for q in queries.captured_queries] == ["SELECT"]
    assert html == (
        '<select name="unit" class="form-select" id="id_unit">'
        '<option value="">Tất cả</option>'
        f'<option value="{first.pk}">Sở Nội vụ</option>'
        f'<option value="{second.pk}" selected>Sở Y tế</option></select>'
    )


def test_field_with_an_error_is_marked_invalid():
    form = ListFilter({"state": "x"})

    assert not form.is_valid()
    assert 'class="form-select is-invalid"' in str(form["state"])
