"""The notice pages of campaign/views/notices.py: a fixed number of queries, whatever the
number of batches on a campaign's page or of notices in a batch; a stopped batch shown so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.enums import NoticeBatchState
from campaign.models import NoticeBatch
from tests.factories import CampaignFactory, NoticeBatchFactory, NoticeFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.mark.parametrize("batches", [1, 3])
def test_notice_list_queries_do_not_grow_with_batches(
    client, staff_user, django_assert_num_queries, batches
):
    campaign = CampaignFactory()
    for _ in range(batches):
        NoticeBatchFactory(campaign=campaign, created_by=UserFactory())
    url = reverse("campaign:notice_list", args=[campaign.pk])
    client.force_login(staff_user)
    client.get(url)  # warm the session

    with django_assert_num_queries(11):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["batches"]) == batches


@pytest.mark.parametrize("notices", [1, 3])
def test_notice_batch_queries_do_not_grow_with_notices(
    client, staff_user, django_assert_num_queries, notices
):
    batch = NoticeBatchFactory(
        created_by=UserFactory(), state=NoticeBatchState.DONE, total=notices, done=notices
    )
    NoticeFactory.create_batch(notices, batch=batch)
    url = reverse("campaign:notice_batch", args=[batch.pk])
    client.force_login(staff_user)
    client.get(url)  # warm the session

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["notices"]) == notices


def test_a_batch_whose_worker_is_gone_is_shown_stopped_with_resume(client, staff_user):
    batch = NoticeBatchFactory(
        created_by=UserFactory(), state=NoticeBatchState.RUNNING, total=2, done=1
    )
    NoticeFactory.create_batch(2, batch=batch)
    url = reverse("campaign:notice_batch", args=[batch.pk])
    retry = reverse("campaign:notice_batch_retry", args=[batch.pk])
    client.force_login(staff_user)

    alive = client.get(url).content.decode()
    NoticeBatch.objects.filter(pk=batch.pk).update(
        updated_at=timezone.now() - datetime.timedelta(seconds=61)
    )
    stopped = client.get(url).content.decode()

    assert "Đang dừng" not in alive and retry not in alive
    assert "Đang dừng: tiến trình tạo công văn không còn chạy" in stopped
    assert retry in stopped and 'id="resume-batch"' in stopped
    assert 'hx-trigger="every 5s"' in stopped
