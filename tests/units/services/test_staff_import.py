"""Importing a staff list: checked whole before anything is written, written once, never
twice, only by who may import into the unit; large files in the background."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from common.enums import JobState
from common.excel.forms import UploadedWorkbook
from common.excel.jobs import ImportStage
from common.models import ActivityLog
from common.services import imports
from common.services.jobs import requeue_stale_jobs
from tests.factories import IndividualFactory, OfficerMembershipFactory, UnitFactory, UserFactory
from tests.support.workbooks import workbook
from tests.units.conftest import HEADER, staff_row
from units.activity import STAFF_IMPORT_WRITE
from units.enums import Gender, IndividualCategory
from units.models import Individual, StaffImport
from units.services.staff_import import (
    StaffImportError,
    confirm_staff_import,
    start_staff_import,
)
from units.tasks import run_staff_import

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health)
    police = UnitFactory(name="Công an tỉnh")
    officer = OfficerMembershipFactory(unit=health, user=UserFactory()).user
    return {"health": health, "hospital": hospital, "police": police, "officer": officer}


def book(*rows) -> UploadedWorkbook:
    data = workbook(HEADER, *rows, title="DANH SÁCH CÁN BỘ")
    return UploadedWorkbook(data=data, original_name="danh-sach.xlsx", rows=len(rows))


def people(unit):
    return list(
        Individual.objects.filter(unit=unit)
        .order_by("full_name")
        .values_list("full_name", "gender", "date_of_birth", "citizen_id", "category", "position")
    )


GOOD = (
    staff_row(1, "Nguyễn Văn An", number="083085000123", position="Giám đốc", leader="Có"),
    staff_row(2, "Trần Thị Bình", born="01/02/1990", gender="Nữ", category="Viên chức"),
)


def test_a_valid_list_is_checked_then_written_on_confirmation(world):
    officer, hospital = world["officer"], world["hospital"]

    job = start_staff_import(hospital, book(*GOOD), by=officer)

    assert (job.stage, job.state, job.errors) == (ImportStage.READY, JobState.DONE, [])
    assert job.summary == {"new": 2}
    assert [line["cells"] for line in job.preview] == [
        ["Nguyễn Văn An", "12/03/1985", "Công chức", "Giám đốc"],
        ["Trần Thị Bình", "01/02/1990", "Viên chức", "Chuyên viên"],
    ]
    assert people(hospital) == []  # nothing before the confirmation

    job = confirm_staff_import(job, by=officer)

    assert (job.stage, job.state) == (ImportStage.WRITTEN, JobState.DONE)
    assert people(hospital) == [
        (
            "Nguyễn Văn An",
            Gender.MALE,
            datetime.date(1985, 3, 12),
            "083085000123",
            IndividualCategory.CIVIL_SERVANT,
            "Giám đốc",
        ),
        (
            "Trần Thị Bình",
            Gender.FEMALE,
            datetime.date(1990, 2, 1),
            None,
            IndividualCategory.PUBLIC_EMPLOYEE,
            "Chuyên viên",
        ),
    ]
    an = Individual.objects.get(full_name="Nguyễn Văn An")
    assert (an.is_leader, an.search_name) == (True, "nguyen van an")
    assert an.history.get().history_user == officer
    entry = ActivityLog.objects.for_object(job).get()
    assert (entry.action, entry.actor, entry.new_state, entry.data) == (
        STAFF_IMPORT_WRITE,
        officer,
        ImportStage.WRITTEN,
        {"new": 2},
    )


def test_the_same_file_twice_adds_nobody(world):
    officer, hospital = world["officer"], world["hospital"]
    confirm_staff_import(start_staff_import(hospital, book(*GOOD), by=officer), by=officer)
    before = people(hospital)

    again = start_staff_import(hospital, book(*GOOD), by=officer)
    assert again.summary == {"same": 2}
    confirm_staff_import(again, by=officer)

    assert people(hospital) == before


def test_a_known_person_is_updated_and_an_empty_cell_erases_nothing(world):
    officer, hospital = world["officer"], world["hospital"]
    known = IndividualFactory(
        unit=hospital,
        full_name="Nguyễn Văn An",
        date_of_birth=datetime.date(1985, 3, 12),
        position="Phó Giám đốc",
        phone="0275 3822 000",
    )

    job = start_staff_import(
        hospital, book(staff_row(1, "NGUYEN VAN AN", position="Giám đốc")), by=officer
    )
    assert job.summary == {"update": 1}
    confirm_staff_import(job, by=officer)

    known.refresh_from_db()
    assert (known.full_name, known.position, known.phone) == (
        "Nguyễn Văn An",
        "Giám đốc",
        "0275 3822 000",
    )
    assert Individual.objects.filter(unit=hospital).count() == 1


def test_errors_are_reported_by_row_and_column_and_nothing_is_written(world):
    officer, hospital = world["officer"], world["hospital"]
    IndividualFactory(unit=world["police"], citizen_id="083085000999")

    job = start_staff_import(
        hospital,
        book(
            staff_row(1, "Nguyễn Văn An"),
            staff_row(2, "Lê Văn Cường", born="30/02/1980", category="Bộ đội"),
            staff_row(3, "Nguyễn Văn An"),
            staff_row(4, "Phạm Văn Dũng", number="083085000999"),
            staff_row(5, "Võ Thị Em", number=83085000777),
        ),
        by=officer,
    )

    assert (job.stage, job.error_count) == (ImportStage.INVALID, 5)
    assert job.errors == [
        [4, "Ngày sinh", "“30/02/1980” không phải ngày hợp lệ; ghi theo dạng ngày/tháng/năm."],
        [
            4,
            "Đối tượng",
            "“Bộ đội” không có trong danh sách: Cán bộ, Công chức, Viên chức, Chiến sĩ lực "
            "lượng vũ trang, Sĩ quan lực lượng vũ trang, Người lao động, Nhân dân.",
        ],
        [5, "", "Trùng với dòng 3 (cùng họ tên và ngày sinh, hoặc cùng số CCCD)."],
        [6, "Số CCCD", "Số CCCD này đã có trong hệ thống, của một người thuộc đơn vị khác."],
        [
            7,
            "Số CCCD",
            "Số CCCD bị mất số 0 ở đầu vì ô đang ở dạng số: hãy định dạng cột là Văn bản "
            "(Text) rồi nhập đủ 12 chữ số.",
        ],
    ]
    assert job.summary == {} and job.preview == []
    with pytest.raises(StaffImportError, match="không còn chờ xác nhận"):
        confirm_staff_import(job, by=officer)
    assert people(hospital) == []


def test_what_changed_since_the_check_stops_the_whole_write(world):
    officer, hospital = world["officer"], world["hospital"]
    job = start_staff_import(
        hospital,
        book(staff_row(1, "Nguyễn Văn An"), staff_row(2, "Phạm Văn Dũng", number="083085000999")),
        by=officer,
    )
    assert job.stage == ImportStage.READY
    IndividualFactory(unit=world["police"], citizen_id="083085000999")  # meanwhile

    job = confirm_staff_import(job, by=officer)

    assert job.stage == ImportStage.INVALID
    assert job.errors == [
        [4, "Số CCCD", "Số CCCD này đã có trong hệ thống, của một người thuộc đơn vị khác."]
    ]
    assert people(hospital) == []


def test_an_officer_of_another_unit_may_neither_start_nor_confirm(world):
    stranger = OfficerMembershipFactory(unit=world["police"], user=UserFactory()).user

    with pytest.raises(StaffImportError, match="không có quyền"):
        start_staff_import(world["hospital"], book(*GOOD), by=stranger)
    assert StaffImport.objects.count() == 0

    job = start_staff_import(world["hospital"], book(*GOOD), by=world["officer"])
    with pytest.raises(StaffImportError, match="không có quyền"):
        confirm_staff_import(job, by=stranger)
    job.refresh_from_db()
    assert job.stage == ImportStage.READY
    assert people(world["hospital"]) == []


def test_staff_import_into_any_unit(world, staff_user):
    job = start_staff_import(world["police"], book(*GOOD), by=staff_user)
    confirm_staff_import(job, by=staff_user)

    assert len(people(world["police"])) == 2


def test_a_large_file_is_checked_and_written_by_the_task(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "SYNC_ROWS", 1)
    officer, hospital = world["officer"], world["hospital"]

    with django_capture_on_commit_callbacks(execute=True) as checked:
        job = start_staff_import(hospital, book(*GOOD), by=officer)
    assert (job.stage, job.state) == (ImportStage.CHECKING, JobState.PENDING)  # queued
    assert len(checked) == 1
    job.refresh_from_db()
    assert (job.stage, job.state, job.done, job.total) == (ImportStage.READY, JobState.DONE, 2, 2)

    with django_capture_on_commit_callbacks(execute=True) as written:
        job = confirm_staff_import(job, by=officer)
    assert len(written) == 1
    job.refresh_from_db()
    assert (job.stage, job.state, job.done) == (ImportStage.WRITTEN, JobState.DONE, 2)
    assert len(people(hospital)) == 2


def test_a_second_delivery_of_the_task_writes_nothing_more(world):
    officer, hospital = world["officer"], world["hospital"]
    job = start_staff_import(hospital, book(*GOOD), by=officer)
    confirm_staff_import(job, by=officer)

    assert run_staff_import(import_id=job.pk) == ImportStage.WRITTEN
    assert run_staff_import(import_id=0) is None
    assert len(people(hospital)) == 2
    assert ActivityLog.objects.for_object(job).count() == 1


def test_a_write_whose_worker_died_is_swept_and_done_once(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "SYNC_ROWS", 1)
    officer, hospital = world["officer"], world["hospital"]
    with django_capture_on_commit_callbacks(execute=True):
        job = start_staff_import(hospital, book(*GOOD), by=officer)
    with django_capture_on_commit_callbacks(execute=False):  # the worker never reports back
        job = confirm_staff_import(job, by=officer)
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    StaffImport.objects.filter(pk=job.pk).update(state=JobState.RUNNING, updated_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        queued = requeue_stale_jobs()

    assert queued["units.staffimport"] == [job.pk]
    job.refresh_from_db()
    assert (job.stage, job.state) == (ImportStage.WRITTEN, JobState.DONE)
    assert len(people(hospital)) == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_file_confirmed_twice_at_once_adds_each_person_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL)")
    officer, hospital = world["officer"], world["hospital"]
    jobs = [start_staff_import(hospital, book(*GOOD), by=officer) for _ in range(2)]
    start_line = threading.Barrier(2)
    errors = []

    def confirm(job):
        try:
            start_line.wait()
            confirm_staff_import(job, by=officer)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(people(hospital)) == 2
    summaries = sorted(str(StaffImport.objects.get(pk=job.pk).summary) for job in jobs)
    assert summaries == ["{'new': 2}", "{'same': 2}"]
