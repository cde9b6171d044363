"""The API refuses (404) every object the pages refuse (404), because both ask the same
selectors: a walk over every nomination, achievement, decision and campaign there is,
for each officer, and for a token whose account no longer acts for any unit."""

import pytest
from django.test import Client
from django.urls import reverse

from awards.models import Achievement, AwardDecision, Nomination
from campaign.models import Campaign
from tests.factories import ApiTokenFactory, UserFactory
from units.models import Individual, Unit
from units.selectors import individuals_visible_to, units_visible_to

from .conftest import ApiClient

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

#: (model, the page's detail URL name, the API's detail URL name)
PAIRS = [
    (Nomination, "awards:nomination_detail", "api:v1:nomination-detail"),
    (Achievement, "awards:achievement_detail", "api:v1:achievement-detail"),
    (AwardDecision, "awards:decision_detail", "api:v1:decision-detail"),
    (Campaign, "campaign:campaign_detail", "api:v1:campaign-detail"),
]


def _walk(user, token):
    """{(model name, pk): (page status, API status)} for every row of every kind."""
    page, api = Client(), ApiClient(token)
    page.force_login(user)
    seen = {}
    for model, page_name, api_name in PAIRS:
        for pk in model.objects.values_list("pk", flat=True):
            seen[(model.__name__, pk)] = (
                page.get(reverse(page_name, args=[pk])).status_code,
                api.get(reverse(api_name, args=[pk])).status_code,
            )
    return seen


@pytest.mark.parametrize("who", ["officer1", "officer2"])
def test_every_object_a_page_refuses_the_api_refuses(world, who):
    user, token = getattr(world, who), world.token1 if who == "officer1" else world.token2

    seen = _walk(user, token)

    refused_by_pages = {key for key, (page, _api) in seen.items() if page == 404}
    refused_by_api = {key for key, (_page, api) in seen.items() if api == 404}
    assert refused_by_pages  # the walk meets objects of the other branch
    assert refused_by_pages <= refused_by_api
    # and what the API shows, the page shows too
    assert {key for key, (_p, api) in seen.items() if api == 200} <= {
        key for key, (page, _a) in seen.items() if page == 200
    }
    assert {status for pair in seen.values() for status in pair} <= {200, 404}


def test_the_walk_for_officer1_object_by_object(world):
    seen = _walk(world.officer1, world.token1)

    assert seen[("Nomination", world.nomination1.pk)] == (200, 200)
    assert seen[("Nomination", world.nomination2.pk)] == (404, 404)
    assert seen[("Achievement", world.achievement1.pk)] == (200, 200)
    assert seen[("Achievement", world.achievement2.pk)] == (404, 404)
    assert seen[("AwardDecision", world.issued.pk)] == (200, 200)
    assert seen[("AwardDecision", world.police_decision.pk)] == (404, 404)
    assert seen[("AwardDecision", world.province_draft.pk)] == (404, 404)
    # The unit's own draft is on its pages; the API serves issued decisions only.
    assert seen[("AwardDecision", world.health_draft.pk)] == (200, 404)
    assert seen[("Campaign", world.campaign.pk)] == (200, 200)
    assert seen[("Campaign", world.police_only.pk)] == (404, 404)
    assert seen[("Campaign", world.draft_campaign.pk)] == (404, 404)


def test_a_token_whose_account_acts_for_no_unit_sees_nothing(world):
    stranger = UserFactory(username="former_officer")
    token = ApiTokenFactory(user=stranger)

    seen = _walk(stranger, token)

    # Only the launched campaigns addressed to every unit stay readable, on both.
    open_to_all = {("Campaign", world.campaign.pk)}
    assert {key for key, pair in seen.items() if pair != (404, 404)} == open_to_all
    assert seen[("Campaign", world.campaign.pk)] == (200, 200)
    api = ApiClient(token)
    for name in ("unit", "individual", "nomination", "achievement", "decision"):
        assert api.get(reverse(f"api:v1:{name}-list")).json()["results"] == []


@pytest.mark.parametrize("who", ["officer1", "officer2"])
def test_units_and_people_are_those_the_selectors_give(world, who):
    user, token = getattr(world, who), world.token1 if who == "officer1" else world.token2
    api = ApiClient(token)

    units = {row["id"] for row in api.get(reverse("api:v1:unit-list")).json()["results"]}
    people = {row["id"] for row in api.get(reverse("api:v1:individual-list")).json()["results"]}

    assert units == set(units_visible_to(user).values_list("pk", flat=True))
    assert people == set(individuals_visible_to(user).values_list("pk", flat=True))
    for unit in Unit.objects.exclude(pk__in=units):
        assert api.get(reverse("api:v1:unit-detail", args=[unit.pk])).status_code == 404
    for person in Individual.objects.exclude(pk__in=people):
        assert api.get(reverse("api:v1:individual-detail", args=[person.pk])).status_code == 404
