"""Tokens in the admin: staff make one for an officer (the key in the message, once),
refuse a non-officer with the service's message, and revoke; nobody deletes one."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from api.models import ApiToken
from tests.factories import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ADD = reverse("admin:api_apitoken_add")
CHANGELIST = reverse("admin:api_apitoken_changelist")


def test_an_administrator_makes_a_token_for_an_officer(superuser_client, world):
    response = superuser_client.post(ADD, {"user": world.officer1.pk, "label": "Cấp qua admin"})

    assert response.status_code == 302
    made = ApiToken.objects.get(label="Cấp qua admin")
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    key = next(m for m in shown if "tdkt_" in m).rsplit(" ", 1)[-1]
    assert made.key_hash == ApiToken.hash_key(key)
    assert made.user == world.officer1


def test_a_non_officer_is_refused_in_the_add_form(superuser_client, world):
    stranger = UserFactory(username="khach")

    response = superuser_client.post(ADD, {"user": stranger.pk, "label": "Không được"})

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Chỉ tài khoản cán bộ đơn vị đang hoạt động mới được cấp khóa API."
    ]
    assert not ApiToken.objects.filter(user=stranger).exists()


def test_the_revoke_action_revokes_the_chosen_tokens(superuser_client, world):
    response = superuser_client.post(
        CHANGELIST,
        {"action": "revoke_selected", "_selected_action": [world.token1.pk]},
    )

    assert response.status_code == 302
    world.token1.refresh_from_db()
    world.token2.refresh_from_db()
    assert world.token1.revoked_at is not None
    assert world.token2.revoked_at is None


def test_nobody_deletes_a_token(superuser_client, world):
    url = reverse("admin:api_apitoken_delete", args=[world.token1.pk])

    assert superuser_client.get(url).status_code == 403
    assert ApiToken.objects.filter(pk=world.token1.pk).exists()
