"""The autocomplete endpoints: scoped like the pages, accent-insensitive, 20 rows at most."""

import pytest
from django.urls import reverse

from tests.factories import IndividualFactory, OfficerMembershipFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

UNITS = reverse("units:unit_autocomplete")
PEOPLE = reverse("units:individual_autocomplete")


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    hospital = UnitFactory(name="Bệnh viện Y học cổ truyền", parent=health)
    police = UnitFactory(name="Công an tỉnh")
    return {
        "health": health,
        "hospital": hospital,
        "police": police,
        "officer": OfficerMembershipFactory(unit=health, user=UserFactory()).user,
        "doctor": IndividualFactory(full_name="Nguyễn Văn Đạt", unit=hospital),
        "policeman": IndividualFactory(full_name="Nguyễn Văn Đạt", unit=police),
    }


def results(client, url, q):
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return [(row["value"], row["text"]) for row in response.json()["results"]]


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (UNITS, PEOPLE):
        response = client.get(url, {"q": "y"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_an_officer_finds_units_of_his_branch_only_accents_folded(client, world):
    client.force_login(world["officer"])

    assert results(client, UNITS, "y") == [
        (world["hospital"].pk, "Bệnh viện Y học cổ truyền"),
        (world["health"].pk, "Sở Y tế"),
    ]
    assert results(client, UNITS, "cong an") == []
    assert results(client, UNITS, "SO Y TE") == [(world["health"].pk, "Sở Y tế")]


def test_an_officer_finds_people_of_his_units_only(client, world):
    client.force_login(world["officer"])

    assert results(client, PEOPLE, "nguyen dat") == [
        (world["doctor"].pk, "Nguyễn Văn Đạt – Bệnh viện Y học cổ truyền")
    ]


def test_a_user_without_a_role_gets_404(client, world):
    client.force_login(UserFactory())

    assert client.get(UNITS, {"q": "y"}).status_code == 404
    assert client.get(PEOPLE, {"q": "dat"}).status_code == 404


def test_an_officer_of_another_branch_gets_none_of_its_rows(client, world):
    client.force_login(OfficerMembershipFactory(unit=world["police"], user=UserFactory()).user)

    assert results(client, UNITS, "y te") == []
    assert results(client, PEOPLE, "nguyen dat") == [
        (world["policeman"].pk, "Nguyễn Văn Đạt – Công an tỉnh")
    ]


def test_staff_find_every_unit_and_person(client, world, staff_user):
    client.force_login(staff_user)

    assert [text for _, text in results(client, UNITS, "")] == [
        "Bệnh viện Y học cổ truyền",
        "Công an tỉnh",
        "Sở Y tế",
    ]
    assert sorted(text for _, text in results(client, PEOPLE, "Đạt")) == [
        "Nguyễn Văn Đạt – Bệnh viện Y học cổ truyền",
        "Nguyễn Văn Đạt – Công an tỉnh",
    ]


def test_at_most_twenty_rows(client, world, staff_user):
    UnitFactory.create_batch(25, name="Trường Tiểu học")
    IndividualFactory.create_batch(25, full_name="Trần Thị Hoa", unit=world["police"])
    client.force_login(staff_user)

    assert len(results(client, UNITS, "truong tieu hoc")) == 20
    assert len(results(client, PEOPLE, "hoa")) == 20
