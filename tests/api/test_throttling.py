"""Rate limits: per token, and per address for calls without a token; the address is
the one the sign-in lockout counts (X-Forwarded-For only from a trusted proxy)."""

import pytest
from django.urls import reverse

from tests.factories import ApiTokenFactory

from .conftest import ApiClient

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_a_token_over_its_rate_gets_429_and_another_token_does_not(world, settings):
    settings.API_THROTTLE_TOKEN_RATE = "3/hour"
    first, second = ApiClient(world.token1), ApiClient(world.token2)
    url = reverse("api:v1:award-type-list")

    answers = [first.get(url).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert int(first.get(url)["Retry-After"]) > 0
    assert second.get(url).status_code == 200


def test_two_tokens_of_one_account_count_apart(world, settings):
    settings.API_THROTTLE_TOKEN_RATE = "1/hour"
    other = ApiTokenFactory(user=world.officer1)
    url = reverse("api:v1:award-type-list")

    assert ApiClient(world.token1).get(url).status_code == 200
    assert ApiClient(world.token1).get(url).status_code == 429
    assert ApiClient(other).get(url).status_code == 200


def test_anonymous_calls_are_counted_per_address(world, settings):
    settings.API_THROTTLE_ANON_RATE = "2/hour"
    url = reverse("api:v1:public-award-list")
    here, there = ApiClient(REMOTE_ADDR="203.0.113.5"), ApiClient(REMOTE_ADDR="203.0.113.6")

    answers = [here.get(url).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert there.get(url).status_code == 200


def test_a_forwarded_address_counts_only_from_a_trusted_proxy(world, settings):
    settings.API_THROTTLE_ANON_RATE = "1/hour"
    url = reverse("api:v1:public-award-list")
    spoofing = ApiClient(REMOTE_ADDR="203.0.113.5")

    assert spoofing.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    # The header is anybody's to write: the same address, whatever it claims.
    assert spoofing.get(url, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429

    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = ApiClient(REMOTE_ADDR="10.0.0.1")
    assert proxy.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert proxy.get(url, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
    assert proxy.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
