"""The admin of units and individuals: the tree, the validity filter, accent-free search."""

import datetime

import pytest
from django.contrib import admin

from tests.conftest import admin_url
from tests.factories import IndividualFactory, UnitFactory
from units.enums import SignerKind, UnitLevel, UnitType
from units.models import (
    Council,
    CouncilMembership,
    Individual,
    OfficerMembership,
    PhotoConsent,
    StaffImport,
    Unit,
    UnitSigner,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_unit_list_shows_the_tree(superuser_client):
    province = UnitFactory(name="Tỉnh Bến Tre", level=UnitLevel.PROVINCE)
    department = UnitFactory(name="Sở Nội vụ", parent=province)
    UnitFactory(name="Ban Thi đua – Khen thưởng", parent=department, level=UnitLevel.BASE)

    response = superuser_client.get(admin_url(Unit, "changelist"))
    html = response.text
    assert ">Tỉnh Bến Tre<" in html
    assert ">\u2003\u2003└ Sở Nội vụ<" in html
    assert ">\u2003\u2003\u2003\u2003└ Ban Thi đua – Khen thưởng<" in html
    assert html.index("Tỉnh Bến Tre") < html.index("Sở Nội vụ") < html.index("Ban Thi đua")

    roots = superuser_client.get(admin_url(Unit, "changelist"), {"root": "yes"}).context["cl"]
    assert list(roots.result_list) == [province]
    found = superuser_client.get(admin_url(Unit, "changelist"), {"q": "nội vụ"}).context["cl"]
    assert list(found.result_list) == [department]


def test_unit_validity_filter(superuser_client):
    current = UnitFactory(name="Xã An Hội")
    merged = UnitFactory(name="Huyện Châu Thành", valid_to=datetime.date(2025, 6, 30))
    active = superuser_client.get(admin_url(Unit, "changelist"), {"valid": "yes"}).context["cl"]
    ended = superuser_client.get(admin_url(Unit, "changelist"), {"valid": "no"}).context["cl"]
    assert list(active.result_list) == [current]
    assert list(ended.result_list) == [merged]


def test_adding_a_unit_places_it_in_the_tree(superuser_client):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    response = superuser_client.post(
        admin_url(Unit, "add"),
        {
            "name": "Sở Y tế",
            "code": "so-y-te",
            "unit_type": UnitType.STATE_AGENCY,
            "level": UnitLevel.DEPARTMENT,
            "parent": province.pk,
            "signers-TOTAL_FORMS": "0",
            "signers-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="so-y-te")
    assert unit.path == f"{province.path}{unit.pk}/"


def test_a_units_document_fields_and_signers_are_edited_on_its_page(superuser_client):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    response = superuser_client.post(
        admin_url(Unit, "add"),
        {
            "name": "Sở Y tế",
            "code": "so-y-te",
            "unit_type": UnitType.STATE_AGENCY,
            "level": UnitLevel.DEPARTMENT,
            "parent": province.pk,
            "issuer_name": "SỞ Y TẾ",
            "letterhead_parent": "UBND TỈNH BẾN TRE",
            "head_title": "GIÁM ĐỐC",
            "signers-TOTAL_FORMS": "1",
            "signers-INITIAL_FORMS": "0",
            "signers-0-full_name": "Võ Hoàng Khải",
            "signers-0-position": "PHÓ GIÁM ĐỐC",
            "signers-0-kind": SignerKind.DEPUTY,
            "signers-0-valid_from": "2021-01-01",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="so-y-te")
    assert (unit.head_title, unit.letterhead_parent, unit.collective_leadership) == (
        "GIÁM ĐỐC",
        "UBND TỈNH BẾN TRE",
        False,
    )
    assert list(unit.signers.values_list("full_name", "kind", "valid_from")) == [
        ("Võ Hoàng Khải", SignerKind.DEPUTY, datetime.date(2021, 1, 1))
    ]


def test_search_ignores_diacritics(superuser_client):
    unit = UnitFactory(name="Sở Nội vụ")
    UnitFactory(name="Sở Y tế")
    person = IndividualFactory(full_name="Nguyễn Văn Đạt")
    IndividualFactory(full_name="Trần Thị Hoa")
    units = superuser_client.get(admin_url(Unit, "changelist"), {"q": "noi vu"}).context["cl"]
    assert list(units.result_list) == [unit]
    people = superuser_client.get(admin_url(Individual, "changelist"), {"q": "dat nguyen"}).context[
        "cl"
    ]
    assert list(people.result_list) == [person]
    exact = superuser_client.get(admin_url(Individual, "changelist"), {"q": "Đạt"}).context["cl"]
    assert list(exact.result_list) == [person]


# --- Change lists: a fixed number of queries, whatever the number of rows --------------

#: (model, queries) for every change list of the app, rows built by ``ADMIN_ROWS``.
CHANGELIST_QUERIES = [
    pytest.param(Unit, 3, id="unit"),
    pytest.param(UnitSigner, 3, id="unitsigner"),
    pytest.param(Individual, 3, id="individual"),
    pytest.param(OfficerMembership, 4, id="officermembership"),
    pytest.param(Council, 4, id="council"),
    pytest.param(CouncilMembership, 5, id="councilmembership"),
    pytest.param(StaffImport, 6, id="staffimport"),
    pytest.param(PhotoConsent, 4, id="photoconsent"),
]


def test_every_change_list_of_the_app_has_its_query_count():
    registered = {model for model in admin.site._registry if model._meta.app_label == "units"}
    assert {param.values[0] for param in CHANGELIST_QUERIES} == registered


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("model", "queries"), CHANGELIST_QUERIES)
def test_changelist_queries(assert_changelist_queries, model, queries, rows):
    assert_changelist_queries(model, rows, queries)
