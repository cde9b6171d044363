"""The rules the database enforces on units and individuals, whatever code writes the rows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import IndividualFactory, UnitFactory
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

# SQLite names the columns of a violated unique index, PostgreSQL the constraint.
CITIZEN_ID_TAKEN = (
    r"individual_citizen_id_unique|UNIQUE constraint failed: units_individual\.citizen_id"
)


# --- Individuals: the citizen id (CCCD) is unique when known ------------------------


def test_citizen_id_unique_when_present():
    IndividualFactory(citizen_id=None)
    IndividualFactory(citizen_id=None)  # two unknown ids: fine
    IndividualFactory(citizen_id="083090001234")

    with pytest.raises(IntegrityError, match=CITIZEN_ID_TAKEN), transaction.atomic():
        IndividualFactory(citizen_id="083090001234")


def test_citizen_id_is_null_not_empty():
    with (
        pytest.raises(IntegrityError, match="individual_citizen_id_not_empty"),
        transaction.atomic(),
    ):
        IndividualFactory(citizen_id="")


# --- Units: the materialised path follows the tree ----------------------------------


def test_unit_path_follows_parent():
    province = UnitFactory()
    department = UnitFactory(parent=province)
    office = UnitFactory(parent=department)

    assert province.path == f"/{province.pk}/"
    assert department.path == f"/{province.pk}/{department.pk}/"
    assert office.path == f"/{province.pk}/{department.pk}/{office.pk}/"
    assert office.path.startswith(department.path)
    assert set(province.descendants()) == {province, department, office}
    assert set(office.ancestors()) == {province, department}


def test_moving_a_subtree_updates_every_descendant():
    old_parent = UnitFactory()
    new_parent = UnitFactory()
    department = UnitFactory(parent=old_parent)
    office = UnitFactory(parent=department)
    team = UnitFactory(parent=office)

    department.parent = new_parent
    department.save()

    stored = dict(Unit.objects.values_list("pk", "path"))
    assert stored[department.pk] == f"/{new_parent.pk}/{department.pk}/"
    assert stored[office.pk] == f"/{new_parent.pk}/{department.pk}/{office.pk}/"
    assert stored[team.pk] == f"/{new_parent.pk}/{department.pk}/{office.pk}/{team.pk}/"
    assert set(old_parent.descendants()) == {old_parent}
    assert set(new_parent.descendants()) == {new_parent, department, office, team}


@pytest.mark.django_db
def test_search_name_follows_a_rename_saved_with_update_fields():
    from tests.factories import IndividualFactory, UnitFactory

    person = IndividualFactory(full_name="Nguyễn Văn An")
    person.full_name = "Trần Thị Đào"
    person.save(update_fields=["full_name"])
    person.refresh_from_db()
    assert person.search_name == "tran thi dao"
    unit = UnitFactory(name="Sở Y tế")
    unit.name = "Sở Nội vụ"
    unit.save(update_fields=["name"])
    unit.refresh_from_db()
    assert unit.search_name.startswith("so noi vu")


def test_a_birth_date_before_1900_is_refused():
    person = IndividualFactory.build(unit=UnitFactory(), date_of_birth=datetime.date(1899, 12, 31))
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert caught.value.message_dict["date_of_birth"] == [
        "Ngày 31/12/1899 quá xa: chỉ nhận từ ngày 01/01/1900 trở đi."
    ]
    person.date_of_birth = datetime.date(1900, 1, 1)
    person.full_clean()
