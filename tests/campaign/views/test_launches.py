"""The launch pages (campaign/views/launches.py): the staff's form, a run's progress, its
retry and its letter; everybody else gets a 404."""

import pytest
from django.urls import reverse

from campaign.enums import CampaignStatus
from campaign.models import LaunchRun
from common.enums import JobState
from tests.campaign.services.test_launches import make_world
from tests.factories import LaunchDeliveryFactory, LaunchRunFactory, OfficerMembershipFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def world(staff_user):
    return make_world(staff_user)


def post_data(world, **changes):
    data = {
        "branches": [world.health.pk],
        "excluded": [world.clinic.pk],
        "date": "2021-06-15",
        "symbol": "UBND-TĐKT",
        "signer_authority": "KT. CHỦ TỊCH",
        "signer_title": "Phó Chủ tịch",
        "signer_name": "Trần Minh Hiển",
    }
    data.update(changes)
    return data


def test_staff_launch_from_the_form_and_land_on_the_run(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    url = reverse("campaign:campaign_launch", args=[world.campaign.pk])
    assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, post_data(world))

    run = LaunchRun.objects.get()
    assert response.url == reverse("campaign:launch_run", args=[run.pk])
    page = client.get(response.url)
    assert page.context["run"].state == JobState.DONE
    assert [d.unit for d in page.context["deliveries"]] == [world.health, world.hospital]
    letter = client.get(reverse("campaign:launch_letter", args=[run.pk]))
    assert letter["Content-Type"] == "application/pdf"


def test_the_form_says_what_is_wrong_in_vietnamese(client, world):
    client.force_login(world.staff)
    url = reverse("campaign:campaign_launch", args=[world.campaign.pk])

    response = client.post(url, post_data(world, branches=[], excluded=[], signer_name=""))

    errors = response.context["form"].errors
    assert errors["branches"] == ["Vui lòng chọn ít nhất một đơn vị hoặc một nhánh."]
    assert errors["signer_name"] == [
        "Cơ quan ban hành chưa có danh sách người ký: vui lòng nhập dòng này."
    ]
    assert LaunchRun.objects.count() == 0


def test_a_unit_both_chosen_and_excluded_is_refused(client, world):
    client.force_login(world.staff)
    url = reverse("campaign:campaign_launch", args=[world.campaign.pk])

    response = client.post(url, post_data(world, excluded=[world.health.pk]))

    assert response.context["form"].errors["excluded"] == ["Sở Y tế vừa được chọn vừa bị loại trừ."]


def test_a_second_launch_to_the_same_units_shows_the_refusal(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    url = reverse("campaign:campaign_launch", args=[world.campaign.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, post_data(world))

    response = client.post(url, post_data(world))

    assert response.context["form"].non_field_errors() == [
        "Cả 2 đơn vị đã chọn đều đã được phát động trước đây: không gửi lại."
    ]
    assert LaunchRun.objects.count() == 1


def test_launch_pages_are_404_to_others(client, world):
    run = LaunchRunFactory(campaign=world.campaign, state=JobState.FAILED)
    LaunchDeliveryFactory(run=run, unit=world.health)
    world.campaign.participants.add(world.health)
    outsider = OfficerMembershipFactory(unit=world.police).user
    client.force_login(world.health_officer)
    launch = reverse("campaign:campaign_launch", args=[world.campaign.pk])
    retry = reverse("campaign:launch_run_retry", args=[run.pk])
    assert client.get(launch).status_code == 404  # the draft is not theirs to see
    world.campaign.status = CampaignStatus.LAUNCHED
    world.campaign.save()
    assert client.get(launch).status_code == 404
    assert client.post(retry).status_code == 404
    # the officer of a participating unit reads the run
    assert client.get(reverse("campaign:launch_run", args=[run.pk])).status_code == 200
    client.force_login(outsider)
    for name in ("launch_run", "launch_run_progress", "launch_letter"):
        assert client.get(reverse(f"campaign:{name}", args=[run.pk])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, world):
    run = LaunchRunFactory(campaign=world.campaign)
    for url in (
        reverse("campaign:campaign_launch", args=[world.campaign.pk]),
        reverse("campaign:launch_run", args=[run.pk]),
        reverse("campaign:launch_letter", args=[run.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_staff_retry_a_failed_run(client, world, django_capture_on_commit_callbacks):
    run = LaunchRunFactory(campaign=world.campaign, state=JobState.FAILED, error="Hỏng")
    LaunchDeliveryFactory(run=run, unit=world.police)
    client.force_login(world.staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaign:launch_run_retry", args=[run.pk]))

    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.state, run.error) == (JobState.DONE, "")


def test_a_failed_run_offers_the_retry_and_stops_polling(client, world):
    run = LaunchRunFactory(campaign=world.campaign, state=JobState.FAILED, error="Hỏng")
    client.force_login(world.staff)

    response = client.get(reverse("campaign:launch_run_progress", args=[run.pk]))

    html = response.content.decode()
    assert 'id="retry-run"' in html
    assert "hx-get" not in html


@pytest.mark.parametrize("units", [1, 3])
def test_run_page_queries_do_not_grow_with_units(client, world, django_assert_num_queries, units):
    run = LaunchRunFactory(campaign=world.campaign, state=JobState.DONE, total=units + 1)
    for unit in (world.health, world.hospital, world.police)[:units]:
        LaunchDeliveryFactory(run=run, unit=unit)
    client.force_login(world.staff)
    url = reverse("campaign:launch_run", args=[run.pk])
    client.get(url)

    with django_assert_num_queries(3):
        response = client.get(url)

    assert len(response.context["deliveries"]) == units


@pytest.mark.parametrize("runs", [1, 3])
def test_launch_form_queries_do_not_grow_with_runs(client, world, django_assert_num_queries, runs):
    LaunchRunFactory.create_batch(runs, campaign=world.campaign)
    client.force_login(world.staff)
    url = reverse("campaign:campaign_launch", args=[world.campaign.pk])
    client.get(url)

    with django_assert_num_queries(4):
        response = client.get(url)

    assert len(response.context["runs"]) == runs
