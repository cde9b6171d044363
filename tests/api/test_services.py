"""Making and revoking tokens: who may, the key given once, the limit, the log."""

import pytest

from api.activity import API_TOKEN_CREATE, API_TOKEN_REVOKE
from api.models import ApiToken
from api.services import TokenError, create_api_token, revoke_api_token
from common.models import ActivityLog
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_an_officer_makes_a_token_and_gets_its_key_once(world):
    token, key = create_api_token(world.officer1, by=world.officer1, label="  Phần mềm HR  ")

    assert token.label == "Phần mềm HR"
    assert key.startswith("tdkt_")
    assert len(key) > 40
    assert token.prefix == key[:13]
    assert ApiToken.objects.get(pk=token.pk).key_hash == ApiToken.hash_key(key)
    entry = ActivityLog.objects.for_object(token).get()
    assert (entry.action, entry.actor) == (API_TOKEN_CREATE, world.officer1)


def test_staff_make_a_token_for_an_officer(world, staff_user):
    token, _key = create_api_token(world.officer1, by=staff_user, label="Cấp qua quản trị")

    assert (token.user, token.created_by) == (world.officer1, staff_user)


@pytest.mark.parametrize(
    ("owner", "by", "message"),
    [
        ("officer2", "officer1", "Bạn không tạo được khóa API cho tài khoản này."),
        ("stranger", "stranger", "Chỉ tài khoản cán bộ đơn vị đang hoạt động"),
    ],
)
def test_a_token_for_someone_else_or_a_non_officer_is_refused(world, owner, by, message):
    world.stranger = UserFactory(username="stranger")

    with pytest.raises(TokenError, match=message):
        create_api_token(getattr(world, owner), by=getattr(world, by), label="x")

    assert ApiToken.objects.filter(user=getattr(world, owner)).count() == (
        1 if owner == "officer2" else 0
    )


def test_a_label_is_required(world):
    with pytest.raises(TokenError, match="Vui lòng đặt tên gợi nhớ"):
        create_api_token(world.officer1, by=world.officer1, label="   ")

    assert ApiToken.objects.filter(user=world.officer1).count() == 1


def test_the_number_of_active_tokens_is_limited(world, settings):
    settings.API_TOKENS_PER_USER = 2
    create_api_token(world.officer1, by=world.officer1, label="Thứ hai")

    with pytest.raises(TokenError, match="đã có 2 khóa API đang dùng"):
        create_api_token(world.officer1, by=world.officer1, label="Thứ ba")

    revoke_api_token(world.token1, by=world.officer1)
    create_api_token(world.officer1, by=world.officer1, label="Thứ ba")
    assert ApiToken.objects.active().filter(user=world.officer1).count() == 2


def test_revoking_is_logged_and_happens_once(world):
    revoke_api_token(world.token1, by=world.officer1)

    world.token1.refresh_from_db()
    assert world.token1.revoked_by == world.officer1
    entry = ActivityLog.objects.for_object(world.token1).get()
    assert entry.action == API_TOKEN_REVOKE
    with pytest.raises(TokenError, match="đã bị thu hồi trước đó"):
        revoke_api_token(world.token1, by=world.officer1)
    assert ActivityLog.objects.for_object(world.token1).count() == 1


def test_another_officer_cannot_revoke_a_token(world):
    with pytest.raises(TokenError, match="Bạn không thu hồi được khóa API này."):
        revoke_api_token(world.token1, by=world.officer2)

    world.token1.refresh_from_db()
    assert world.token1.revoked_at is None


def test_a_token_of_the_factory_is_an_ordinary_row():
    token = ApiTokenFactory()

    assert token.is_active
    assert str(token) == f"{token.label} ({token.prefix}…)"
