"""``Authorization: Bearer <key>``: a good key authenticates as its account and notes
the use; a wrong, revoked or malformed key, or an inactive account's, is a 401."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import revoke_api_token
from tests.factories import ApiTokenFactory

from .conftest import ApiClient

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

INVALID = "Khóa API không hợp lệ hoặc đã bị thu hồi."


def _units(client, **headers):
    return client.get(reverse("api:v1:unit-list"), **headers)


def test_a_good_key_reads_and_notes_the_time_of_use(world):
    before = timezone.now()

    response = _units(ApiClient(world.token1))

    assert response.status_code == 200
    world.token1.refresh_from_db()
    assert world.token1.last_used_at >= before


def test_the_time_of_use_is_written_at_most_once_a_minute(world):
    recent = timezone.now() - datetime.timedelta(seconds=10)
    ApiToken.objects.filter(pk=world.token1.pk).update(last_used_at=recent)
    client = ApiClient(world.token1)

    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("api:v1:award-type-list"))

    assert not any(q["sql"].startswith("UPDATE") for q in captured.captured_queries)
    world.token1.refresh_from_db()
    assert world.token1.last_used_at == recent


def test_no_header_is_a_401_asking_for_a_bearer_key(world):
    response = _units(ApiClient())

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    "header",
    ["Bearer tdkt_not-a-key", "Bearer not-even-the-prefix", "Bearer"],
    ids=["unknown key", "foreign key", "no key"],
)
def test_a_bad_key_is_a_401_in_vietnamese(world, header):
    response = _units(ApiClient(), HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["detail"] in {
        INVALID,
        "Tiêu đề Authorization phải có dạng “Bearer <khóa API>”.",
    }


def test_a_revoked_key_is_a_401_at_once(world):
    client = ApiClient(world.token1)
    assert _units(client).status_code == 200

    revoke_api_token(world.token1, by=world.officer1)
    response = _units(client)

    assert response.status_code == 401
    assert response.json() == {"detail": INVALID}


def test_an_inactive_account_s_key_is_a_401(world):
    world.officer1.is_active = False
    world.officer1.save(update_fields=["is_active"])

    response = _units(ApiClient(world.token1))

    assert response.status_code == 401
    assert response.json() == {"detail": INVALID}


def test_a_session_does_not_reach_the_api(client, world):
    client.force_login(world.officer1)

    assert _units(client).status_code == 401


def test_only_the_hash_of_a_key_is_stored(world):
    token = ApiTokenFactory()

    stored = ApiToken.objects.filter(pk=token.pk).values().get()

    assert token.key not in {str(value) for value in stored.values()}
    assert stored["key_hash"] == ApiToken.hash_key(token.key)
    assert stored["prefix"] == token.key[:13]
