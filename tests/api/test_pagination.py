"""Cursor pagination: every row once across the pages, newest first, no COUNT and no
OFFSET, and a page costs the same queries whatever its depth."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.enums import DecisionState
from awards.selectors import public_award_lines
from tests.factories import AwardDecisionFactory, RecipientFactory

from .conftest import ApiClient

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def many_awards(world):
    decision = AwardDecisionFactory(issuer=world.province, number=99, state=DecisionState.ISSUED)
    return [RecipientFactory(decision=decision) for _ in range(7)]


def _pages(client, url):
    pages = []
    while url:
        body = client.get(url).json()
        pages.append([row["id"] for row in body["results"]])
        url = body["next"]
    return pages


def test_pages_hold_every_row_once_newest_first(many_awards, settings):
    settings.API_PAGE_SIZE = 3
    # the world's three lines of its issued decisions come too
    expected = sorted(public_award_lines().values_list("pk", flat=True), reverse=True)
    client = ApiClient()

    pages = _pages(client, reverse("api:v1:public-award-list"))

    assert [len(page) for page in pages] == [3, 3, 3, 1]
    assert [pk for page in pages for pk in page] == expected


def test_page_size_is_chosen_up_to_the_maximum(many_awards):
    client = ApiClient()
    url = reverse("api:v1:public-award-list")

    assert len(client.get(url, {"page_size": 2}).json()["results"]) == 2
    assert len(client.get(url, {"page_size": 100000}).json()["results"]) == 10


def test_a_deep_page_costs_what_the_first_does_and_nothing_counts(many_awards, settings):
    settings.API_PAGE_SIZE = 2
    client = ApiClient()
    first_url = reverse("api:v1:public-award-list")
    deep_url = _deep_url(client, first_url, steps=3)

    with CaptureQueriesContext(connection) as first:
        client.get(first_url)
    with CaptureQueriesContext(connection) as deep:
        client.get(deep_url)

    assert len(first) == len(deep) == 1
    sql = " ".join(q["sql"] for q in [*first.captured_queries, *deep.captured_queries])
    assert "COUNT(" not in sql.upper()
    assert "OFFSET" not in sql.upper()


def _deep_url(client, url, *, steps):
    for _ in range(steps):
        url = client.get(url).json()["next"]
    return url
