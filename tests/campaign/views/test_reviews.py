"""The review pages (campaign/views/reviews.py): the staff open a review, follow it, retry
it and download its files; an officer of a participating unit downloads a finished
report read only; anyone else gets a 404; and a round's Excel file."""

import io

import openpyxl
import pytest
from django.urls import reverse

from campaign.enums import ReviewKind
from campaign.models import CampaignReview
from common.enums import JobState
from tests.factories import (
    CampaignFactory,
    CampaignReviewFactory,
    NominationFactory,
    ProgressReportFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

FORM = {
    "kind": ReviewKind.INTERIM,
    "period_start": "01/07/2021",
    "period_end": "31/12/2021",
    "date": "05/01/2022",
    "signer_authority": "KT. CHỦ TỊCH",
    "signer_title": "Phó Chủ tịch",
    "signer_name": "Trần Minh Hiển",
}


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def built(review_world, client, django_capture_on_commit_callbacks):
    """A finished review opened by the staff through the page."""
    client.force_login(review_world.staff)
    url = reverse("campaign:review_list", args=[review_world.campaign.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, FORM)
    review = CampaignReview.objects.get()
    assert response.url == reverse("campaign:review_detail", args=[review.pk])
    client.logout()
    return review


def test_staff_open_a_review_follow_it_and_download_its_files(client, review_world, built):
    client.force_login(review_world.staff)

    page = client.get(reverse("campaign:review_detail", args=[built.pk]))

    assert page.status_code == 200
    assert (page.context["can_download"], page.context["can_retry"]) == (True, False)
    assert page.context["nominate_url"] == (
        reverse("awards:nomination_create") + f"?campaign={review_world.campaign.pk}"
    )
    pdf = client.get(reverse("campaign:review_file", args=[built.pk, "pdf"]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert body(pdf).startswith(b"%PDF")
    xlsx = client.get(reverse("campaign:review_file", args=[built.pk, "xlsx"]))
    assert body(xlsx)[:2] == b"PK"
    docx = client.get(reverse("campaign:review_file", args=[built.pk, "docx"]))
    assert docx.status_code == 200
    assert client.get(reverse("campaign:review_file", args=[built.pk, "exe"])).status_code == 404
    progress = client.get(reverse("campaign:review_progress", args=[built.pk]))
    assert (progress.status_code, progress.context["polling"]) == (200, False)
    campaign_page = client.get(reverse("campaign:campaign_detail", args=[built.campaign_id]))
    assert reverse("campaign:review_list", args=[built.campaign_id]) in campaign_page.text


def test_a_bad_period_is_a_message_and_nothing_is_written(client, review_world):
    client.force_login(review_world.staff)
    url = reverse("campaign:review_list", args=[review_world.campaign.pk])

    response = client.post(url, {**FORM, "period_end": "30/06/2021"})

    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == [
        "Ngày kết thúc kỳ phải sau ngày bắt đầu."
    ]
    assert CampaignReview.objects.count() == 0


def test_a_second_final_review_is_refused_on_the_page(client, review_world):
    CampaignReviewFactory(campaign=review_world.campaign, kind=ReviewKind.FINAL, year=2022)
    client.force_login(review_world.staff)
    url = reverse("campaign:review_list", args=[review_world.campaign.pk])

    response = client.post(url, {**FORM, "kind": ReviewKind.FINAL})

    assert response.context["form"].non_field_errors() == [
        "Phong trào này đã có báo cáo tổng kết: mỗi phong trào chỉ một."
    ]
    assert CampaignReview.objects.count() == 1


def test_the_review_page_lists_the_nominations_made_since_it_was_opened(
    client, review_world, built
):
    later = NominationFactory(campaign=review_world.campaign, individual=review_world.nurse)
    client.force_login(review_world.staff)

    page = client.get(reverse("campaign:review_detail", args=[built.pk]))

    assert list(page.context["nominations"]) == [later]


def test_an_officer_of_a_participating_unit_downloads_the_finished_report_read_only(
    client, review_world, built
):
    pending = CampaignReviewFactory(campaign=review_world.campaign, year=2023)
    client.force_login(review_world.health_officer)

    page = client.get(reverse("campaign:review_detail", args=[built.pk]))
    listing = client.get(reverse("campaign:review_list", args=[review_world.campaign.pk]))

    assert page.status_code == 200
    assert (page.context["can_retry"], "nominations" in page.context) == (False, False)
    assert list(listing.context["reviews"]) == [built]
    assert listing.context["form"] is None
    assert client.get(reverse("campaign:review_file", args=[built.pk, "pdf"])).status_code == 200
    assert client.get(reverse("campaign:review_detail", args=[pending.pk])).status_code == 404
    assert client.post(reverse("campaign:review_retry", args=[built.pk])).status_code == 404
    create = reverse("campaign:review_list", args=[review_world.campaign.pk])
    assert client.post(create, FORM).status_code == 404
    export = reverse("campaign:round_export", args=[review_world.q3.pk])
    assert client.get(export).status_code == 404


def test_others_get_404(client, review_world, built):
    client.force_login(review_world.outsider_officer)

    for url in (
        reverse("campaign:review_list", args=[review_world.campaign.pk]),
        reverse("campaign:review_detail", args=[built.pk]),
        reverse("campaign:review_progress", args=[built.pk]),
        reverse("campaign:review_file", args=[built.pk, "pdf"]),
        reverse("campaign:round_export", args=[review_world.q3.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("campaign:review_retry", args=[built.pk])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, review_world, built):
    for url in (
        reverse("campaign:review_list", args=[review_world.campaign.pk]),
        reverse("campaign:review_detail", args=[built.pk]),
        reverse("campaign:review_file", args=[built.pk, "pdf"]),
        reverse("campaign:round_export", args=[review_world.q3.pk]),
    ):
        assert client.get(url).url.startswith(reverse("login"))


def test_staff_retry_a_failed_review(
    client, review_world, built, django_capture_on_commit_callbacks
):
    CampaignReview.objects.filter(pk=built.pk).update(state=JobState.FAILED, xlsx_file="", done=2)
    client.force_login(review_world.staff)
    assert client.get(reverse("campaign:review_detail", args=[built.pk])).context["can_retry"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("campaign:review_retry", args=[built.pk]))

    built.refresh_from_db()
    assert (built.state, built.done, bool(built.xlsx_file)) == (JobState.DONE, 3, True)


def test_the_round_export_lists_every_unit_with_its_figures_and_marks_the_late(
    client, review_world
):
    client.force_login(review_world.staff)

    response = client.get(reverse("campaign:round_export", args=[review_world.q3.pk]))

    book = openpyxl.load_workbook(io.BytesIO(body(response)))
    rows = list(book.active.iter_rows(values_only=True))
    header = rows.index(
        (
            "STT",
            "Đơn vị",
            "Gửi lúc",
            "Tình trạng",
            "Số người được tiêm vắc xin (người)",
            "Báo cáo tóm tắt",
        )
    )
    lines = {row[1]: (row[3], row[4]) for row in rows[header + 1 :]}
    assert lines == {
        "Sở Y tế": ("Chưa gửi", None),
        "Bệnh viện Nguyễn Đình Chiểu": ("Đúng hạn", 80),
        "Trung tâm Y tế Ba Tri": ("Gửi sau hạn", 30),
        "Công an tỉnh": ("Đúng hạn", 150),
    }


@pytest.mark.parametrize("reviews", [1, 3])
def test_review_list_queries_do_not_grow(client, staff_user, django_assert_num_queries, reviews):
    campaign = CampaignFactory()
    for year in range(reviews):
        CampaignReviewFactory(campaign=campaign, year=2021 + year, opened_by=staff_user)
    client.force_login(staff_user)
    url = reverse("campaign:review_list", args=[campaign.pk])
    client.get(url)

    with django_assert_num_queries(4):
        response = client.get(url)

    assert len(response.context["reviews"]) == reviews


@pytest.mark.parametrize("units", [1, 3])
def test_round_export_queries_do_not_grow(
    client, staff_user, django_assert_num_queries, review_world, units
):
    for _ in range(units):
        unit = UnitFactory(parent=review_world.police)
        review_world.campaign.participants.add(unit)
        ProgressReportFactory(round=review_world.q3, unit=unit)
    client.force_login(staff_user)
    url = reverse("campaign:round_export", args=[review_world.q3.pk])
    body(client.get(url))

    with django_assert_num_queries(7):
        body(client.get(url))
