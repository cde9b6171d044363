import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from awards.enums import AchievementCategory, NominationState
from awards.models import Achievement, AwardType, Evidence, Nomination
from common.models import Notification
from tests.factories import (
    AchievementFactory,
    CampaignFactory,
    IndividualFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def photo(name="anh.jpg", size=(800, 600), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, fmt)
    buffer.seek(0)
    buffer.name = name
    return buffer


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    hospital = UnitFactory(name="Bệnh viện tỉnh", parent=health)
    police = UnitFactory(name="Công an tỉnh")
    officer1 = OfficerMembershipFactory(unit=health, user=UserFactory(username="o1")).user
    officer2 = OfficerMembershipFactory(unit=police, user=UserFactory(username="o2")).user
    campaign = CampaignFactory()
    campaign.allowed_award_types.add(AwardType.objects.get(code="giay-khen"))
    nurse = IndividualFactory(full_name="Lê Thị Hạnh", unit=hospital)
    return locals()


def test_officer_records_an_achievement_with_photos_and_a_pdf(client, world):
    from pypdf import PdfWriter

    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(pdf)
    pdf.seek(0)
    pdf.name = "bao-cao.pdf"
    client.force_login(world["officer1"])
    response = client.post(
        reverse("awards:achievement_create"),
        {
            "individual": world["nurse"].pk,
            "campaign": world["campaign"].pk,
            "date": "2021-08-20",
            "category": AchievementCategory.THEMATIC,
            "title": "Chăm sóc bệnh nhân nặng",
            "description": "Trực 30 ngày liên tục tại khu điều trị.",
            "evidence_files": [photo(), pdf],
        },
    )
    achievement = Achievement.objects.get()
    assert response.status_code == 302
    assert achievement.owner_unit == world["health"]
    kinds = sorted(e.content_type for e in achievement.evidence.all())
    assert kinds == ["application/pdf", "image/jpeg"]
    image = achievement.evidence.get(content_type="image/jpeg")
    assert image.thumbnail
    for name in ("awards:evidence_file", "awards:evidence_thumbnail"):
        assert client.get(reverse(name, args=[image.pk])).status_code == 200
    assert (
        client.get(reverse("awards:achievement_detail", args=[achievement.pk])).status_code == 200
    )

    client.force_login(world["officer2"])
    for name in ("awards:evidence_file", "awards:evidence_thumbnail"):
        assert client.get(reverse(name, args=[image.pk])).status_code == 404
    for name in ("awards:achievement_detail", "awards:achievement_edit"):
        assert client.get(reverse(name, args=[achievement.pk])).status_code == 404


def test_a_bad_file_keeps_the_form_and_saves_nothing(client, world):
    client.force_login(world["officer1"])
    fake = io.BytesIO(b"%PDF-not really")
    fake.name = "gia.pdf"
    response = client.post(
        reverse("awards:achievement_create"),
        {
            "individual": world["nurse"].pk,
            "date": "2021-08-20",
            "category": AchievementCategory.REGULAR,
            "title": "Tiêu đề được giữ",
            "description": "Mô tả được giữ",
            "evidence_files": [photo(), fake],
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["evidence_files"]
    assert "gia.pdf" in response.context["form"].errors["evidence_files"][0]
    body = response.content.decode()
    assert "Tiêu đề được giữ" in body and "Mô tả được giữ" in body
    assert Achievement.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_officer_cannot_pick_someone_outside_the_unit(client, world):
    outsider = IndividualFactory(unit=world["police"])
    client.force_login(world["officer1"])
    response = client.post(
        reverse("awards:achievement_create"),
        {
            "individual": outsider.pk,
            "date": "2021-08-20",
            "category": AchievementCategory.REGULAR,
            "title": "x",
            "description": "y",
        },
    )
    assert "individual" in response.context["form"].errors


def test_staff_and_strangers_cannot_create(client, world, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("awards:achievement_create")).status_code == 404
    assert client.get(reverse("awards:fast_track")).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("awards:achievement_create")).status_code == 404


def test_achievement_list_query_count_is_constant(client, world):
    client.force_login(world["officer1"])
    url = reverse("awards:achievement_list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    AchievementFactory(individual=world["nurse"], owner_unit=world["health"])
    one = count()
    AchievementFactory.create_batch(20, individual=world["nurse"], owner_unit=world["health"])
    assert (one, count()) == (9, 9)


def test_fast_track_creates_and_submits_at_once(
    client, world, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(world["officer1"])
    page = client.get(reverse("awards:fast_track"))
    assert page.context["form"].initial["campaign"] == world["campaign"].pk
    when = timezone.localtime() - datetime.timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards:fast_track"),
            {
                "individual": world["nurse"].pk,
                "what": "Cứu sống bệnh nhân ngừng tim tại chốt kiểm soát",
                "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
                "photo": photo(),
                "campaign": world["campaign"].pk,
                "award_type": AwardType.objects.get(code="giay-khen").pk,
            },
        )
    nomination = Nomination.objects.get()
    assert response["Location"] == reverse("awards:nomination_detail", args=[nomination.pk])
    assert nomination.is_fast_track and nomination.state == NominationState.SUBMITTED
    achievement = nomination.achievements.get()
    assert achievement.category == AchievementCategory.AD_HOC
    assert (nomination.is_pinned, nomination.achieved_at) == (True, achievement.occurred_at)
    assert achievement.evidence.count() == 1
    assert Notification.objects.filter(recipient=staff_user).count() == 1

    client.force_login(staff_user)
    queue = client.get(reverse("awards:nomination_list"))
    assert "lập thành tích 3 giờ trước" in queue.content.decode()


def test_fast_track_refuses_a_pdf_and_a_future_time(client, world):
    client.force_login(world["officer1"])
    pdf = io.BytesIO(b"%PDF-1.4\n%%EOF")
    pdf.name = "x.pdf"
    future = timezone.localtime() + datetime.timedelta(days=1)
    response = client.post(
        reverse("awards:fast_track"),
        {
            "individual": world["nurse"].pk,
            "what": "Giữ nguyên nội dung này",
            "occurred_at": future.strftime("%Y-%m-%dT%H:%M"),
            "photo": pdf,
            "campaign": world["campaign"].pk,
            "award_type": AwardType.objects.get(code="giay-khen").pk,
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"photo", "occurred_at"}
    assert "Giữ nguyên nội dung này" in response.content.decode()
    assert Nomination.objects.count() == 0
