"""The campaign list and the staff's campaign pages (campaign/views/campaigns.py)."""

import datetime

import pytest
from django.urls import reverse

from campaign.enums import CampaignStatus
from campaign.models import Campaign
from tests.factories import CampaignFactory, OfficerMembershipFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    police = UnitFactory(name="Công an tỉnh")
    covid = CampaignFactory(title="Phòng, chống dịch COVID-19", plan_number="2777")
    covid.participants.add(health)
    regular = CampaignFactory(
        title="Thi đua thường xuyên năm 2024",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    regular.participants.add(police)
    draft = CampaignFactory(title="Dự thảo", status=CampaignStatus.DRAFT)
    return {
        "health": health,
        "covid": covid,
        "regular": regular,
        "draft": draft,
        "officer": OfficerMembershipFactory(unit=health).user,
    }


def listed(response) -> list[str]:
    return [campaign.title for campaign in response.context["page"]]


def test_staff_see_every_campaign_newest_first(client, staff_user, world):
    client.force_login(staff_user)

    response = client.get(reverse("campaign:campaign_list"))

    assert listed(response) == [
        "Thi đua thường xuyên năm 2024",
        "Dự thảo",
        "Phòng, chống dịch COVID-19",
    ]
    assert response.context["can_create"] is True


def test_an_officer_sees_only_the_launched_campaigns_of_his_unit(client, world):
    client.force_login(world["officer"])

    response = client.get(reverse("campaign:campaign_list"))

    assert listed(response) == ["Phòng, chống dịch COVID-19"]
    assert response.context["can_create"] is False
    regular = reverse("campaign:campaign_detail", args=[world["regular"].pk])
    assert client.get(regular).status_code == 404


def test_the_search_ignores_accents_and_case(client, staff_user, world):
    client.force_login(staff_user)

    response = client.get(reverse("campaign:campaign_list"), {"q": "PHONG chong dich"})

    assert listed(response) == ["Phòng, chống dịch COVID-19"]
    by_plan = client.get(reverse("campaign:campaign_list"), {"q": "2777/kh"})
    assert listed(by_plan) == ["Phòng, chống dịch COVID-19"]


def test_the_year_filter_keeps_campaigns_running_that_year(client, staff_user, world):
    client.force_login(staff_user)

    response = client.get(reverse("campaign:campaign_list"), {"year": "2023"})

    # started 2021 with an open end: still running in 2023; the 2024 one is not
    assert listed(response) == ["Dự thảo", "Phòng, chống dịch COVID-19"]


def test_the_status_filter(client, staff_user, world):
    client.force_login(staff_user)

    response = client.get(reverse("campaign:campaign_list"), {"status": "draft"})

    assert listed(response) == ["Dự thảo"]


def test_a_bad_year_is_a_message_not_an_error(client, staff_user, world):
    client.force_login(staff_user)

    response = client.get(reverse("campaign:campaign_list"), {"year": "hai nghìn"})

    assert response.status_code == 200
    assert response.context["filter"].form.errors["year"] == ["Nhập một số."]


@pytest.mark.parametrize("rows", [1, 3])
def test_list_queries_do_not_grow_with_campaigns(
    client, staff_user, django_assert_num_queries, rows
):
    for _ in range(rows):
        CampaignFactory()
    client.force_login(staff_user)
    url = reverse("campaign:campaign_list")
    client.get(url)  # warm the session

    with django_assert_num_queries(3):
        response = client.get(url)

    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_officer_list_queries_do_not_grow_with_campaigns(client, django_assert_num_queries, rows):
    unit = UnitFactory()
    officer = OfficerMembershipFactory(unit=unit).user
    for _ in range(rows):
        CampaignFactory().participants.add(unit)
    client.force_login(officer)
    url = reverse("campaign:campaign_list")
    client.get(url)  # warm the session

    with django_assert_num_queries(3):
        response = client.get(url)

    assert len(response.context["page"]) == rows


STAFF_PAGES = ["campaign_edit", "campaign_launch", "campaign_close"]


@pytest.mark.parametrize("name", ["campaign_create", *STAFF_PAGES])
def test_staff_pages_are_404_to_an_officer(client, world, name):
    client.force_login(world["officer"])
    args = [] if name == "campaign_create" else [world["covid"].pk]

    assert client.get(reverse(f"campaign:{name}", args=args)).status_code == 404
    assert client.post(reverse(f"campaign:{name}", args=args)).status_code == 404


@pytest.mark.parametrize(
    "name", ["campaign_list", "campaign_create", "campaign_detail", *STAFF_PAGES]
)
def test_anonymous_is_sent_to_the_login_page(client, world, name):
    args = [] if name in ("campaign_list", "campaign_create") else [world["covid"].pk]

    response = client.get(reverse(f"campaign:{name}", args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_user_without_a_role_sees_no_campaign(client, world):
    client.force_login(UserFactory())

    response = client.get(reverse("campaign:campaign_list"))

    assert listed(response) == []
    detail = reverse("campaign:campaign_detail", args=[world["covid"].pk])
    assert client.get(detail).status_code == 404


def test_staff_create_then_close_a_campaign(client, staff_user):
    unit = UnitFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse("campaign:campaign_create"),
        {
            "title": "Phong trào mới",
            "issuing_unit": unit.pk,
            "kind": "regular",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "content_items": "Một\nHai",
        },
    )

    campaign = Campaign.objects.get()
    assert response.url == reverse("campaign:campaign_detail", args=[campaign.pk])
    assert (campaign.status, campaign.content_items) == (CampaignStatus.DRAFT, ["Một", "Hai"])
    # a draft is not closed: the page is not there
    close = reverse("campaign:campaign_close", args=[campaign.pk])
    assert client.get(close).status_code == 404
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.LAUNCHED)
    client.post(close, {"closing_number": "15/QĐ-UBND", "closing_date": "2026-12-20"})
    campaign.refresh_from_db()
    assert (campaign.status, campaign.closing_number) == (CampaignStatus.CLOSED, "15/QĐ-UBND")
    assert client.get(reverse("campaign:campaign_edit", args=[campaign.pk])).status_code == 404


def test_a_bad_form_shows_the_messages_and_saves_nothing(client, staff_user):
    client.force_login(staff_user)

    response = client.post(reverse("campaign:campaign_create"), {"title": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Trường này là bắt buộc."]
    assert Campaign.objects.count() == 0


def test_the_detail_page_shows_items_and_the_staff_buttons(client, staff_user, world):
    Campaign.objects.filter(pk=world["draft"].pk).update(content_items=["Tuyên truyền"])
    client.force_login(staff_user)

    page = client.get(reverse("campaign:campaign_detail", args=[world["draft"].pk]))

    html = page.content.decode()
    assert "Tuyên truyền" in html
    assert reverse("campaign:campaign_launch", args=[world["draft"].pk]) in html
    assert reverse("campaign:campaign_close", args=[world["draft"].pk]) not in html
