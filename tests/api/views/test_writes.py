"""Units' systems write through the pages' forms and services: achievements with
evidence, nominations with dossier files, submitted at once or later, and the
pages' Vietnamese messages as 400 JSON, with nothing saved."""

import io

import pytest
from django.test.client import encode_multipart
from django.urls import reverse

from awards.enums import NominationState
from awards.forms.nominations import WRONG_ACHIEVEMENT
from awards.forms.subjects import OUTSIDE_PERSON
from awards.models import Achievement, DossierFile, Evidence, Nomination
from awards.services.nominations import NOT_ALLOWED
from common.models import ActivityLog

from ..conftest import ApiClient, pdf_file, png_file

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ACHIEVEMENTS = reverse("api:v1:achievement-list")
NOMINATIONS = reverse("api:v1:nomination-list")


def _achievement_data(world, **changes):
    return {
        "individual": world.doctor.pk,
        "campaign": world.campaign.pk,
        "date": "2021-10-05",
        "category": "thematic",
        "title": "Điều trị 300 ca COVID-19",
        "description": "Trực tiếp điều trị 300 ca bệnh nặng tại khu cách ly.",
        **changes,
    }


def test_an_achievement_is_recorded_with_a_photo_and_a_pdf(world):
    data = _achievement_data(world, evidence_files=[png_file("anh.png"), pdf_file("bb.pdf")])

    response = ApiClient(world.token1).post(ACHIEVEMENTS, data)

    assert response.status_code == 201
    body = response.json()
    created = Achievement.objects.get(pk=body["id"])
    assert created.owner_unit == world.health
    assert created.recorded_by == world.officer1
    assert created.individual == world.doctor
    assert [e["original_name"] for e in body["evidence"]] == ["anh.png", "bb.pdf"]
    assert sorted(
        Evidence.objects.filter(achievement=created).values_list("content_type", flat=True)
    ) == [
        "application/pdf",
        "image/png",
    ]


def test_an_achievement_as_json_without_files(world):
    response = ApiClient(world.token1).post(
        ACHIEVEMENTS, _achievement_data(world), content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["name"] == "Nguyễn Văn An"


def test_a_person_of_another_unit_is_refused_with_the_page_s_message(world):
    response = ApiClient(world.token1).post(
        ACHIEVEMENTS, _achievement_data(world, individual=world.captain.pk)
    )

    assert response.status_code == 400
    assert response.json() == {"individual": [str(OUTSIDE_PERSON)]}
    assert Achievement.objects.count() == 2


def test_both_subjects_and_a_file_that_is_no_picture_are_refused_together(world):
    fake = io.BytesIO(b"MZ this is a program")
    fake.name = "virus.jpg"

    response = ApiClient(world.token1).post(
        ACHIEVEMENTS, _achievement_data(world, unit=world.hospital.pk, evidence_files=[fake])
    )

    assert response.status_code == 400
    body = response.json()
    # The page shows the same two: the form's, then the model constraint's.
    assert body["non_field_errors"] == [
        "Chọn một cá nhân hoặc một tập thể được đề nghị (không chọn cả hai).",
        "Chọn một cá nhân hoặc một tập thể.",
    ]
    assert len(body["evidence_files"]) == 1
    assert body["evidence_files"][0].startswith("virus.jpg: ")
    assert Achievement.objects.count() == 2
    assert Evidence.objects.count() == 0


def _nomination_data(world, **changes):
    return {
        "campaign": world.campaign.pk,
        "individual": world.doctor.pk,
        "award_type": world.award.pk,
        "summary": "Điều trị khỏi 300 bệnh nhân COVID-19",
        "achievements": [world.achievement1.pk],
        **changes,
    }


def test_a_nomination_is_made_with_its_proposal_letter_and_submitted_at_once(world):
    data = _nomination_data(world, proposal_letter=pdf_file("to-trinh.pdf"), submit="true")

    response = ApiClient(world.token1).post(NOMINATIONS, data)

    assert response.status_code == 201
    body = response.json()
    created = Nomination.objects.get(pk=body["id"])
    assert created.state == NominationState.SUBMITTED
    assert created.nominating_unit == world.health
    assert created.created_by == world.officer1
    assert list(created.achievements.all()) == [world.achievement1]
    assert body["state"] == NominationState.SUBMITTED
    assert [(f["kind"], f["original_name"]) for f in body["files"]] == [
        ("proposal", "to-trinh.pdf")
    ]
    assert [(h["previous_state"], h["new_state"]) for h in body["history"]] == [
        ("draft", "submitted")
    ]
    entry = ActivityLog.objects.for_object(created).get()
    assert entry.actor == world.officer1


def test_a_draft_is_made_then_submitted(world):
    client = ApiClient(world.token1)
    created = client.post(NOMINATIONS, _nomination_data(world)).json()
    assert created["state"] == NominationState.DRAFT

    response = client.post(reverse("api:v1:nomination-submit", args=[created["id"]]))

    assert response.status_code == 200
    assert response.json()["state"] == NominationState.SUBMITTED
    again = client.post(reverse("api:v1:nomination-submit", args=[created["id"]]))
    assert again.status_code == 400
    assert again.json() == {"detail": str(NOT_ALLOWED)}


def test_someone_else_s_achievement_is_refused_and_nothing_is_saved(world):
    data = _nomination_data(world, achievements=[world.achievement2.pk], submit="true")

    response = ApiClient(world.token1).post(NOMINATIONS, data)

    assert response.status_code == 400
    assert response.json() == {"achievements": [str(WRONG_ACHIEVEMENT)]}
    assert Nomination.objects.count() == 2


def test_a_bad_dossier_file_is_refused_and_nothing_is_saved(world):
    fake = io.BytesIO(b"not a pdf at all")
    fake.name = "bien-ban.pdf"

    response = ApiClient(world.token1).post(
        NOMINATIONS, _nomination_data(world, council_minutes=fake, submit="true")
    )

    assert response.status_code == 400
    assert list(response.json()) == ["council_minutes"]
    assert Nomination.objects.count() == 2
    assert DossierFile.objects.count() == 0


def test_another_unit_s_nomination_cannot_be_submitted_edited_or_withdrawn(world):
    client = ApiClient(world.token1)
    pk = world.nomination2.pk

    assert client.post(reverse("api:v1:nomination-submit", args=[pk])).status_code == 404
    assert client.post(reverse("api:v1:nomination-withdraw", args=[pk])).status_code == 404
    assert client.put(reverse("api:v1:nomination-detail", args=[pk]), {}).status_code == 404
    world.nomination2.refresh_from_db()
    assert world.nomination2.state == NominationState.DRAFT


def test_a_returned_nomination_is_fixed_and_sent_again(world):
    Nomination.objects.filter(pk=world.nomination1.pk).update(state=NominationState.RETURNED)
    client = ApiClient(world.token1)
    url = reverse("api:v1:nomination-detail", args=[world.nomination1.pk])
    data = _nomination_data(world, summary="Bổ sung: 320 ca", submit="1")

    response = client.put(url, data=_multipart(data), content_type=_MULTIPART)

    assert response.status_code == 200
    world.nomination1.refresh_from_db()
    assert world.nomination1.summary == "Bổ sung: 320 ca"
    assert world.nomination1.state == NominationState.SUBMITTED


def test_a_submitted_nomination_is_no_longer_edited(world):
    Nomination.objects.filter(pk=world.nomination1.pk).update(state=NominationState.SUBMITTED)
    url = reverse("api:v1:nomination-detail", args=[world.nomination1.pk])
    data = _nomination_data(world, summary="Sửa sau khi gửi")

    response = ApiClient(world.token1).put(url, data=_multipart(data), content_type=_MULTIPART)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Hồ sơ không còn sửa được (trạng thái hiện tại: “Đã gửi”)."
    }
    world.nomination1.refresh_from_db()
    assert world.nomination1.summary != "Sửa sau khi gửi"


def test_a_nomination_is_withdrawn(world):
    client = ApiClient(world.token1)

    response = client.post(reverse("api:v1:nomination-withdraw", args=[world.nomination1.pk]))

    assert response.status_code == 200
    assert response.json()["state"] == NominationState.WITHDRAWN


_BOUNDARY = "BoUnDaRy"
_MULTIPART = f"multipart/form-data; boundary={_BOUNDARY}"


def _multipart(data):
    """A PUT body as the test client makes a POST's (it sends PUT data as is)."""
    return encode_multipart(_BOUNDARY, data)
