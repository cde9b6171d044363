"""The world of the library's tests: Sở Y tế with a hospital below it (officer
``o_health``), Công an tỉnh (officer ``o_police``), a commune without anyone, the
provincial staff, and a signed-in user with no role (``outsider``)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from practices.enums import PracticeField, PracticeKind
from practices.forms.practices import PracticeForm
from practices.services.practices import save_practice
from tests.factories import OfficerMembershipFactory, UnitFactory, UserFactory
from units.enums import UnitLevel
from units.rules import EMULATION_STAFF_GROUP


@pytest.fixture
def world():
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Bến Tre", level=UnitLevel.PROVINCE)
    health = UnitFactory(name="Sở Y tế", parent=province)
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    commune = UnitFactory(name="Xã Phú Túc", parent=province, level=UnitLevel.COMMUNE)
    o_health = OfficerMembershipFactory(unit=health, user=UserFactory(username="o_health")).user
    o_police = OfficerMembershipFactory(unit=police, user=UserFactory(username="o_police")).user
    staff = UserFactory(username="staff_p")
    staff.groups.add(Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)[0])
    outsider = UserFactory(username="outsider")
    return SimpleNamespace(
        province=province,
        health=health,
        hospital=hospital,
        police=police,
        commune=commune,
        o_health=o_health,
        o_police=o_police,
        staff=staff,
        outsider=outsider,
    )


def practice_data(unit, **overrides):
    data = {
        "unit": unit.pk,
        "kind": PracticeKind.MODEL,
        "field": PracticeField.HEALTH,
        "title": "Khai báo y tế điện tử",
        "summary": "Quét mã QR thay cho tờ khai giấy.",
        "description": "Mỗi điểm chốt dán mã QR; người dân khai trên điện thoại.",
        "people": "Nguyễn Văn An, Trưởng khoa",
    }
    data.update(overrides)
    return data


def make_practice(by, unit, *, results=(), **overrides):
    """A practice saved through the form and the service, as the page saves it."""
    form = PracticeForm(practice_data(unit, **overrides), user=by)
    assert form.is_valid(), form.errors
    return save_practice(form, by=by, results=results)


@pytest.fixture
def draft(world):
    results = [("Số lượt khai báo", 12000, "lượt")]
    return make_practice(world.o_health, world.hospital, results=results)
