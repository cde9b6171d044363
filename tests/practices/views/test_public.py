"""practices/views/public.py: the public library without login, its cache, its photos."""

import pytest
from django.urls import reverse

from awards.enums import DecisionState
from practices.enums import PracticeField, PracticeState
from practices.services.practices import perform, record_adoption
from tests.factories import (
    AdoptionFactory,
    AwardDecisionFactory,
    CampaignFactory,
    CertificateFactory,
    PracticeFactory,
    PracticeFileFactory,
    RecipientFactory,
)
from tests.practices.conftest import make_practice

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

LIST = reverse("practices:public_list")


def _published(world, **overrides):
    practice = make_practice(world.o_health, world.hospital, **overrides)
    perform(practice, "submit", by=world.o_health)
    perform(practice, "publish", by=world.staff)
    return practice


def _titles(response):
    return [p.title for p in response.context["page"]]


def test_public_list_shows_only_published_practices_without_login(client, world, draft):
    published = _published(world, title="Chợ an toàn")
    response = client.get(LIST)
    assert response.status_code == 200
    assert _titles(response) == [published.title]


def test_public_search_ignores_diacritics(client, world):
    _published(world, title="Khai báo y tế điện tử")
    _published(world, title="ATM gạo nghĩa tình", summary="Gạo miễn phí cho người khó khăn.")
    assert _titles(client.get(LIST, {"q": "khai bao y te"})) == ["Khai báo y tế điện tử"]
    assert _titles(client.get(LIST, {"q": "GẠO"})) == ["ATM gạo nghĩa tình"]
    assert _titles(client.get(LIST, {"q": "dien tu"})) == ["Khai báo y tế điện tử"]
    assert _titles(client.get(LIST, {"q": "xe buyt"})) == []


def test_public_filter_by_unit_takes_its_branch_and_by_field_and_campaign(client, world):
    campaign = CampaignFactory()
    in_hospital = _published(world, title="Ở bệnh viện", campaign=campaign.pk)
    police = make_practice(
        world.o_police, world.police, title="Ở công an", field=PracticeField.SECURITY
    )
    perform(police, "submit", by=world.o_police)
    perform(police, "publish", by=world.staff)

    assert _titles(client.get(LIST, {"unit": world.health.pk})) == [in_hospital.title]
    assert _titles(client.get(LIST, {"field": PracticeField.SECURITY})) == [police.title]
    assert _titles(client.get(LIST, {"campaign": campaign.pk})) == [in_hospital.title]


def test_public_list_bad_filter_shows_a_message_not_an_error(client, world):
    _published(world)
    response = client.get(LIST, {"field": "nope"})
    assert response.status_code == 200
    assert _titles(response) == []
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_public_pages_carry_no_csrf_token_and_are_cached_until_a_change(client, world):
    practice = _published(world, title="Chợ an toàn")
    detail = reverse("practices:public_detail", args=[practice.pk])
    first = client.get(detail)
    second = client.get(detail)
    assert first["X-Portal-Cache"] == "miss"
    assert second["X-Portal-Cache"] == "hit"
    html = first.content.decode()
    assert "csrf" not in html.lower()
    assert "<style" not in html and " style=" not in html  # the CSP holds
    assert f'href="{LIST}"' in html  # the bar's link to the library
    assert client.get(LIST)["X-Portal-Cache"] == "miss"
    assert client.get(LIST)["X-Portal-Cache"] == "hit"

    record_adoption(
        practice,
        by=world.o_police,
        unit=world.police,
        adopted_on=practice.published_at.date(),
        place="Trụ sở",
        result="Tốt",
    )

    after = client.get(detail)
    assert after["X-Portal-Cache"] == "miss"
    assert "Công an tỉnh" in after.content.decode()
    assert client.get(LIST)["X-Portal-Cache"] == "miss"


def test_unpublishing_removes_the_practice_from_the_cached_pages(client, world):
    practice = _published(world, title="Chợ an toàn")
    detail = reverse("practices:public_detail", args=[practice.pk])
    assert client.get(detail).status_code == 200
    assert _titles(client.get(LIST)) == ["Chợ an toàn"]
    perform(practice, "unpublish", by=world.staff, reason="Sai số liệu")
    assert client.get(detail).status_code == 404
    assert _titles(client.get(LIST)) == []


def test_public_detail_of_an_unpublished_practice_is_404(client, world, draft):
    perform(draft, "submit", by=world.o_health)
    assert client.get(reverse("practices:public_detail", args=[draft.pk])).status_code == 404


def test_public_detail_shows_results_adoptions_and_only_standing_awards(client, world):
    practice = _published(world, results=[("Số lượt khai báo", 12000, "lượt")])
    standing = RecipientFactory(
        decision=AwardDecisionFactory(number=12, state=DecisionState.ISSUED),
        individual=None,
        unit=world.hospital,
    )
    certificate = CertificateFactory(recipient=standing)
    revoked = RecipientFactory(
        decision=AwardDecisionFactory(number=13, state=DecisionState.REVOKED),
        individual=None,
        unit=world.hospital,
    )
    practice.awards.add(standing, revoked)
    AdoptionFactory(practice=practice, unit=world.police, place="Trụ sở công an")

    response = client.get(reverse("practices:public_detail", args=[practice.pk]))
    html = response.content.decode()
    assert [line.pk for line in response.context["awards"]] == [standing.pk]
    assert reverse("verify", args=[certificate.token]) in html
    assert "12/QĐ-UBND" in html and "13/QĐ-UBND" not in html
    assert "12.000" in html
    assert "Trụ sở công an" in html


def test_public_photo_only_while_published_and_never_a_document(client, world):
    practice = _published(world)
    photo = PracticeFileFactory(practice=practice)
    document = PracticeFileFactory(practice=practice, content_type="application/pdf")
    draft_photo = PracticeFileFactory(practice=PracticeFactory(state=PracticeState.SUBMITTED))

    assert client.get(reverse("practices:public_photo", args=[photo.pk])).status_code == 200
    assert client.get(reverse("practices:public_photo", args=[document.pk])).status_code == 404
    assert client.get(reverse("practices:public_photo", args=[draft_photo.pk])).status_code == 404


def test_public_list_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries):
    _published(world, title="Một")
    client.get(LIST)  # warm the content types and the cache versions
    with django_assert_num_queries(5):
        client.get(LIST, {"x": "1"})
    for title in ("Hai", "Ba"):
        _published(world, title=title)
    with django_assert_num_queries(5):
        response = client.get(LIST, {"x": "2"})
    assert len(_titles(response)) == 3
