"""10,000 rows of a staff list imported from Excel: checked, then written, on a throwaway database.

    python -m bench.imports [N]

Builds a workbook of N people (as the template has them: name, gender, birth date, ID
number, category, position) in memory, then times what an officer waits for, as the
worker runs it (``process_staff_import``, the task's one call):

* the upload's checks (``inspect_workbook``: the ZIP, the row count);
* the check: the file read with openpyxl and every row checked against the unit;
* the write after the confirmation: the file read and checked again, and the N people
  created with their history rows, in one transaction;
* the same file imported a second time (checked and written): nobody is added.

The issue's target is ≤ 30 s for check + write.  Then a list of nominations of
N / 10 rows (one per person of the staff list just imported), checked and written: an
achievement and a draft nomination per row, through the same service as the
nomination form.  Details go to stderr; stdout gets one summary line per import.
"""

import io
import sys
import time

from bench.common import scratch_database


def build_workbook(count: int) -> bytes:
    import openpyxl

    from units.services.staff_import import STAFF_COLUMNS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([str(column.header) for column in STAFF_COLUMNS[:7]])
    categories = ["Công chức", "Viên chức", "Người lao động", "Cán bộ"]
    for index in range(count):
        sheet.append(
            [
                index + 1,
                f"Nguyễn Thị Ngọc Hằng {index}",
                "Nữ" if index % 2 else "Nam",
                f"{1 + index % 28:02d}/{1 + index % 12:02d}/{1960 + index % 40}",
                f"{83_000_000_000 + index:012d}",
                categories[index % len(categories)],
                "Chuyên viên",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main(count: int) -> None:
    with scratch_database() as connection:
        from django.contrib.auth import get_user_model

        from common.excel.forms import UploadedWorkbook
        from common.excel.imports import inspect_workbook
        from common.excel.jobs import ImportStage
        from units.enums import UnitLevel, UnitType
        from units.models import Individual, Unit
        from units.services.staff_import import (
            confirm_staff_import,
            process_staff_import,
            start_staff_import,
        )

        unit = Unit.objects.create(
            name="Sở Y tế tỉnh Bến Tre",
            code="so-y-te",
            unit_type=UnitType.STATE_AGENCY,
            level=UnitLevel.DEPARTMENT,
        )
        staff = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
        started = time.perf_counter()
        data = build_workbook(count)
        print(
            f"built a workbook of {count} rows ({len(data) / 1024:.0f} KB) in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )

        def run(label):
            started = time.perf_counter()
            rows = inspect_workbook(data) - 1
            workbook = UploadedWorkbook(data=data, original_name="danh-sach.xlsx", rows=rows)
            job = start_staff_import(unit, workbook, by=staff)  # queued: > 500 rows
            inspect_s = time.perf_counter() - started
            started = time.perf_counter()
            job = process_staff_import(job)
            check_s = time.perf_counter() - started
            assert job.stage == ImportStage.READY, job.errors[:5]
            job = confirm_staff_import(job, by=staff)
            started = time.perf_counter()
            job = process_staff_import(job)
            write_s = time.perf_counter() - started
            assert job.stage == ImportStage.WRITTEN, (job.stage, job.error)
            print(
                f"{label}: upload checks {inspect_s:.1f} s, check {check_s:.1f} s, "
                f"write {write_s:.1f} s, summary {job.summary}",
                file=sys.stderr,
            )
            return inspect_s + check_s + write_s, check_s, write_s

        total, check_s, write_s = run("first import")
        people = Individual.objects.filter(unit=unit).count()
        assert people == count, people
        again, _check, _write = run("same file again")
        assert Individual.objects.filter(unit=unit).count() == count

        print(
            f"imports ({connection.vendor}): staff list of {count} rows checked in {check_s:.1f} s "
            f"and written in {write_s:.1f} s, {total:.1f} s with the upload's checks (target "
            f"≤ 30 s); the same file again {again:.1f} s, {people} people, none added"
        )
        nominations(connection, unit, staff, max(count // 10, 1))


def nominations(connection, unit, staff, count: int) -> None:
    import openpyxl

    from awards.models import Nomination
    from awards.services.nomination_import import (
        confirm_nomination_import,
        nomination_columns,
        process_nomination_import,
        start_nomination_import,
    )
    from common.excel.forms import UploadedWorkbook
    from common.excel.jobs import ImportStage
    from tests.factories import AwardTypeFactory, CampaignFactory

    award = AwardTypeFactory(name="Giấy khen của Giám đốc Sở Y tế", code="giay-khen-syt")
    campaign = CampaignFactory(title="Phong trào thi đua phòng, chống dịch COVID-19")
    campaign.allowed_award_types.set([award])
    book = openpyxl.Workbook()
    sheet = book.active
    headers = [str(c.header) for c in nomination_columns(campaign)]
    sheet.append(headers[1:3] + headers[4:8])
    for index in range(count):
        sheet.append(
            [
                "Cá nhân",
                f"Nguyễn Thị Ngọc Hằng {index}",
                f"{83_000_000_000 + index:012d}",
                award.name,
                "Trực tiếp tham gia điều trị bệnh nhân COVID-19 tại khu cách ly.",
                "15/09/2021",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    workbook = UploadedWorkbook(data=out.getvalue(), original_name="de-nghi.xlsx", rows=count)
    job = start_nomination_import(campaign, unit, workbook, by=staff)
    started = time.perf_counter()
    job = process_nomination_import(job)
    check_s = time.perf_counter() - started
    assert job.stage == ImportStage.READY, job.errors[:5]
    job = confirm_nomination_import(job, by=staff)
    started = time.perf_counter()
    job = process_nomination_import(job)
    write_s = time.perf_counter() - started
    assert job.stage == ImportStage.WRITTEN, (job.stage, job.error)
    assert Nomination.objects.filter(campaign=campaign).count() == count
    print(
        f"imports ({connection.vendor}): list of {count} nominations checked in {check_s:.1f} s "
        f"and written in {write_s:.1f} s ({count / write_s:.0f} achievements and draft "
        "nominations a second)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
