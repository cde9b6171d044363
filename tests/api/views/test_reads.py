"""The read endpoints: what each shows, the public awards' fields, the decision's
lines in the caller's scope, filters, and query counts that do not grow with rows."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import DecisionState
from tests.factories import (
    AwardDecisionFactory,
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    RecipientFactory,
)

from ..conftest import ApiClient

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PUBLIC_FIELDS = {"id", "name", "subject_type", "position_and_unit", "award_type", "decision",
                 "campaign"}  # fmt: skip


def test_public_awards_need_no_token_and_show_only_what_a_certificate_prints(world):
    response = ApiClient().get(reverse("api:v1:public-award-detail", args=[world.line_doctor.pk]))

    body = response.json()
    assert response.status_code == 200
    assert set(body) == PUBLIC_FIELDS
    assert body["name"] == "Nguyễn Văn An"
    assert body["position_and_unit"] == "Bác sĩ, Bệnh viện Nguyễn Đình Chiểu"
    assert body["decision"] == {
        "id": world.issued.pk,
        "reference": "12/QĐ-UBND",
        "signed_date": "2021-09-15",
        "issuer": "Ủy ban nhân dân tỉnh Bến Tre",
    }
    assert body["campaign"] == "Phòng, chống dịch COVID-19"
    text = response.content.decode()
    assert "083190001234" not in text
    assert "0909123456" not in text


def test_public_awards_leave_out_drafts_and_revoked_lines_and_decisions(world):
    world.line_captain.revoked_at = timezone.now()
    world.line_captain.save(update_fields=["revoked_at"])
    revoked = AwardDecisionFactory(issuer=world.province, number=14, state=DecisionState.REVOKED)
    revoked_line = RecipientFactory(decision=revoked, individual=world.doctor)

    response = ApiClient().get(reverse("api:v1:public-award-list"))

    ids = [row["id"] for row in response.json()["results"]]
    police_line = world.police_decision.recipients.get()
    assert ids == [police_line.pk, world.line_doctor.pk]
    for line in (revoked_line, world.line_captain, world.province_draft.recipients.get()):
        detail = ApiClient().get(reverse("api:v1:public-award-detail", args=[line.pk]))
        assert detail.status_code == 404


def test_public_awards_are_found_by_a_name_typed_without_diacritics(world):
    response = ApiClient().get(reverse("api:v1:public-award-list"), {"q": "nguyen van an"})

    assert [row["id"] for row in response.json()["results"]] == [world.line_doctor.pk]


def test_a_decision_shows_only_the_lines_of_the_caller_s_units(world):
    response = ApiClient(world.token1).get(
        reverse("api:v1:decision-detail", args=[world.issued.pk])
    )

    body = response.json()
    assert body["reference"] == "12/QĐ-UBND"
    assert body["state"] == DecisionState.ISSUED
    assert [line["id"] for line in body["lines"]] == [world.line_doctor.pk]


def test_decisions_list_issued_ones_only(world):
    response = ApiClient(world.token1).get(reverse("api:v1:decision-list"))

    assert [row["id"] for row in response.json()["results"]] == [world.issued.pk]


def test_campaigns_list_with_their_forms(world):
    response = ApiClient(world.token1).get(reverse("api:v1:campaign-list"))

    rows = response.json()["results"]
    assert [row["title"] for row in rows] == ["Phòng, chống dịch COVID-19"]
    assert [a["name"] for a in rows[0]["allowed_award_types"]] == ["Bằng khen tỉnh"]


def test_people_are_found_by_citizen_id_which_is_never_returned(world):
    response = ApiClient(world.token1).get(
        reverse("api:v1:individual-list"), {"citizen_id": "083190001234"}
    )

    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [world.doctor.pk]
    assert "citizen_id" not in rows[0]
    assert "083190001234" not in response.content.decode()


@pytest.fixture
def more_rows(world):
    """``more_rows(n)``: n more rows in each list officer1 reads: a person of the hospital
    with a nomination and a line of a new issued decision, and a campaign for all."""

    def make(count):
        for number in range(count):
            person = IndividualFactory(unit=world.hospital)
            NominationFactory(individual=person, nominating_unit=world.health)
            decision = AwardDecisionFactory(number=100 + number, state=DecisionState.ISSUED)
            RecipientFactory(decision=decision, individual=person)
            CampaignFactory().allowed_award_types.add(world.award)

    return make


@pytest.mark.parametrize("extra", [1, 3])
def test_lists_cost_the_same_queries_for_one_row_or_three(
    world, more_rows, extra, django_assert_num_queries
):
    more_rows(extra)
    anonymous, officer = ApiClient(), ApiClient(world.token1)

    with django_assert_num_queries(1):
        anonymous.get(reverse("api:v1:public-award-list"))
    # the token (with its user), its last use (once a minute), staff? council? the units,
    # the rows, their forms
    with django_assert_num_queries(7):
        officer.get(reverse("api:v1:campaign-list"))
    # the token; the roles now come from the cache; the rows, their achievements and files
    with django_assert_num_queries(4):
        officer.get(reverse("api:v1:nomination-list"))
    # the token, the rows (the roles from the cache)
    with django_assert_num_queries(2):
        officer.get(reverse("api:v1:decision-list"))
