"""The public verification page a certificate's QR code leads to."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import CertificateState, DecisionState
from awards.services.reissue import reissue_certificate
from tests.awards.conftest import NAME, make_decision

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def world():
    return make_decision()


def verify(client, certificate):
    return client.get(reverse("verify", args=[certificate.token]))


def test_valid_certificate_without_login(client, world):
    response = verify(client, world.certificates[0])

    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html
    assert "Còn hiệu lực." in html
    for shown in (
        "Bằng khen của Chủ tịch UBND tỉnh",
        NAME,
        "Bệnh viện Nguyễn Đình Chiểu",
        "Số 123/QĐ-UBND ngày 15/09/2021",
        "Ủy ban nhân dân tỉnh Bến Tre",
        world.certificates[0].serial,
    ):
        assert shown in html, shown


def test_no_other_personal_data(client, world):
    html = verify(client, world.certificates[0]).content.decode()

    for hidden in ("083190001234", "04/03/1990", "1990", "2.240.000", "2240000", "Điều dưỡng"):
        assert hidden not in html, hidden


def test_collective_shows_the_unit_above_it(client, world):
    html = verify(client, world.certificates[2]).content.decode()
    assert "Khoa Hồi sức tích cực – Chống độc" in html
    assert "Bệnh viện Nguyễn Đình Chiểu" in html


def test_revoked_certificate_says_when_and_why(client, world):
    certificate = world.certificates[1]
    certificate.state = CertificateState.REVOKED
    certificate.revoked_at = timezone.make_aware(datetime.datetime(2022, 3, 1, 9, 0))
    certificate.revoked_reason = "Kê khai không trung thực"
    certificate.save()

    html = verify(client, certificate).content.decode()

    assert "Đã bị thu hồi." in html
    assert "Thu hồi ngày 01/03/2022." in html
    assert "Kê khai không trung thực" in html
    assert "Còn hiệu lực." not in html


def test_certificates_of_a_revoked_decision_read_revoked(client, world):
    world.decision.state = DecisionState.REVOKED
    world.decision.revoked_at = timezone.make_aware(datetime.datetime(2022, 5, 2, 9, 0))
    world.decision.revoked_reason = "Hồ sơ giả mạo"
    world.decision.save()

    html = verify(client, world.certificates[0]).content.decode()

    assert "Đã bị thu hồi." in html
    assert "Thu hồi ngày 02/05/2022." in html
    assert "Hồ sơ giả mạo" in html


def test_replaced_certificate_links_to_the_newer_one(client, world, staff_user):
    old = world.certificates[0]
    new = reissue_certificate(old, by=staff_user, reason="Sửa tên viết sai")

    html = verify(client, old).content.decode()
    assert "Đã được thay thế." in html
    assert f'href="{reverse("verify", args=[new.token])}"' in html
    assert new.serial in html
    assert "Còn hiệu lực." not in html

    html = verify(client, new).content.decode()
    assert "Còn hiệu lực." in html
    assert new.serial in html


def test_unknown_token_is_a_plain_404(client, world):
    response = client.get(reverse("verify", args=["x" * 43]))
    assert response.status_code == 404
    assert NAME not in response.content.decode()


def test_certificate_of_a_draft_decision_is_not_found(client, world):
    world.decision.state = DecisionState.DRAFT
    world.decision.save()
    assert verify(client, world.certificates[0]).status_code == 404


def test_tokens_are_long_and_random(world):
    tokens = {c.token for c in world.certificates}
    assert len(tokens) == 3
    assert all(len(token) >= 43 for token in tokens)
