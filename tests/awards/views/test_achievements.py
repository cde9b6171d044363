import datetime
import io
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
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


OUTSIDE = (
    "Chỉ chọn được người thuộc đơn vị mình phụ trách (kể cả đơn vị trực thuộc). "
    "Hãy gõ họ tên để tìm lại."
)


def subject_select(page, name="individual") -> str:
    """The rendered ``<select name=…>`` of a page, from its name to its end."""
    return page.text.split(f'name="{name}"')[1].split("</select>")[0]


def test_officer_cannot_pick_someone_outside_the_unit(client, world):
    outsider = IndividualFactory(unit=world["police"])
    client.force_login(world["officer1"])
    response = client.post(
        reverse("awards:achievement_create"),
        {
            "individual": outsider.pk,
            "campaign": world["campaign"].pk,
            "date": "2021-08-20",
            "category": AchievementCategory.REGULAR,
            "title": "Tiêu đề được giữ lại",
            "description": "y",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"individual": [OUTSIDE]}
    assert "Tiêu đề được giữ lại" in response.text
    assert subject_select(response).count("<option") == 1
    assert Achievement.objects.count() == 0


def test_the_subject_boxes_render_the_chosen_option_only(client, world):
    IndividualFactory.create_batch(4, unit=world["hospital"])
    chosen = AchievementFactory(individual=world["nurse"], owner_unit=world["health"])
    client.force_login(world["officer1"])

    pages = [
        client.get(reverse("awards:achievement_create")),
        client.get(reverse("awards:fast_track")),
        client.get(reverse("awards:achievement_edit", args=[chosen.pk])),
    ]

    assert ["---------" in page.text for page in pages] == [False, False, False]
    assert "(Không gắn với phong trào)" in pages[0].text
    assert '<option value="" selected>Chọn loại thành tích…</option>' in pages[0].text
    people = [subject_select(page) for page in pages]
    units = [subject_select(page, "unit") for page in pages]
    assert [select.count("<option") for select in people] == [1, 1, 2]
    assert [select.count("<option") for select in units] == [1, 1, 1]
    assert all('data-autocomplete-url="/individuals/autocomplete/"' in s for s in people)
    assert all('data-autocomplete-url="/units/autocomplete/"' in s for s in units)
    assert (
        f'<option value="{world["nurse"].pk}" selected>Lê Thị Hạnh – Bệnh viện tỉnh</option>'
        in people[2]
    )


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
        cache.clear()  # measured cold: nothing cached between the two
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    AchievementFactory(individual=world["nurse"], owner_unit=world["health"])
    one = count()
    AchievementFactory.create_batch(20, individual=world["nurse"], owner_unit=world["health"])
    # the page's keys, its rows by key, and its evidence counted for those rows only
    assert (one, count()) == (10, 10)


def test_fast_track_creates_and_submits_at_once(
    client, world, staff_user, django_capture_on_commit_callbacks
):
    provincial = AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh")
    world["campaign"].allowed_award_types.add(provincial)
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
                # The province's form: it goes to the staff (a giấy khen would stay at
                # the department, which decides it).
                "award_type": provincial.pk,
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


def test_fast_track_refuses_someone_outside_the_officers_units_and_keeps_the_form(client, world):
    outsider = IndividualFactory(unit=world["police"])
    client.force_login(world["officer1"])
    response = client.post(
        reverse("awards:fast_track"),
        {
            "individual": outsider.pk,
            "what": "Giữ nguyên nội dung này",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "photo": photo(),
            "campaign": world["campaign"].pk,
            "award_type": AwardType.objects.get(code="giay-khen").pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"individual": [OUTSIDE]}
    assert "Giữ nguyên nội dung này" in response.text
    assert subject_select(response).count("<option") == 1
    assert (Nomination.objects.count(), Achievement.objects.count()) == (0, 0)


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


# --- How many files at once -------------------------------------------------------------


def achievement_post(world, files):
    return {
        "individual": world["nurse"].pk,
        "campaign": world["campaign"].pk,
        "date": "2021-08-20",
        "category": AchievementCategory.THEMATIC,
        "title": "Chăm sóc bệnh nhân nặng",
        "description": "Trực 30 ngày liên tục.",
        "evidence_files": files,
    }


def test_more_files_than_a_field_takes_are_refused_and_the_form_kept(client, world, settings):
    settings.UPLOAD_MAX_FILES = 20
    client.force_login(world["officer1"])

    response = client.post(
        reverse("awards:achievement_create"),
        achievement_post(world, [photo(f"anh-{n}.jpg", size=(8, 8)) for n in range(21)]),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["evidence_files"] == [
        "Mỗi lần chỉ gửi được tối đa 20 tệp, bạn đã chọn 21 tệp. "
        "Hãy chọn lại ít tệp hơn (các thông tin khác vẫn được giữ), lưu, rồi thêm tiếp."
    ]
    assert 'value="Chăm sóc bệnh nhân nặng"' in response.text
    assert "Trực 30 ngày liên tục." in response.text
    assert Achievement.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_as_many_files_as_a_field_takes_are_saved(client, world, settings):
    settings.UPLOAD_MAX_FILES = 3
    client.force_login(world["officer1"])

    response = client.post(
        reverse("awards:achievement_create"),
        achievement_post(world, [photo(f"anh-{n}.jpg", size=(8, 8)) for n in range(3)]),
    )

    assert response.status_code == 302
    assert Evidence.objects.count() == 3


def test_two_hundred_files_get_the_portal_400_page_saying_the_limit(client, world, settings):
    settings.DEBUG = False
    client.force_login(world["officer1"])

    response = client.post(
        reverse("awards:achievement_create"),
        achievement_post(world, [photo(f"anh-{n}.jpg", size=(2, 2)) for n in range(200)]),
    )

    assert response.status_code == 400
    assert [t.name for t in response.templates][:3] == [
        "400.html",
        "errors/_frame.html",
        "base.html",
    ]
    assert (
        "Bạn đã gửi quá nhiều tệp trong một lần: cổng nhận tối đa 100 tệp mỗi lần gửi, "
        "và 20 tệp cho mỗi ô chọn tệp."
    ) in response.text
    assert Achievement.objects.count() == 0


# --- Bounded dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0001-01-01", "Ngày 01/01/0001 quá xa: chỉ nhận từ ngày 01/01/2000 trở đi."),
        ("1999-12-31", "Ngày 31/12/1999 quá xa: chỉ nhận từ ngày 01/01/2000 trở đi."),
        ("9999-12-31", "Ngày 31/12/9999 ở tương lai: việc đã diễn ra chỉ được ghi đến hôm nay"),
    ],
)
def test_an_achievement_dated_out_of_range_is_refused_and_the_form_kept(
    client, world, typed, message
):
    client.force_login(world["officer1"])
    data = achievement_post(world, [])
    data["date"] = typed

    response = client.post(reverse("awards:achievement_create"), data)

    assert response.status_code == 200
    [error] = response.context["form"].errors["date"]
    assert error.startswith(message)
    assert "Trực 30 ngày liên tục." in response.text
    assert Achievement.objects.count() == 0


def test_an_achievement_dated_at_the_bounds_is_saved(client, world):
    client.force_login(world["officer1"])
    dates = ["2000-01-01", timezone.localdate().isoformat()]

    for typed in dates:
        data = achievement_post(world, [])
        data["date"] = typed
        assert client.post(reverse("awards:achievement_create"), data).status_code == 302

    saved = sorted(a.date.isoformat() for a in Achievement.objects.all())
    assert saved == dates


def test_fast_track_refuses_a_time_before_2000(client, world):
    client.force_login(world["officer1"])

    response = client.post(
        reverse("awards:fast_track"),
        {
            "individual": world["nurse"].pk,
            "what": "Giữ nguyên nội dung này",
            "occurred_at": "1999-12-31T10:00",
            "photo": photo(),
            "campaign": world["campaign"].pk,
            "award_type": AwardType.objects.get(code="giay-khen").pk,
        },
    )

    assert response.context["form"].errors["occurred_at"] == [
        "Ngày 31/12/1999 quá xa: chỉ nhận từ ngày 01/01/2000 trở đi."
    ]
    assert "Giữ nguyên nội dung này" in response.text
    assert Nomination.objects.count() == 0


# --- On object storage (S3), as with several hosts ----------------------------------------


def record_with_photo(client, world):
    client.force_login(world["officer1"])
    client.post(
        reverse("awards:achievement_create"),
        {
            "individual": world["nurse"].pk,
            "campaign": world["campaign"].pk,
            "date": "2021-08-20",
            "category": AchievementCategory.THEMATIC,
            "title": "Chăm sóc bệnh nhân nặng",
            "description": "Trực 30 ngày liên tục tại khu điều trị.",
            "evidence_files": [photo()],
        },
    )
    return Evidence.objects.get()


def test_evidence_on_object_storage_lands_in_the_bucket_and_reaches_its_unit_only(
    s3_bucket, client, world
):
    evidence = record_with_photo(client, world)

    response = client.get(reverse("awards:evidence_file", args=[evidence.pk]))

    assert s3_bucket.keys() == sorted([evidence.file.name, evidence.thumbnail.name])
    assert b"".join(response.streaming_content) == s3_bucket.read(evidence.file.name)
    thumbnail = client.get(reverse("awards:evidence_thumbnail", args=[evidence.pk]))
    assert b"".join(thumbnail.streaming_content) == s3_bucket.read(evidence.thumbnail.name)
    client.force_login(world["officer2"])
    for name in ("awards:evidence_file", "awards:evidence_thumbnail"):
        assert client.get(reverse(name, args=[evidence.pk])).status_code == 404


def test_signed_links_are_given_only_after_the_check_and_expire_quickly(
    s3_bucket, client, world, settings
):
    settings.PRIVATE_FILE_DELIVERY = "signed"
    settings.S3_SIGNED_URL_EXPIRE = 30
    evidence = record_with_photo(client, world)

    response = client.get(reverse("awards:evidence_file", args=[evidence.pk]))

    link = urlsplit(response["Location"])
    query = parse_qs(link.query)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    assert f"{link.scheme}://{link.netloc}" == s3_bucket.endpoint_url
    assert link.path == f"/{s3_bucket.name}/{evidence.file.name}"
    assert query["X-Amz-Expires"] == ["30"]
    # What the browser gets from the store (an http:// link to the test's server).
    with urllib.request.urlopen(response["Location"]) as answer:  # noqa: S310
        assert answer.read() == s3_bucket.read(evidence.file.name)
        assert answer.headers["Content-Disposition"] == 'inline; filename="anh.jpg"'
        assert answer.headers["Content-Type"] == "image/jpeg"
    thumbnail = client.get(reverse("awards:evidence_thumbnail", args=[evidence.pk]))
    assert thumbnail.status_code == 200  # an <img> of the page: streamed (CSP img-src 'self')
    client.force_login(world["officer2"])
    refused = client.get(reverse("awards:evidence_file", args=[evidence.pk]))
    assert (refused.status_code, refused.has_header("Location")) == (404, False)
