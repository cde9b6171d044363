"""The officer's token page: make a token (its key shown once), list, revoke; someone
else's token, and the page for someone who is no officer, are 404s."""

import pytest
from django.urls import reverse

from api.models import ApiToken
from tests.factories import ApiTokenFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PAGE = reverse("api:token_list")


def test_an_officer_makes_a_token_and_sees_its_key_once(client, world):
    client.force_login(world.officer1)

    response = client.post(PAGE, {"label": "Phần mềm quản lý nhân sự"})

    assert response.status_code == 200
    key = response.context["new_key"]
    made = ApiToken.objects.get(label="Phần mềm quản lý nhân sự")
    assert made.key_hash == ApiToken.hash_key(key)
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    again = client.get(PAGE)
    assert key not in again.content.decode()
    assert made.prefix in again.content.decode()


def test_an_empty_label_says_so_and_makes_nothing(client, world):
    client.force_login(world.officer1)

    response = client.post(PAGE, {"label": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {"label": ["Trường này là bắt buộc."]}
    assert ApiToken.objects.filter(user=world.officer1).count() == 1


def test_the_limit_is_explained_on_the_page(client, world, settings):
    settings.API_TOKENS_PER_USER = 1
    client.force_login(world.officer1)

    response = client.post(PAGE, {"label": "Khóa thứ hai"})

    assert response.context["form"].non_field_errors() == [
        "Tài khoản đã có 1 khóa API đang dùng. "
        "Hãy thu hồi khóa không còn dùng trước khi tạo khóa mới."
    ]
    assert ApiToken.objects.filter(user=world.officer1).count() == 1


def test_the_page_lists_only_the_user_s_own_tokens(client, world):
    client.force_login(world.officer1)

    response = client.get(PAGE)

    assert list(response.context["tokens"]) == [world.token1]
    assert "Phần mềm Công an tỉnh" not in response.content.decode()


def test_an_officer_revokes_a_token(client, world):
    client.force_login(world.officer1)

    response = client.post(reverse("api:token_revoke", args=[world.token1.pk]))

    assert response.status_code == 302
    world.token1.refresh_from_db()
    assert world.token1.revoked_at is not None


def test_another_officer_s_token_is_a_404(client, world):
    client.force_login(world.officer1)

    response = client.post(reverse("api:token_revoke", args=[world.token2.pk]))

    assert response.status_code == 404
    world.token2.refresh_from_db()
    assert world.token2.revoked_at is None


def test_who_is_no_officer_gets_a_404(client, world, staff_user):
    client.force_login(staff_user)

    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"label": "x"}).status_code == 404
    assert not ApiToken.objects.filter(user=staff_user).exists()


def test_the_navigation_offers_the_page_to_officers(client, world):
    client.force_login(world.officer1)

    assert PAGE in client.get(reverse("home")).content.decode()


def test_a_revoked_token_shows_as_revoked_without_a_button(client, world):
    token = ApiTokenFactory(user=world.officer1)
    client.force_login(world.officer1)
    client.post(reverse("api:token_revoke", args=[token.pk]))

    html = client.get(PAGE).content.decode()

    assert "Đã thu hồi" in html
    assert reverse("api:token_revoke", args=[token.pk]) not in html
    assert reverse("api:token_revoke", args=[world.token1.pk]) in html
