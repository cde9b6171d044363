import pytest
from django.urls import reverse

from awards.models import AwardType
from campaign.enums import CampaignStatus
from campaign.models import Registration
from common.models import ActivityLog
from tests.factories import (
    AwardTypeFactory,
    CampaignFactory,
    OfficerMembershipFactory,
    RegistrationFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def setup():
    health = UnitFactory(name="Sở Y tế")
    police = UnitFactory(name="Công an tỉnh")
    officer1 = OfficerMembershipFactory(unit=health, user=UserFactory(username="o1")).user
    officer2 = OfficerMembershipFactory(unit=police, user=UserFactory(username="o2")).user
    campaign = CampaignFactory(registration_required=True)
    campaign.participants.add(health)
    return locals()


def test_officer_registers_the_unit_with_targets(client, setup):
    client.force_login(setup["officer1"])
    url = reverse("campaign:registration_create", args=[setup["campaign"].pk])
    response = client.post(
        url, {"unit": setup["health"].pk, "targets": "100% tiêm vắc xin\nKhông để lây nhiễm chéo"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.unit == setup["health"]
    assert registration.registered_by == setup["officer1"]
    assert registration.target_lines == ["100% tiêm vắc xin", "Không để lây nhiễm chéo"]
    assert ActivityLog.objects.for_object(registration).get().action == "registration.created"
    again = client.post(url, {"unit": setup["health"].pk, "targets": "x"})
    assert again.context["form"].errors["unit"] == ["Đơn vị này đã đăng ký thi đua cho phong trào."]
    detail = client.get(reverse("campaign:campaign_detail", args=[setup["campaign"].pk]))
    assert "Không để lây nhiễm chéo" in detail.content.decode()


def test_officer_of_a_unit_not_addressed_gets_404(client, setup):
    client.force_login(setup["officer2"])
    pk = setup["campaign"].pk
    assert client.get(reverse("campaign:campaign_detail", args=[pk])).status_code == 404
    assert client.get(reverse("campaign:registration_create", args=[pk])).status_code == 404
    registration = Registration.objects.create(
        campaign=setup["campaign"], unit=setup["health"], targets="x"
    )
    edit = reverse("campaign:registration_edit", args=[pk, registration.pk])
    assert client.get(edit).status_code == 404


def test_draft_campaign_is_hidden_from_officers_but_not_staff(client, setup, staff_user):
    draft = CampaignFactory(status=CampaignStatus.DRAFT)
    client.force_login(setup["officer1"])
    assert client.get(reverse("campaign:campaign_detail", args=[draft.pk])).status_code == 404
    client.force_login(staff_user)
    assert client.get(reverse("campaign:campaign_detail", args=[draft.pk])).status_code == 200
    # staff read the campaign but do not register units
    url = reverse("campaign:registration_create", args=[setup["campaign"].pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("units", [1, 3])
def test_campaign_page_queries_do_not_grow_with_registrations(
    client, django_assert_num_queries, units
):
    officer = UserFactory()
    campaign = CampaignFactory(registration_required=True)
    for _ in range(units):
        unit = UnitFactory()
        OfficerMembershipFactory(user=officer, unit=unit)
        campaign.participants.add(unit)
        campaign.allowed_award_types.add(AwardTypeFactory())
        RegistrationFactory(campaign=campaign, unit=unit, registered_by=UserFactory())
    url = reverse("campaign:campaign_detail", args=[campaign.pk])
    client.force_login(officer)
    client.get(url)  # warm the session

    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["own_registrations"]) == units
    assert len(response.context["allowed_award_types"]) == units


# --- The campaign page ------------------------------------------------------------------------


def test_the_slogan_is_quoted_once_per_line(client, setup):
    campaign = setup["campaign"]
    campaign.slogan = '“Chống dịch như chống giặc”\n\n"Dập dịch triệt để"\nNhanh chóng ổn định'
    campaign.save()
    client.force_login(setup["officer1"])

    html = client.get(reverse("campaign:campaign_detail", args=[campaign.pk])).text

    slogan = html.split('id="slogan">')[1].split("</blockquote>")[0]
    assert [line.strip() for line in slogan.strip().split("\n")] == [
        '<p class="mb-1">“Chống dịch như chống giặc”</p>'
        '<p class="mb-1">“Dập dịch triệt để”</p>'
        '<p class="mb-1">“Nhanh chóng ổn định”</p>'
    ]
    assert "““" not in html and "””" not in html


def test_no_slogan_no_quotes(client, setup):
    client.force_login(setup["officer1"])

    html = client.get(reverse("campaign:campaign_detail", args=[setup["campaign"].pk])).text

    assert 'id="slogan"' not in html


def test_the_registration_card_shows_only_with_something_in_it(client, setup, staff_user):
    campaign = setup["campaign"]
    url = reverse("campaign:campaign_detail", args=[campaign.pk])

    client.force_login(staff_user)
    staff_page = client.get(url).text
    client.force_login(setup["officer1"])
    before = client.get(url).text
    RegistrationFactory(campaign=campaign, unit=setup["health"], targets="100% tiêm vắc xin")
    after = client.get(url).text
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    closed = client.get(url).text

    assert 'id="registration"' not in staff_page
    card = before.split('id="registration"')[1].split("</section>")[0]
    assert "Đơn vị chưa đăng ký thi đua." in card
    register = f'href="{reverse("campaign:registration_create", args=[campaign.pk])}"'
    assert register in card
    card = after.split('id="registration"')[1].split("</section>")[0]
    assert "100% tiêm vắc xin" in card
    assert "Đơn vị chưa đăng ký thi đua." not in card
    card = closed.split('id="registration"')[1].split("</section>")[0]
    assert "100% tiêm vắc xin" in card
    assert register not in card


def test_campaign_page_lists_non_statutory_awards_apart(client):
    officer = UserFactory()
    unit = UnitFactory()
    OfficerMembershipFactory(user=officer, unit=unit)
    campaign = CampaignFactory()
    campaign.allowed_award_types.add(
        *AwardType.objects.filter(code__in=["giay-khen", "thu-khen", "thuong-nong"])
    )
    client.force_login(officer)

    html = client.get(reverse("campaign:campaign_detail", args=[campaign.pk])).content.decode()

    statutory = html.split('id="statutory-awards">', 1)[1].split("</ul>", 1)[0]
    assert [line.strip() for line in statutory.split("<li>")[1:]] == ["Giấy khen</li>"]
    assert html.count("Biểu dương khác (không tính là hình thức khen thưởng theo Luật)") == 1
    assert [
        part.split("</div>", 1)[0] for part in html.split('class="non-statutory-award">')[1:]
    ] == ["Thư khen", "Thưởng nóng"]
