"""The consultation's pages: the public page without login (name, unit and summary only,
the comment form, published comments with answers), the staff's publish and moderate
actions (others 404, anonymous to the login page)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import CommentState
from awards.models import AwardType, Consultation, ConsultationComment
from awards.services.consultation import open_consultation
from tests.awards.conftest import central_draft

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def draft(central_world):
    AwardType.objects.filter(pk=central_world.prime_minister.pk).update(consultation_days=10)
    nurse = central_world.nurse.individual
    nurse.citizen_id, nurse.phone = "083190001234", "0909123456"
    nurse.date_of_birth = datetime.date(1985, 4, 17)
    nurse.save()
    return central_draft(central_world, central_world.nurse)


@pytest.fixture
def consultation(draft, central_world):
    return open_consultation(draft, by=central_world.staff, today=timezone.localdate())


def test_public_page_shows_name_unit_and_summary_and_nothing_personal(
    client, consultation, central_world
):
    nomination = central_world.nurse
    url = reverse("awards:consultation_public", args=[consultation.token])

    response = client.get(url)

    assert response.status_code == 200
    html = response.text
    assert nomination.individual.full_name in html
    assert nomination.individual.unit.name in html
    assert nomination.summary in html
    for personal in ("083190001234", "0909123456", "17/04/1985", "1985"):
        assert personal not in html
    assert 'id="comment-form"' in html


def test_public_page_of_an_unknown_token_is_404(client, consultation):
    url = reverse("awards:consultation_public", args=["00000000-0000-0000-0000-000000000000"])

    assert client.get(url).status_code == 404


def test_a_comment_is_held_then_published_with_its_answer(client, consultation, central_world):
    url = reverse("awards:consultation_public", args=[consultation.token])

    response = client.post(url, {"author_name": "Phạm Văn Dân", "body": "Tôi đồng ý đề nghị."})

    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    assert comment.state == CommentState.PENDING
    assert "Tôi đồng ý đề nghị." not in client.get(url).text

    client.force_login(central_world.staff)
    moderate = reverse(
        "awards:consultation_moderate", args=[consultation.submission.pk, comment.pk]
    )
    assert client.post(moderate, {"publish": "1", "answer": "Cảm ơn ông."}).status_code == 302
    client.logout()

    html = client.get(url).text
    assert "Tôi đồng ý đề nghị." in html and "Cảm ơn ông." in html


def test_a_too_long_comment_is_refused_with_a_message(client, consultation):
    url = reverse("awards:consultation_public", args=[consultation.token])

    response = client.post(url, {"author_name": "A", "body": "x" * 2001})

    assert response.status_code == 200
    assert ConsultationComment.objects.count() == 0
    assert "2000" in response.text or "2.000" in response.text


def test_the_throttle_counts_each_visitor_behind_the_trusted_proxy_apart(
    client, consultation, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    url = reverse("awards:consultation_public", args=[consultation.token])

    def post(visitor, n):
        return client.post(
            url,
            {"author_name": "Dân", "body": f"Góp ý {n}"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    first = [post("203.0.113.7", n).status_code for n in range(4)]
    other = post("198.51.100.9", 5).status_code

    assert first == [302, 302, 302, 200]  # the fourth within the hour is refused
    assert other == 302
    assert ConsultationComment.objects.count() == 4


def test_staff_publish_the_list_from_the_submission_page(client, draft, central_world):
    client.force_login(central_world.staff)
    page = client.get(reverse("awards:central_detail", args=[draft.pk]))
    assert 'id="open-consultation"' in page.text

    response = client.post(reverse("awards:consultation_open", args=[draft.pk]))

    assert response.status_code == 302
    consultation = Consultation.objects.get(submission=draft)
    assert consultation.working_days == 10
    page = client.get(reverse("awards:central_detail", args=[draft.pk]))
    assert reverse("awards:consultation_public", args=[consultation.token]) in page.text


@pytest.mark.parametrize("who", ["officer", "council"])
def test_staff_actions_are_404_for_others_and_login_for_anonymous(
    client, consultation, central_world, who
):
    comment = ConsultationComment.objects.create(
        consultation=consultation, author_name="A", body="B", address_hash="x"
    )
    urls = [
        reverse("awards:consultation_open", args=[consultation.submission.pk]),
        reverse("awards:consultation_moderate", args=[consultation.submission.pk, comment.pk]),
    ]
    for url in urls:
        assert client.post(url, {"publish": "1"}).status_code == 302  # to the login page
    client.force_login(getattr(central_world, who))
    for url in urls:
        assert client.post(url, {"publish": "1"}).status_code == 404
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING
