"""Every model of the project's apps has a factory, and each factory builds a valid saved row."""

import factory
import pytest
from django.apps import apps
from simple_history.models import HistoricalChanges

import tests.factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PROJECT_APPS = ("units", "campaign", "council", "awards", "practices", "common", "api")

FACTORIES = sorted(
    (
        getattr(tests.factories, name)
        for name in tests.factories.__all__
        if issubclass(getattr(tests.factories, name), factory.django.DjangoModelFactory)
    ),
    key=lambda f: f.__name__,
)


def _model_label(model):
    return model._meta.label


def test_every_concrete_model_of_the_project_has_a_factory():
    models = {
        _model_label(model)
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, HistoricalChanges)
    }
    covered = {_model_label(f._meta.model) for f in FACTORIES}

    assert sorted(models - covered) == []


@pytest.mark.parametrize("model_factory", FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_saved_row(model_factory):
    obj = model_factory()

    obj.full_clean()
    assert type(obj).objects.filter(pk=obj.pk).count() == 1


#: The others fetch the row with the same key (the catalogue migration seeds some).
CREATING_FACTORIES = [f for f in FACTORIES if not f._meta.django_get_or_create]


@pytest.mark.parametrize("model_factory", CREATING_FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_distinct_rows_when_called_twice(model_factory):
    first, second = model_factory(), model_factory()

    assert first.pk != second.pk
