"""Building a central submission's package in the background: one ZIP with the tờ trình
(PDF), the list (Excel), each nomination's dossier files in a folder of its own, and the
public's comments with the staff's answers (Excel) when the list was published for comment.

``build_package(package)`` is what the task ``awards.build_central_package`` calls.  The
package row is the truth:

* a DONE package is left alone, so a second delivery of the task changes nothing;
* the tờ trình PDF is stored once, under a name derived from the row, and kept on the
  row (``letter``): a build resumed after its worker died does not render it again;
* the Excel file and the ZIP are rebuilt by each try, the ZIP in the row's scratch
  folder (``Job.scratch_path``, emptied first, removed at the end), then stored under a
  name derived from the row, replacing what a previous try left;
* ``done``/``total`` count the steps (letter, list, one per nomination) and the
  heartbeat moves while it works (``common.services.jobs.beating``).
"""

import logging
import os
import zipfile

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.excel.export import INTEGER, Column, Sheet, workbook_bytes
from common.pdf import engine
from common.pdf.storage import store, store_file
from common.pdf.stylesheet import allowed_roots
from common.services.jobs import beating, scratch_folder
from common.storage import open_stored
from common.text import ascii_name

from ..enums import RunState
from ..models import CentralPackage, Consultation
from ..pdf.central import letter_css, letter_html, list_rows
from ..selectors import central_lines_of, consultation_comments

logger = logging.getLogger(__name__)

#: The Excel list's columns: (header, key of ``pdf.central.list_rows``, width).
EXCEL_COLUMNS = (
    ("STT", "number", 6),
    ("Họ và tên, tên tập thể", "name", 28),
    ("Cá nhân/Tập thể", "subject_type", 12),
    ("Giới tính", "gender", 9),
    ("Năm sinh", "birth_year", 9),
    ("Chức vụ, đơn vị công tác", "position", 40),
    ("Hình thức đề nghị", "award", 30),
    ("Tóm tắt thành tích", "summary", 60),
    ("Đơn vị đề nghị", "nominating_unit", 28),
    ("Ghi chú", None, 16),
)
LETTER_NAME = "01-To-trinh.pdf"
LIST_NAME = "02-Danh-sach.xlsx"
DOSSIER_FOLDER = "03-Ho-so"
COMMENTS_NAME = "04-Y-kien-nhan-dan.xlsx"


def _base_name(package) -> str:
    return f"central-packages/{package.submission_id}/{package.pk}"


def package_file_name(submission) -> str:
    """ "Ho-so-trinh-12-TTr-UBND.zip", or the draft's id before it has a number."""
    reference = submission.reference or f"du-thao-{submission.pk}"
    return f"Ho-so-trinh-{ascii_name(reference.replace('/', '-'))}.zip"


def excel_bytes(submission, rows) -> bytes:
    """The list as an .xlsx: a title, the reference line, one row per nomination (through
    ``common.excel.export``: a summary typed as a formula stays text)."""
    reference = submission.reference or "(dự thảo, chưa cấp số)"
    day = submission.letter_date.strftime("%d/%m/%Y") if submission.letter_date else ""
    sheet = Sheet(
        "Danh sách",
        [
            Column(header, width, INTEGER if key == "number" else None, wrap=width >= 28)
            for header, key, width in EXCEL_COLUMNS
        ],
        ([row[key] if key else None for _header, key, _width in EXCEL_COLUMNS] for row in rows),
        caption=[
            "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG",
            f"Kèm theo Tờ trình số {reference} ngày {day} của {submission.issuer.name}",
        ],
    )
    return workbook_bytes([sheet])


def comments_excel(consultation) -> bytes:
    """The public's comments on the published list and the staff's answers, as an .xlsx."""
    rows = (
        [
            number,
            comment.author_name,
            timezone.localtime(comment.created_at).strftime("%d/%m/%Y %H:%M"),
            comment.body,
            str(comment.get_state_display()),
            comment.answer,
        ]
        for number, comment in enumerate(consultation_comments(consultation), 1)
    )
    sheet = Sheet(
        "Ý kiến nhân dân",
        [
            Column("STT", 6, INTEGER),
            Column("Người góp ý", 24, wrap=True),
            Column("Thời gian", 16),
            Column("Nội dung góp ý", 60, wrap=True),
            Column("Công khai", 14),
            Column("Trả lời của cơ quan", 60, wrap=True),
        ],
        rows,
        caption=[
            "Ý KIẾN NHÂN DÂN VỀ DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
            f"Công khai từ ngày {consultation.published_on:%d/%m/%Y} đến hết ngày "
            f"{consultation.closes_on:%d/%m/%Y} ({consultation.working_days} ngày làm việc)",
        ],
    )
    return workbook_bytes([sheet])


def _begin(package) -> bool:
    """Mark the package RUNNING; False if it is DONE already."""
    with transaction.atomic():
        locked = CentralPackage.objects.select_for_update().get(pk=package.pk)
        if locked.state == RunState.DONE:
            package.refresh_from_db()
            return False
        locked.total = 2 + locked.submission.lines.count()
        locked.done = 1 if locked.letter else 0
        locked.state = RunState.RUNNING
        locked.started_at = locked.started_at or timezone.now()
        locked.finished_at = None
        locked.error = ""
        locked.save(
            update_fields=[
                "total",
                "done",
                "state",
                "started_at",
                "finished_at",
                "error",
                "updated_at",
            ]
        )
    package.refresh_from_db()
    return True


def _step(package, **fields) -> None:
    CentralPackage.objects.filter(pk=package.pk).update(
        done=F("done") + 1, updated_at=timezone.now(), **fields
    )


def _dossier_folder(number, width, nomination) -> str:
    return f"{DOSSIER_FOLDER}/{number:0{width}d}-{ascii_name(nomination.subject_name)}"


def _build(package, scratch) -> str:
    submission = package.submission
    lines = list(central_lines_of(submission))
    day = submission.letter_date or timezone.localdate()
    if not package.letter:
        html = letter_html(submission, lines, day=day)
        pdf = engine.render_pdf(html, letter_css(), allowed_roots())
        name = store(f"{_base_name(package)}/to-trinh.pdf", pdf)
        _step(package, letter=name)
        package.letter.name = name
    rows = list_rows(lines)
    workbook = excel_bytes(submission, rows)
    _step(package)
    path = scratch / "package.zip"
    width = max(2, len(str(len(lines))))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with open_stored(package.letter) as letter:
            archive.writestr(LETTER_NAME, letter.read())
        archive.writestr(LIST_NAME, workbook)
        consultation = Consultation.objects.filter(submission=submission).first()
        if consultation is not None:
            archive.writestr(COMMENTS_NAME, comments_excel(consultation))
        for number, line in enumerate(lines, 1):
            folder = _dossier_folder(number, width, line.nomination)
            archive.writestr(f"{folder}/", b"")  # a folder even for a dossier without files
            for index, dossier in enumerate(line.nomination.files.all(), 1):
                stem, extension = os.path.splitext(dossier.download_name)
                name = f"{folder}/{index:02d}-{ascii_name(stem, 80)}{extension.lower()}"
                with open_stored(dossier.file) as source:
                    archive.writestr(name, source.read())
            _step(package)
    return store_file(f"{_base_name(package)}/{package_file_name(submission)}", path)


def build_package(package) -> CentralPackage:
    """Build what ``package`` still needs; a DONE package is returned as it is.

    On an error the package is marked FAILED with the error, and the error is raised
    again so Celery may retry; a retry resumes from the row.
    """
    if not _begin(package):
        return package
    try:
        with beating(package), scratch_folder(package) as scratch:
            name = _build(package, scratch)
        with transaction.atomic():
            locked = CentralPackage.objects.select_for_update().get(pk=package.pk)
            if locked.state != RunState.DONE:
                locked.state = RunState.DONE
                locked.finished_at = timezone.now()
                locked.done = locked.total
                locked.file.name = name
                locked.save(update_fields=["state", "finished_at", "done", "file", "updated_at"])
    except Exception as error:
        CentralPackage.objects.filter(pk=package.pk).mark_failed(error)
        package.refresh_from_db()
        raise
    logger.info("Central package %s built", package.pk)
    package.refresh_from_db()
    return package
