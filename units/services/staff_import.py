"""Importing a unit's staff list (danh sách cán bộ) from Excel into :class:`Individual` rows.

The columns and the template are :data:`STAFF_COLUMNS`; the stages, the one
transaction and the background path are ``common.services.imports``'.  A row is a
person of the chosen unit, matched to one already there by (in this order) the ID
number (số CCCD) within the unit, or the folded name and the date of birth within
the unit: the natural key, so importing the same file twice adds nobody.  A match is
updated with the row's non-empty cells that differ (an empty cell never erases what
is stored; a name that differs only by its accents is left as stored); an unmatched
row is a new person.  Refused rows: two rows of one person in the file, an ID
number that belongs to a person of another unit, a match whose stored ID number
differs.  Only who may import into the unit (``rules.can_import_staff``, asked again
under the job's lock on confirmation) imports.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.cache import bump
from common.dates import validate_birth_date
from common.enums import JobState
from common.excel.imports import (
    CellError,
    Column,
    boolean,
    choice,
    date,
    template_workbook,
    text,
)
from common.excel.jobs import ImportStage
from common.services.imports import (
    Plan,
    check_import,
    confirm_import,
    is_small,
    retry_import,
    run_import,
    write_import,
)
from common.templatetags.vn import vndate
from common.text import fold

from .. import rules
from ..activity import STAFF_IMPORT_WRITE
from ..enums import Gender, IndividualCategory
from ..models import Individual, StaffImport, Unit, citizen_id_validator
from ..tasks import run_staff_import
from .publicity import PUBLIC_AWARDS

BATCH = 500


class StaffImportError(Exception):
    """An import that cannot be started or confirmed; the message is shown as is."""


def citizen_id(value) -> str:
    """A 12-digit ID number; one typed into a number cell has lost its leading zeros."""
    if isinstance(value, int | float):
        digits = str(int(value))
        if len(digits) < 12:
            raise CellError(
                _(
                    "Số CCCD bị mất số 0 ở đầu vì ô đang ở dạng số: hãy định dạng cột là "
                    "Văn bản (Text) rồi nhập đủ 12 chữ số."
                )
            )
    else:
        digits = "".join(str(value).split())
    citizen_id_validator(digits)
    return digits


def email(value) -> str:
    address = str(value).strip()
    validate_email(address)
    return address


STAFF_COLUMNS = [
    Column(gettext_lazy("STT"), "index", text(16), aliases=("TT", "Số TT"), example=1, width=6),
    Column(
        gettext_lazy("Họ và tên"), "full_name", text(128), required=True, example="Nguyễn Văn An"
    ),
    Column(
        gettext_lazy("Giới tính"),
        "gender",
        choice(Gender.choices),
        required=True,
        choices=tuple(str(label) for label in Gender.labels),
        example=str(Gender.MALE.label),
        width=10,
    ),
    Column(
        gettext_lazy("Ngày sinh"),
        "date_of_birth",
        date(validate_birth_date),
        required=True,
        example=datetime.date(1985, 3, 12),
        width=14,
        note=gettext_lazy("ngày/tháng/năm, ví dụ 25/12/1980."),
    ),
    Column(
        gettext_lazy("Số CCCD"),
        "citizen_id",
        citizen_id,
        aliases=("Số định danh cá nhân", "CCCD"),
        width=16,
        note=gettext_lazy("12 chữ số; định dạng cột là Văn bản (Text) để giữ số 0 ở đầu."),
    ),
    Column(
        gettext_lazy("Đối tượng"),
        "category",
        choice(IndividualCategory.choices),
        required=True,
        choices=tuple(str(label) for label in IndividualCategory.labels),
        example=str(IndividualCategory.CIVIL_SERVANT.label),
        width=26,
    ),
    Column(gettext_lazy("Chức vụ"), "position", text(128), example="Chuyên viên", width=24),
    Column(
        gettext_lazy("Lãnh đạo, quản lý"),
        "is_leader",
        boolean(),
        choices=("Có", "Không"),
        example="Không",
        width=12,
    ),
    Column(gettext_lazy("Thư điện tử"), "email", email, aliases=("Email",), width=26),
    Column(gettext_lazy("Điện thoại"), "phone", text(20), width=14),
]

#: The fields a row writes (the ``index`` column is the user's own numbering).
FIELDS = (
    "full_name",
    "gender",
    "date_of_birth",
    "citizen_id",
    "category",
    "position",
    "is_leader",
    "email",
    "phone",
)
ACTIONS = {
    "new": gettext_lazy("Thêm mới"),
    "update": gettext_lazy("Cập nhật"),
    "same": gettext_lazy("Đã có, không đổi"),
}
PREVIEW_HEADERS = (
    gettext_lazy("Họ và tên"),
    gettext_lazy("Ngày sinh"),
    gettext_lazy("Đối tượng"),
    gettext_lazy("Chức vụ"),
)
CATEGORY_LABELS = dict(IndividualCategory.choices)


class StaffImporter:
    """The staff list's columns, checks and writes, for ``common.services.imports``."""

    columns = STAFF_COLUMNS

    def lock(self, job) -> None:
        # Two imports into one unit write one after the other: the second sees the first.
        # NO KEY: rows that merely point at the unit (a nomination, a person) are not held up.
        list(Unit.objects.select_for_update(no_key=True).filter(pk=job.unit_id).values("pk"))

    def plan(self, job, result) -> Plan:
        plan = Plan()
        unit_id = job.unit_id
        existing = list(Individual.objects.filter(unit_id=unit_id).only("id", *FIELDS))
        by_id = {p.citizen_id: p for p in existing if p.citizen_id}
        by_key = {}
        for person in existing:
            by_key.setdefault((fold(person.full_name), person.date_of_birth), person)
        numbers = {row["citizen_id"] for row in result.rows if row["citizen_id"]}
        elsewhere = set(
            Individual.objects.filter(citizen_id__in=numbers)
            .exclude(unit_id=unit_id)
            .values_list("citizen_id", flat=True)
        )
        bad = {error.row for error in result.errors}
        seen_key, seen_id = {}, {}
        id_header = str(STAFF_COLUMNS[4].header)
        for row in result.rows:
            if row.number in bad:
                continue
            key = (fold(row["full_name"]), row["date_of_birth"])
            number = row["citizen_id"]
            twin = seen_key.get(key) or (seen_id.get(number) if number else None)
            if twin is not None:
                result.error(
                    row.number,
                    "",
                    _("Trùng với dòng %(row)s (cùng họ tên và ngày sinh, hoặc cùng số CCCD).")
                    % {"row": twin},
                )
                continue
            seen_key[key] = row.number
            if number:
                seen_id[number] = row.number
            if number in elsewhere:
                result.error(
                    row.number,
                    id_header,
                    _("Số CCCD này đã có trong hệ thống, của một người thuộc đơn vị khác."),
                )
                continue
            person = by_id.get(number) if number else None
            if person is None:
                person = by_key.get(key)
                if person is not None and number and person.citizen_id not in (None, number):
                    result.error(
                        row.number,
                        id_header,
                        _("Người này đã có trong danh sách của đơn vị với số CCCD khác."),
                    )
                    continue
            self._plan_row(plan, row, person)
        return plan

    def _plan_row(self, plan, row, person) -> None:
        values = {f: row[f] for f in FIELDS if row[f] is not None and row[f] != ""}
        if person is None:
            action, changes = "new", values
        else:
            changes = {
                f: v
                for f, v in values.items()
                if getattr(person, f) != v
                and not (f == "full_name" and fold(v) == fold(person.full_name))
            }
            action = "update" if changes else "same"
        plan.count(action)
        plan.items.append((action, person.pk if person else None, changes))
        plan.show(
            row.number,
            str(ACTIONS[action]),
            [
                values["full_name"],
                vndate(values["date_of_birth"]),
                str(CATEGORY_LABELS[values["category"]]),
                values.get("position", ""),
            ],
        )

    def write(self, job, plan, step) -> None:
        by = job.confirmed_by
        new = [
            Individual(unit_id=job.unit_id, search_name=fold(changes["full_name"]), **changes)
            for action, _pk, changes in plan.items
            if action == "new"
        ]
        for start in range(0, len(new), BATCH):
            batch = new[start : start + BATCH]
            bulk_create_with_history(batch, Individual, batch_size=BATCH, default_user=by)
            step(len(batch))
        updates = {pk: changes for action, pk, changes in plan.items if action == "update"}
        people = Individual.objects.in_bulk(list(updates))
        changed = []
        for pk, changes in updates.items():
            person = people[pk]
            for name, value in changes.items():
                setattr(person, name, value)
            person.search_name = fold(person.full_name)
            changed.append(person)
        for start in range(0, len(changed), BATCH):
            batch = changed[start : start + BATCH]
            bulk_update_with_history(
                batch, Individual, [*FIELDS, "search_name"], batch_size=BATCH, default_user=by
            )
            step(len(batch))
        if changed:  # a name or a position on the honour board may have changed
            bump(PUBLIC_AWARDS)
        step(sum(1 for action, _pk, _c in plan.items if action == "same"))


def _enqueue(job) -> None:
    run_staff_import.delay(import_id=job.pk)


def start_staff_import(unit, workbook, *, by) -> StaffImport:
    """Keep ``workbook`` (a checked upload, ``common.excel.forms.UploadedWorkbook``) as a
    job of ``unit`` and check it: now for a small file, in the background otherwise.
    Writes nothing but the job; raises :class:`StaffImportError` if ``by`` may not."""
    if not rules.can_import_staff(by, unit):
        raise StaffImportError(_("Bạn không có quyền nhập danh sách cán bộ cho đơn vị này."))
    with transaction.atomic():
        job = StaffImport(
            unit=unit,
            original_name=workbook.original_name,
            row_count=workbook.rows,
            total=workbook.rows,
            stage=ImportStage.CHECKING,
            state=JobState.PENDING,
            created_by=by,
        )
        job.file.save("danh-sach-can-bo.xlsx", ContentFile(workbook.data), save=False)
        job.save()
        if not is_small(job):
            _enqueue(job)
    if is_small(job):
        check_import(job, StaffImporter(), reraise=False)
    return job


def confirm_staff_import(job, *, by) -> StaffImport:
    """Write a checked staff list (READY): now for a small file, in the background
    otherwise.  Raises :class:`StaffImportError` if ``by`` may not or it is not READY."""
    job = confirm_import(
        job,
        by=by,
        allowed=rules.can_confirm_staff_import,
        enqueue=_enqueue,
        refused=StaffImportError,
    )
    if is_small(job):
        write_import(job, StaffImporter(), action=STAFF_IMPORT_WRITE, reraise=False)
    return job


def retry_staff_import(job, *, by) -> StaffImport:
    """Run a failed or silent check or write again (now for a small file).  Raises
    :class:`StaffImportError` if ``by`` may not or nothing failed."""
    job = retry_import(
        job,
        by=by,
        allowed=rules.can_confirm_staff_import,
        enqueue=_enqueue,
        refused=StaffImportError,
    )
    if is_small(job):
        run_import(job, StaffImporter(), action=STAFF_IMPORT_WRITE, reraise=False)
    return job


def process_staff_import(job) -> StaffImport:
    """The worker's step (task ``units.run_staff_import``): check or write, by stage."""
    return run_import(job, StaffImporter(), action=STAFF_IMPORT_WRITE)


def staff_template() -> bytes:
    """The blank template of :data:`STAFF_COLUMNS`."""
    return template_workbook(
        STAFF_COLUMNS,
        title=_("DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG"),
        instructions=[
            _(
                "Mỗi dòng là một người của đơn vị chọn khi tải tệp lên. Người đã có (cùng số "
                "CCCD, hoặc cùng họ tên và ngày sinh) được cập nhật, không tạo trùng."
            ),
            _("Ô để trống không xóa thông tin đã có."),
        ],
    )
