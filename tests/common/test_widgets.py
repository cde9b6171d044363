"""The autocomplete select: the chosen option only, never the whole queryset."""

import pytest
from django import forms

from common.widgets import AutocompleteSelect
from tests.factories import UnitFactory
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.all(),
        required=False,
        widget=AutocompleteSelect("units:unit_autocomplete", placeholder="Tất cả đơn vị"),
    )


def test_renders_the_chosen_unit_only_with_one_query(django_assert_num_queries):
    chosen = UnitFactory(name="Sở Y tế")
    UnitFactory(name="Công an tỉnh")

    with django_assert_num_queries(1):
        html = str(UnitForm(initial={"unit": chosen.pk})["unit"])

    assert 'data-autocomplete-url="/units/autocomplete/"' in html
    assert 'data-placeholder="Tất cả đơn vị"' in html
    assert f'<option value="{chosen.pk}" selected>Sở Y tế</option>' in html
    assert html.count("<option") == 2  # the empty choice and the chosen unit
    assert "Công an tỉnh" not in html


def test_renders_no_query_without_a_choice(django_assert_num_queries):
    UnitFactory.create_batch(3)

    with django_assert_num_queries(0):
        html = str(UnitForm()["unit"])

    assert html.count("<option") == 1


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999"])
def test_a_value_that_is_not_a_key_renders_no_option_and_is_refused(value):
    form = UnitForm({"unit": value})

    html = str(form["unit"])

    assert html.count("<option") == 1
    assert form.is_valid() is False
    assert list(form.errors) == ["unit"]
