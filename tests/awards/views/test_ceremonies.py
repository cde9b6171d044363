"""The ceremony page of a decision, its photo, and what the decision page shows."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from awards.enums import DecisionState
from awards.models import Ceremony
from tests.factories import (
    AwardDecisionFactory,
    CeremonyFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    RecipientFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

TZ = timezone.get_default_timezone()


@pytest.fixture
def world():
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Bến Tre")
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=province)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    decision = AwardDecisionFactory(
        issuer=province,
        state=DecisionState.ISSUED,
        number=15,
        signed_date=datetime.date(2025, 9, 15),
    )
    line = RecipientFactory(
        decision=decision,
        individual=IndividualFactory(full_name="Nguyễn Thị Ngọc Hằng", unit=hospital),
        nomination=NominationFactory(
            achieved_at=datetime.datetime(2025, 9, 12, 21, 0, tzinfo=TZ), achieved_on=None
        ),
    )
    return {
        "decision": decision,
        "line": line,
        "hospital_officer": OfficerMembershipFactory(unit=hospital).user,
        "police_officer": OfficerMembershipFactory(unit=police).user,
        "council": CouncilMembershipFactory().user,
    }


def url(decision):
    return reverse("awards:ceremony_create", args=[decision.pk])


def jpeg(name="trao-thuong.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def post_data(world, **overrides):
    return {
        "lines": [world["line"].pk],
        "held_at": "2025-09-16T09:30",
        "place": "Hội trường Sở Y tế",
        "presented_by": "Trần Văn Minh, Giám đốc Sở Y tế",
        "notes": "",
        **overrides,
    }


def test_staff_record_a_ceremony_and_the_decision_page_shows_it(client, staff_user, world):
    client.force_login(staff_user)
    decision = world["decision"]
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert url(decision) in page
    assert client.get(url(decision)).status_code == 200

    response = client.post(url(decision), post_data(world, photo=jpeg()))

    assert response.status_code == 302
    assert response["Location"] == reverse("awards:decision_detail", args=[decision.pk])
    ceremony = Ceremony.objects.get()
    assert list(ceremony.lines.all()) == [world["line"]]
    page = client.get(response["Location"]).content.decode()
    assert "Trao thưởng ngày 16/09/2025 tại Hội trường Sở Y tế;" in page
    assert "4 ngày sau khi lập thành tích" in page
    assert "Người trao: Trần Văn Minh, Giám đốc Sở Y tế" in page
    assert reverse("awards:ceremony_photo", args=[ceremony.pk]) in page


def test_a_rejected_photo_keeps_the_other_input(client, staff_user, world):
    client.force_login(staff_user)
    not_an_image = SimpleUploadedFile("anh.jpg", b"not a photo at all", content_type="image/jpeg")

    response = client.post(url(world["decision"]), post_data(world, photo=not_an_image))

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["form"].errors["photo"] == [
        "Nội dung tệp không khớp với phần mở rộng “.jpg”. Chỉ chấp nhận ảnh JPEG, PNG hoặc WebP."
    ]
    assert 'value="Hội trường Sở Y tế"' in html
    assert 'value="Trần Văn Minh, Giám đốc Sở Y tế"' in html
    assert 'value="2025-09-16T09:30"' in html
    assert not Ceremony.objects.exists()


def test_a_moment_before_the_signing_is_refused_on_the_page(client, staff_user, world):
    client.force_login(staff_user)
    response = client.post(url(world["decision"]), post_data(world, held_at="2025-09-14T09:30"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Thời điểm trao thưởng không thể trước ngày ký quyết định (15/09/2025)."
    ]
    assert not Ceremony.objects.exists()


@pytest.mark.parametrize("who", ["hospital_officer", "police_officer", "council"])
def test_a_wrong_user_gets_404_on_the_ceremony_page(client, world, who):
    client.force_login(world[who])
    assert client.get(url(world["decision"])).status_code == 404
    assert client.post(url(world["decision"]), post_data(world)).status_code == 404
    assert not Ceremony.objects.exists()


def test_a_draft_has_no_ceremony_page(client, staff_user):
    client.force_login(staff_user)
    draft = AwardDecisionFactory(state=DecisionState.DRAFT)
    assert client.get(url(draft)).status_code == 404


def test_the_photo_is_served_only_to_who_sees_the_decision(client, world):
    ceremony = CeremonyFactory(decision=world["decision"])
    ceremony.photo.save("photo.jpg", jpeg())
    ceremony.photo_content_type = "image/jpeg"
    ceremony.save()
    ceremony.lines.set([world["line"]])
    photo_url = reverse("awards:ceremony_photo", args=[ceremony.pk])

    client.force_login(world["hospital_officer"])
    response = client.get(photo_url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    client.force_login(world["police_officer"])
    assert client.get(photo_url).status_code == 404
