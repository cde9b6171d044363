"""The import runner's stage rules, on a staff-list import: a step is taken once, never by
two workers at a time, and never again once done."""

import pytest
from django.core.files.base import ContentFile

from common.enums import JobState
from common.excel.jobs import ImportStage
from common.services.imports import run_import
from tests.factories import StaffImportFactory, UnitFactory
from tests.support.workbooks import workbook
from tests.units.conftest import HEADER, staff_row
from units.activity import STAFF_IMPORT_WRITE
from units.models import Individual
from units.services.staff_import import StaffImporter

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def job_at(stage, state):
    data = workbook(HEADER, staff_row(1, "Nguyễn Văn An"))
    job = StaffImportFactory(unit=UnitFactory(), stage=stage, state=state, row_count=1, total=1)
    job.file.save("danh-sach.xlsx", ContentFile(data))
    return job


def test_a_step_a_live_worker_holds_is_left_to_it():
    job = job_at(ImportStage.WRITING, JobState.RUNNING)  # heartbeat fresh: its worker lives

    run_import(job, StaffImporter(), action=STAFF_IMPORT_WRITE)

    job.refresh_from_db()
    assert (job.stage, job.state) == (ImportStage.WRITING, JobState.RUNNING)
    assert Individual.objects.count() == 0


def test_a_done_step_is_not_run_again():
    job = job_at(ImportStage.READY, JobState.DONE)

    run_import(job, StaffImporter(), action=STAFF_IMPORT_WRITE)

    job.refresh_from_db()
    assert (job.stage, job.state, job.summary) == (ImportStage.READY, JobState.DONE, {})


def test_a_pending_check_is_run_and_a_pending_write_written():
    job = job_at(ImportStage.CHECKING, JobState.PENDING)

    job = run_import(job, StaffImporter(), action=STAFF_IMPORT_WRITE)
    assert (job.stage, job.state, job.summary) == (ImportStage.READY, JobState.DONE, {"new": 1})

    type(job).objects.filter(pk=job.pk).update(stage=ImportStage.WRITING, state=JobState.PENDING)
    job.refresh_from_db()
    job = run_import(job, StaffImporter(), action=STAFF_IMPORT_WRITE)

    assert (job.stage, job.state) == (ImportStage.WRITTEN, JobState.DONE)
    assert list(Individual.objects.values_list("full_name", flat=True)) == ["Nguyễn Văn An"]
