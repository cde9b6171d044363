"""Importing a list of nominations: each row an achievement and a draft nomination of a
person or collective of the unit's branch; checked whole first, never written twice."""

import datetime

import pytest

from awards.activity import NOMINATION_IMPORT_WRITE
from awards.enums import AchievementCategory, NominationState, SubjectType
from awards.models import Achievement, Nomination, NominationImport
from awards.services.nomination_import import (
    NominationImportError,
    confirm_nomination_import,
    start_nomination_import,
)
from common.excel.forms import UploadedWorkbook
from common.excel.jobs import ImportStage
from common.models import ActivityLog
from common.services import imports
from tests.factories import (
    AwardTypeFactory,
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

HEADER = [
    "STT",
    "Đối tượng",
    "Họ tên hoặc tên tập thể",
    "Ngày sinh",
    "Danh hiệu, hình thức đề nghị",
    "Tóm tắt thành tích",
    "Ngày lập thành tích",
    "Loại thành tích",
]


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health, code="bv-ndc")
    police = UnitFactory(name="Công an tỉnh")
    merit = AwardTypeFactory(name="Giấy khen của Giám đốc Sở", code="giay-khen-so")
    team = AwardTypeFactory(
        name="Tập thể tiêu biểu chống dịch",
        code="tap-the-tieu-bieu-chong-dich",
        subject_types=[SubjectType.COLLECTIVE],
    )
    campaign = CampaignFactory(title="Phong trào thi đua phòng, chống dịch COVID-19")
    campaign.allowed_award_types.set([merit, team])
    return {
        "health": health,
        "hospital": hospital,
        "police": police,
        "merit": merit,
        "team": team,
        "campaign": campaign,
        "officer": OfficerMembershipFactory(unit=health, user=UserFactory()).user,
        "nurse": IndividualFactory(
            full_name="Nguyễn Thị Ngọc Hằng",
            unit=hospital,
            date_of_birth=datetime.date(1990, 5, 2),
        ),
    }


def book(*rows):
    from tests.support.workbooks import workbook

    data = workbook(HEADER, *rows)
    return UploadedWorkbook(data=data, original_name="de-nghi.xlsx", rows=len(rows))


ROWS = (
    [
        1,
        "Cá nhân",
        "Nguyen Thi Ngoc Hang",
        None,
        "Giấy khen của Giám đốc Sở",
        "Trực tiếp điều trị bệnh nhân COVID-19\nsuốt 90 ngày.",
        "15/09/2021",
        None,
    ],
    [
        2,
        "Tập thể",
        "Bệnh viện Nguyễn Đình Chiểu",
        None,
        "Tập thể tiêu biểu chống dịch",
        "Khoa Hồi sức tích cực – Chống độc hoàn thành xuất sắc nhiệm vụ.",
        "30/09/2021",
        "Chuyên đề",
    ],
)


def start(world, *rows, by=None):
    return start_nomination_import(
        world["campaign"], world["health"], book(*rows), by=by or world["officer"]
    )


def test_a_valid_list_becomes_draft_nominations_with_their_achievements(world):
    officer = world["officer"]
    job = start(world, *ROWS)

    assert (job.stage, job.summary) == (ImportStage.READY, {"new": 2})
    assert [line["cells"][:3] for line in job.preview] == [
        ["Nguyễn Thị Ngọc Hằng", "Giấy khen của Giám đốc Sở", "15/09/2021"],
        ["Bệnh viện Nguyễn Đình Chiểu", "Tập thể tiêu biểu chống dịch", "30/09/2021"],
    ]
    assert Nomination.objects.count() == 0

    job = confirm_nomination_import(job, by=officer)

    assert job.stage == ImportStage.WRITTEN
    rows = list(
        Nomination.objects.order_by("pk").values_list(
            "individual", "unit", "award_type", "state", "nominating_unit", "achieved_on"
        )
    )
    assert rows == [
        (
            world["nurse"].pk,
            None,
            world["merit"].pk,
            NominationState.DRAFT,
            world["health"].pk,
            datetime.date(2021, 9, 15),
        ),
        (
            None,
            world["hospital"].pk,
            world["team"].pk,
            NominationState.DRAFT,
            world["health"].pk,
            datetime.date(2021, 9, 30),
        ),
    ]
    achievements = list(
        Achievement.objects.order_by("pk").values_list("title", "category", "owner_unit")
    )
    assert achievements == [
        ("Trực tiếp điều trị bệnh nhân COVID-19", AchievementCategory.REGULAR, world["health"].pk),
        (
            "Khoa Hồi sức tích cực – Chống độc hoàn thành xuất sắc nhiệm vụ.",
            AchievementCategory.THEMATIC,
            world["health"].pk,
        ),
    ]
    entry = ActivityLog.objects.for_object(job).get()
    assert (entry.action, entry.actor, entry.data) == (NOMINATION_IMPORT_WRITE, officer, {"new": 2})


def test_the_same_file_twice_creates_nothing_the_second_time(world):
    confirm_nomination_import(start(world, *ROWS), by=world["officer"])

    again = start(world, *ROWS)
    assert again.summary == {"skip": 2}
    confirm_nomination_import(again, by=world["officer"])

    assert Nomination.objects.count() == 2
    assert Achievement.objects.count() == 2


def test_a_withdrawn_nomination_does_not_block_a_new_one(world):
    NominationFactory(
        campaign=world["campaign"],
        individual=world["nurse"],
        award_type=world["merit"],
        state=NominationState.WITHDRAWN,
    )

    assert start(world, ROWS[0]).summary == {"new": 1}


def test_errors_name_their_row_and_column_and_nothing_is_written(world):
    IndividualFactory(full_name="Trần Văn Bình", unit=world["hospital"])
    IndividualFactory(full_name="Trần Văn Bình", unit=world["health"])
    IndividualFactory(full_name="Lê Văn Công", unit=world["police"])
    rows = [
        [1, "Cá nhân", "Lê Văn Công", None, "Giấy khen của Giám đốc Sở", "Tốt", "01/09/2021"],
        [2, "Cá nhân", "Trần Văn Bình", None, "Giấy khen của Giám đốc Sở", "Tốt", "01/09/2021"],
        [
            3,
            "Cá nhân",
            "Nguyễn Thị Ngọc Hằng",
            None,
            "Tập thể tiêu biểu chống dịch",
            "Tốt",
            "1/9/2021",
        ],
        [4, "Tập thể", "Công an tỉnh", None, "Tập thể tiêu biểu chống dịch", "Tốt", "01/09/2021"],
        [5, "Cá nhân", "Nguyễn Thị Ngọc Hằng", None, "Bằng khen", "Tốt", "01/09/2021"],
        ROWS[0],
        ROWS[0],
    ]

    job = start(world, *rows)

    assert job.stage == ImportStage.INVALID
    assert job.errors == [
        [
            2,
            "Họ tên hoặc tên tập thể",
            "Không có “Lê Văn Công” trong danh sách cán bộ của Sở Y tế và các đơn vị trực "
            "thuộc: hãy nhập danh sách cán bộ trước (Nhập danh sách cán bộ).",
        ],
        [
            3,
            "Họ tên hoặc tên tập thể",
            "Có 2 người tên “Trần Văn Bình”: hãy ghi ngày sinh hoặc số CCCD để phân biệt.",
        ],
        [
            4,
            "Danh hiệu, hình thức đề nghị",
            "“Tập thể tiêu biểu chống dịch” không dành cho cá nhân.",
        ],
        [
            5,
            "Họ tên hoặc tên tập thể",
            "Không có tập thể “Công an tỉnh” trong Sở Y tế và các đơn vị trực thuộc (ghi đúng "
            "tên hoặc mã đơn vị).",
        ],
        [
            6,
            "Danh hiệu, hình thức đề nghị",
            "“Bằng khen” không có trong danh sách: Giấy khen của Giám đốc Sở, Tập thể tiêu biểu "
            "chống dịch.",
        ],
        [8, "", "Trùng với dòng 7 (cùng người hoặc tập thể, cùng hình thức)."],
    ]
    with pytest.raises(NominationImportError, match="không còn chờ xác nhận"):
        confirm_nomination_import(job, by=world["officer"])
    assert (Nomination.objects.count(), Achievement.objects.count()) == (0, 0)


def test_a_birth_date_tells_namesakes_apart(world):
    IndividualFactory(
        full_name="Nguyễn Thị Ngọc Hằng",
        unit=world["health"],
        date_of_birth=datetime.date(1970, 1, 1),
    )
    row = list(ROWS[0])
    row[3] = "02/05/1990"

    job = start(world, row)
    confirm_nomination_import(job, by=world["officer"])

    assert list(Nomination.objects.values_list("individual", flat=True)) == [world["nurse"].pk]


def test_an_officer_of_another_unit_may_neither_start_nor_confirm(world):
    stranger = OfficerMembershipFactory(unit=world["police"], user=UserFactory()).user

    with pytest.raises(NominationImportError, match="không đề nghị khen thưởng thay"):
        start(world, *ROWS, by=stranger)
    assert NominationImport.objects.count() == 0

    job = start(world, *ROWS)
    with pytest.raises(NominationImportError, match="không có quyền"):
        confirm_nomination_import(job, by=stranger)
    assert Nomination.objects.count() == 0


def test_a_large_list_runs_in_the_background(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "SYNC_ROWS", 1)

    with django_capture_on_commit_callbacks(execute=True):
        job = start(world, *ROWS)
    job.refresh_from_db()
    assert job.stage == ImportStage.READY
    with django_capture_on_commit_callbacks(execute=True):
        confirm_nomination_import(job, by=world["officer"])
    job.refresh_from_db()

    assert (job.stage, job.done, job.total) == (ImportStage.WRITTEN, 2, 2)
    assert Nomination.objects.count() == 2
