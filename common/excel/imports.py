"""Reading the Excel workbooks units upload (.xlsx), safely, against a list of columns.

An upload is checked before openpyxl opens it, so a hostile or broken file costs
little and says what is wrong in Vietnamese (:class:`ExcelFileError`):

* size: at most ``IMPORT_MAX_BYTES`` (default ``UPLOAD_MAX_BYTES``);
* a real .xlsx: a ZIP archive (its magic bytes) whose ``[Content_Types].xml``
  declares a workbook of SpreadsheetML; an old .xls, a macro workbook (.xlsm), a
  CSV or anything else is refused, each with its own message;
* no ZIP bomb: the sizes the archive declares (which :mod:`zipfile` enforces
  while inflating) add up to at most ``IMPORT_MAX_UNCOMPRESSED`` bytes, and no
  large member inflates more than :data:`MAX_RATIO` times;
* rows: the first sheet's XML is streamed and its rows with a value counted,
  stopping at the first row past ``IMPORT_MAX_ROWS`` (default 20,000): a file of
  100,000 rows is refused after reading a fifth of it, never loaded whole.

Then :func:`read_rows` reads the first sheet with openpyxl (read-only,
``data_only=False``, so a formula is seen as a formula and refused where it
stands), finds the header row among the first rows, matches headers to the
:class:`Column` specs on their folded text (accents and case ignored:
"HO VA TEN" is "Họ và tên"), refuses unknown and missing columns, and parses
every cell with its column's parser.  The result holds the parsed rows and the
errors, each at its row number and column header, in Vietnamese.

:func:`template_workbook` writes the matching blank template: Vietnamese headers,
an example row, and drop-down lists (data validation) for the columns with choices.

No app is imported here: the apps bring their columns and their domain checks.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.text import fold, nfc, thousands

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
#: A member bigger than this (inflated) may not inflate more than MAX_RATIO times.
RATIO_FLOOR = 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2000
#: The header row is looked for among this many first rows (a title may stand above it).
HEADER_SEARCH_ROWS = 10
#: Errors kept for the report; past it the report says how many more there were.
MAX_ERRORS = 1000

WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
}
MACRO_TYPES = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
}
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

MESSAGES = {
    "empty": gettext_lazy("Tệp rỗng (0 byte), vui lòng chọn tệp khác."),
    "too_big": gettext_lazy(
        "Tệp vượt quá dung lượng cho phép (%(limit)s MB). Hãy chia danh sách thành nhiều tệp."
    ),
    "xls": gettext_lazy(
        "Đây là tệp Excel 97-2003 (.xls) hoặc tệp Excel có đặt mật khẩu. Hãy mở tệp, bỏ mật "
        "khẩu nếu có, chọn “Lưu thành” (Save As) định dạng “Sổ làm việc Excel (.xlsx)” rồi "
        "tải lên lại."
    ),
    "not_xlsx": gettext_lazy(
        "Tệp không phải sổ làm việc Excel (.xlsx). Hãy tải mẫu của cổng, điền vào đó và "
        "lưu dưới dạng .xlsx."
    ),
    "macro": gettext_lazy(
        "Tệp Excel có macro (.xlsm) không được nhận. Hãy lưu lại dưới dạng .xlsx (không có "
        "macro) rồi tải lên lại."
    ),
    "broken": gettext_lazy("Tệp Excel bị hỏng hoặc không đầy đủ, vui lòng lưu lại rồi tải lên."),
    "bomb": gettext_lazy(
        "Tệp bị từ chối: nội dung khi giải nén lớn bất thường (có thể là tệp độc hại). "
        "Hãy dùng mẫu của cổng."
    ),
    "too_many_rows": gettext_lazy(
        "Tệp có hơn %(limit)s dòng dữ liệu: mỗi lần chỉ nhập được tối đa %(limit)s dòng. "
        "Hãy chia danh sách thành nhiều tệp."
    ),
    "no_sheet": gettext_lazy("Sổ làm việc không có trang tính nào."),
    "no_header": gettext_lazy(
        "Không tìm thấy dòng tiêu đề cột trong %(rows)s dòng đầu của trang tính thứ nhất. "
        "Hãy dùng mẫu của cổng và giữ nguyên dòng tiêu đề."
    ),
    "no_rows": gettext_lazy("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."),
    "unknown_column": gettext_lazy(
        "Cột “%(header)s” (cột %(letter)s) không có trong mẫu. Các cột của mẫu: %(known)s."
    ),
    "missing_column": gettext_lazy("Thiếu cột bắt buộc “%(header)s”."),
    "twice": gettext_lazy("Cột “%(header)s” xuất hiện hai lần (cột %(first)s và %(second)s)."),
    "headerless": gettext_lazy(
        "Cột %(letter)s có dữ liệu nhưng không có tiêu đề: hãy ghi tiêu đề theo mẫu hoặc "
        "xóa dữ liệu ở cột này."
    ),
    "formula": gettext_lazy(
        "Ô %(cell)s chứa công thức (%(formula)s). Hãy sao chép rồi dán giá trị "
        "(Paste Values) thay cho công thức."
    ),
    "required": gettext_lazy("Bắt buộc nhập."),
    "too_long": gettext_lazy("Dài quá %(limit)s ký tự."),
    "bad_date": gettext_lazy("“%(value)s” không phải ngày hợp lệ; ghi theo dạng ngày/tháng/năm."),
    "bad_choice": gettext_lazy("“%(value)s” không có trong danh sách: %(choices)s."),
    "bad_bool": gettext_lazy("Ghi “Có” hoặc “Không” (để trống là “Không”)."),
}


class ExcelFileError(ValidationError):
    """The whole file is refused; the message(s) are shown to the user as they are."""


class CellError(Exception):
    """A parser's refusal of one cell's value; the message is shown at its row and column."""


# --- Columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of an import: the header the template prints, the key its parsed value
    gets in a row, its parser (raw cell value -> Python value, raising
    :class:`CellError` or ``ValidationError``; never called on an empty cell), and
    whether a value is required.  ``choices`` become the template's drop-down list,
    ``aliases`` are other headers accepted for it, ``example`` fills the example row."""

    header: str
    key: str
    parse: Callable[[object], object] = None  # type: ignore[assignment]
    required: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    example: object = ""
    width: int = 20
    note: str = ""

    def headers(self) -> list[str]:
        return [self.header, *self.aliases]

    def parsed(self, value):
        return (self.parse or text())(value)


def header_key(text: str) -> str:
    """What a header is matched on: folded, without "(…)" notes, "*" marks and extra space."""
    text = re.sub(r"\([^)]*\)", " ", str(text or ""))
    text = text.replace("*", " ")
    return " ".join(fold(text).split())


# --- Parsers (each returns a parser: the column's ``parse``) ----------------------------


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(" ".join(str(value).split()))


def text(max_length: int = 255) -> Callable[[object], str]:
    def parse(value):
        result = _as_text(value)
        if len(result) > max_length:
            raise CellError(MESSAGES["too_long"] % {"limit": max_length})
        return result

    return parse


def long_text(max_length: int = 10000) -> Callable[[object], str]:
    """Text whose line breaks are kept (a summary of achievements)."""

    def parse(value):
        result = nfc(str(value).strip())
        if len(result) > max_length:
            raise CellError(MESSAGES["too_long"] % {"limit": max_length})
        return result

    return parse


_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def date(validator: Callable[[datetime.date], None] | None = None) -> Callable:
    """A date cell, or text "25/12/1980" (day first, as Vietnamese write it) or ISO;
    then ``validator`` (e.g. ``common.dates.validate_birth_date``)."""

    def parse(value):
        if isinstance(value, datetime.datetime):
            day = value.date()
        elif isinstance(value, datetime.date):
            day = value
        else:
            raw = _as_text(value)
            day = None
            if match := _DATE_RE.match(raw):
                d, m, y = (int(g) for g in match.groups())
            elif match := _ISO_RE.match(raw):
                y, m, d = (int(g) for g in match.groups())
            else:
                raise CellError(MESSAGES["bad_date"] % {"value": raw})
            try:
                day = datetime.date(y, m, d)
            except ValueError:
                raise CellError(MESSAGES["bad_date"] % {"value": raw}) from None
        if validator is not None:
            validator(day)
        return day

    return parse


def choice(options: Iterable[tuple[object, str]], *, also=()) -> Callable:
    """One of ``options`` ((value, label) pairs), matched on the folded label or value;
    ``also`` are more (value, text) pairs accepted but not listed in the message."""
    options = list(options)
    lookup = {}
    for value, label in [*options, *also]:
        lookup.setdefault(header_key(str(label)), value)
        lookup.setdefault(header_key(str(value)), value)
    shown = ", ".join(str(label) for _value, label in options)

    def parse(raw):
        key = header_key(_as_text(raw))
        if key not in lookup:
            raise CellError(MESSAGES["bad_choice"] % {"value": _as_text(raw), "choices": shown})
        return lookup[key]

    return parse


_YES = {"co", "x", "1", "yes", "true", "dung"}
_NO = {"khong", "0", "no", "false", "sai", ""}


def boolean() -> Callable:
    def parse(value):
        if isinstance(value, bool):
            return value
        key = header_key(_as_text(value))
        if key in _YES:
            return True
        if key in _NO:
            return False
        raise CellError(MESSAGES["bad_bool"])

    return parse


# --- The result ------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int | None  # the sheet's row number; None for the whole file
    column: str  # the column's header; "" for the whole row
    message: str

    def as_list(self) -> list:
        return [self.row, self.column, self.message]


@dataclass
class Row:
    number: int
    values: dict

    def __getitem__(self, key):
        return self.values.get(key)


@dataclass
class ReadResult:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    header_row: int = 0

    def error(self, row: int | None, column: str, message) -> None:
        self.errors.append(RowError(row, str(column), str(message)))

    @property
    def valid_rows(self) -> list[Row]:
        bad = {e.row for e in self.errors}
        return [row for row in self.rows if row.number not in bad]


# --- Limits ----------------------------------------------------------------------------


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", settings.UPLOAD_MAX_BYTES)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 20_000)


def max_uncompressed() -> int:
    return getattr(settings, "IMPORT_MAX_UNCOMPRESSED", 200 * 1024 * 1024)


# --- The file: checked before openpyxl sees it -----------------------------------------


def read_upload(uploaded_file) -> bytes:
    """The bytes of an upload, refused past the size limit without reading more."""
    limit = max_bytes()
    if getattr(uploaded_file, "size", None) is not None and uploaded_file.size > limit:
        raise ExcelFileError(MESSAGES["too_big"] % {"limit": _megabytes(limit)}, code="too_big")
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise ExcelFileError(MESSAGES["too_big"] % {"limit": _megabytes(limit)}, code="too_big")
    if not data:
        raise ExcelFileError(MESSAGES["empty"], code="empty")
    return data


def _megabytes(limit: int) -> str:
    return f"{limit / 1024 / 1024:.0f}"


def inspect_workbook(data: bytes) -> int:
    """Check that ``data`` is a safe .xlsx of at most ``IMPORT_MAX_ROWS`` data rows and
    return the number of rows with a value on its first sheet (the header row included).
    Raises :class:`ExcelFileError`."""
    if len(data) > max_bytes():
        raise ExcelFileError(
            MESSAGES["too_big"] % {"limit": _megabytes(max_bytes())}, code="too_big"
        )
    if data.startswith(OLE_MAGIC):
        raise ExcelFileError(MESSAGES["xls"], code="xls")
    if not data.startswith(ZIP_MAGIC):
        raise ExcelFileError(MESSAGES["not_xlsx"], code="not_xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ExcelFileError(MESSAGES["broken"], code="broken") from None
    _check_sizes(members)
    with archive:
        _check_no_doctype(archive, members)
        _check_content_types(archive)
        sheet = _first_sheet_name(archive)
        return _count_rows(archive, sheet, limit=max_rows() + HEADER_SEARCH_ROWS)


def _check_sizes(members) -> None:
    if len(members) > MAX_MEMBERS:
        raise ExcelFileError(MESSAGES["bomb"], code="bomb")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ExcelFileError(MESSAGES["bomb"], code="bomb")
    if total > max_uncompressed():
        raise ExcelFileError(MESSAGES["bomb"], code="bomb")


#: The XML prolog of a part is looked at within this many first bytes.
PROLOG_BYTES = 64 * 1024
_PROLOG_RE = re.compile(rb"\A\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<(?![!?])", re.DOTALL)


def _check_no_doctype(archive, members) -> None:
    """No XML part of a workbook declares a DOCTYPE (so no entity expansion): every
    part's first element must come right after its prolog.  The parsers below, and
    openpyxl's, then only ever see plain XML."""
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")) or member.file_size == 0:
            continue
        try:
            with archive.open(member) as stream:
                head = stream.read(PROLOG_BYTES)
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
            raise ExcelFileError(MESSAGES["broken"], code="broken") from None
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        if not _PROLOG_RE.match(head):
            raise ExcelFileError(MESSAGES["broken"], code="broken")


def _parse_member(archive, name: str):
    try:
        # S314: no part declares a DOCTYPE (_check_no_doctype), so no entity expands.
        return ElementTree.fromstring(archive.read(name))  # noqa: S314
    except KeyError:
        return None
    except (ElementTree.ParseError, zipfile.BadZipFile, ValueError, EOFError):
        raise ExcelFileError(MESSAGES["broken"], code="broken") from None


def _check_content_types(archive) -> None:
    types = _parse_member(archive, "[Content_Types].xml")
    if types is None:
        raise ExcelFileError(MESSAGES["not_xlsx"], code="not_xlsx")
    declared = {element.get("ContentType", "") for element in types.iter(f"{_CT}Override")}
    if declared & MACRO_TYPES:
        raise ExcelFileError(MESSAGES["macro"], code="macro")
    if not declared & WORKBOOK_TYPES:
        raise ExcelFileError(MESSAGES["not_xlsx"], code="not_xlsx")


def _first_sheet_name(archive) -> str:
    """The archive member of the workbook's first sheet."""
    workbook = _parse_member(archive, "xl/workbook.xml")
    rels = _parse_member(archive, "xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        raise ExcelFileError(MESSAGES["not_xlsx"], code="not_xlsx")
    sheet = next(workbook.iter(f"{_MAIN}sheet"), None)
    if sheet is None:
        raise ExcelFileError(MESSAGES["no_sheet"], code="no_sheet")
    rel_id = sheet.get(f"{_REL}id")
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise ExcelFileError(MESSAGES["broken"], code="broken")


def _count_rows(archive, name: str, *, limit: int) -> int:
    """Rows of sheet ``name`` holding a value, streamed; refused past ``limit``."""
    count = 0
    try:
        with archive.open(name) as stream:
            has_value = False
            # S314: no part declares a DOCTYPE (_check_no_doctype), so no entity expands.
            for _event, element in ElementTree.iterparse(stream, events=("end",)):  # noqa: S314
                tag = element.tag
                if tag in (f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}f"):
                    has_value = True
                elif tag == f"{_MAIN}row":
                    if has_value:
                        count += 1
                        if count > limit:
                            raise ExcelFileError(
                                MESSAGES["too_many_rows"] % {"limit": thousands(max_rows())},
                                code="too_many_rows",
                            )
                    has_value = False
                    element.clear()
    except KeyError:
        raise ExcelFileError(MESSAGES["broken"], code="broken") from None
    except (ElementTree.ParseError, zipfile.BadZipFile, ValueError, EOFError):
        raise ExcelFileError(MESSAGES["broken"], code="broken") from None
    return count


# --- Reading the rows ------------------------------------------------------------------


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_formula(cell) -> bool:
    return getattr(cell, "data_type", None) == "f" or type(cell.value).__name__ in (
        "ArrayFormula",
        "DataTableFormula",
    )


def read_rows(data: bytes, columns: list[Column], *, inspected: bool = False) -> ReadResult:
    """Parse the first sheet of ``data`` against ``columns``.

    ``data`` is checked first (:func:`inspect_workbook`) unless ``inspected``.
    A file-level problem (the file, its header row, unknown or missing columns) raises
    :class:`ExcelFileError` with every message; cell problems are in the result's
    ``errors``, at their row and column, and the row is then left out of ``valid_rows``.
    """
    import openpyxl

    if not inspected:
        inspect_workbook(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken part
        raise ExcelFileError(MESSAGES["broken"], code="broken") from None
    try:
        if not workbook.worksheets:
            raise ExcelFileError(MESSAGES["no_sheet"], code="no_sheet")
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a wrong <dimension> must not hide rows
        return _read_sheet(sheet.iter_rows(), columns)
    except (ExcelFileError, CellError):
        raise
    except Exception:
        raise ExcelFileError(MESSAGES["broken"], code="broken") from None
    finally:
        workbook.close()


def _read_sheet(rows, columns: list[Column]) -> ReadResult:
    result = ReadResult()
    by_header = {}
    for column in columns:
        for header in column.headers():
            by_header[header_key(header)] = column
    mapping: dict[int, Column] | None = None
    pending = []
    for cells in rows:
        cells = [c for c in cells if getattr(c, "column", None) is not None]
        if mapping is None:
            pending.append(cells)
            row_number = cells[0].row if cells else len(pending)
            found = _match_header(cells, by_header)
            if found:
                result.header_row = row_number
                mapping = _header_mapping(cells, by_header, columns)
                pending = []
            elif len(pending) >= HEADER_SEARCH_ROWS:
                raise ExcelFileError(
                    MESSAGES["no_header"] % {"rows": HEADER_SEARCH_ROWS}, code="no_header"
                )
            continue
        if not _is_example(cells, mapping):
            _read_row(cells, mapping, result)
    if mapping is None:
        raise ExcelFileError(MESSAGES["no_header"] % {"rows": HEADER_SEARCH_ROWS}, code="no_header")
    if not result.rows and not result.errors:
        raise ExcelFileError(MESSAGES["no_rows"], code="no_rows")
    if len(result.rows) > max_rows():
        raise ExcelFileError(
            MESSAGES["too_many_rows"] % {"limit": thousands(max_rows())}, code="too_many_rows"
        )
    if len(result.errors) > MAX_ERRORS:
        result.errors = result.errors[:MAX_ERRORS]
    return result


def _is_example(cells, mapping) -> bool:
    """The template's example row, left as it was: skipped, never imported."""
    filled = [c for c in cells if not _is_blank(c.value)]
    if not filled:
        return False
    for cell in filled:
        column = mapping.get(cell.column)
        if column is None or _is_blank(column.example):
            return False
        value, example = cell.value, column.example
        if isinstance(example, Promise):
            example = str(example)
        if isinstance(value, datetime.datetime) and not isinstance(example, datetime.datetime):
            value = value.date()
        if value != example:
            return False
    return True


def _match_header(cells, by_header) -> bool:
    """A row is the header row when at least two of its cells name a column."""
    names = [header_key(c.value) for c in cells if isinstance(c.value, str)]
    return sum(1 for name in names if name in by_header) >= 2


def _header_mapping(cells, by_header, columns) -> dict[int, Column]:
    mapping: dict[int, Column] = {}
    seen: dict[str, int] = {}
    problems = []
    known = ", ".join(f"“{c.header}”" for c in columns)
    for cell in cells:
        if _is_blank(cell.value):
            continue
        raw = _as_text(cell.value)
        column = by_header.get(header_key(raw))
        if column is None:
            problems.append(
                MESSAGES["unknown_column"]
                % {"header": raw, "letter": _letter(cell.column), "known": known}
            )
            continue
        if column.key in seen:
            problems.append(
                MESSAGES["twice"]
                % {
                    "header": column.header,
                    "first": _letter(seen[column.key]),
                    "second": _letter(cell.column),
                }
            )
            continue
        seen[column.key] = cell.column
        mapping[cell.column] = column
    for column in columns:
        if column.required and column.key not in seen:
            problems.append(MESSAGES["missing_column"] % {"header": column.header})
    if problems:
        raise ExcelFileError(problems, code="columns")
    return mapping


def _read_row(cells, mapping, result: ReadResult) -> None:
    values, number, errors = {}, None, []
    for cell in cells:
        number = cell.row
        if _is_blank(cell.value):
            continue
        column = mapping.get(cell.column)
        if column is None:
            errors.append((None, MESSAGES["headerless"] % {"letter": _letter(cell.column)}))
            continue
        if _is_formula(cell):
            formula = str(cell.value if isinstance(cell.value, str) else "=…")[:40]
            errors.append(
                (
                    column,
                    MESSAGES["formula"]
                    % {"cell": f"{_letter(cell.column)}{cell.row}", "formula": formula},
                )
            )
            continue
        try:
            values[column.key] = column.parsed(cell.value)
        except CellError as error:
            errors.append((column, str(error)))
        except ValidationError as error:
            errors.append((column, " ".join(error.messages)))
    if number is None or (not values and not errors):
        return  # an empty row: skipped, not an error
    for column in mapping.values():
        if (
            column.required
            and column.key not in values
            and not any(c is column for c, _m in errors)
        ):
            errors.append((column, MESSAGES["required"]))
    for column, message in errors:
        result.error(number, column.header if column else "", message)
    result.rows.append(Row(number, values))


# --- The template ----------------------------------------------------------------------


def template_workbook(
    columns: list[Column], *, title: str, instructions: Iterable[str] = ()
) -> bytes:
    """A blank .xlsx for ``columns``: a title row, the header row, one example row (in
    grey italics, to be overwritten), drop-down lists for the columns with ``choices``
    (kept on a hidden sheet, so long lists fit), and a sheet of instructions."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Danh sách")
    _put(sheet, 1, 1, title).font = Font(bold=True, size=13)
    header_row, example_row = 2, 3
    lists = workbook.create_sheet(_("Danh mục"))
    lists.sheet_state = "hidden"
    for index, column in enumerate(columns, start=1):
        letter = _letter(index)
        header = str(column.header) + (" *" if column.required else "")
        cell = _put(sheet, header_row, index, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        example = _put(sheet, example_row, index, column.example)
        example.font = Font(italic=True, color="808080")
        if isinstance(column.example, datetime.date):
            example.number_format = "DD/MM/YYYY"
        sheet.column_dimensions[letter].width = column.width
        if column.choices:
            for row, option in enumerate(column.choices, start=1):
                _put(lists, row, index, option)
            source = f"'{lists.title}'!${letter}$1:${letter}${len(column.choices)}"
            validation = DataValidation(type="list", formula1=source, allow_blank=True)
            validation.error = _("Chọn một giá trị trong danh sách.")
            validation.errorTitle = str(column.header)[:32]
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validation.add(f"{letter}{example_row}:{letter}{example_row + max_rows()}")
    sheet.freeze_panes = sheet.cell(row=example_row, column=1)
    guide = workbook.create_sheet(_("Hướng dẫn"))
    guide.column_dimensions["A"].width = 110
    lines = [
        *instructions,
        _("Các cột có dấu * là bắt buộc. Dòng ví dụ (chữ nghiêng) hãy ghi đè hoặc xóa đi."),
        _("Ngày ghi theo dạng ngày/tháng/năm, ví dụ 25/12/1980."),
        _("Không dùng công thức: hãy dán giá trị (Paste Values)."),
        _("Mỗi tệp tối đa %(limit)s dòng.") % {"limit": thousands(max_rows())},
    ]
    lines += [f"{c.header}: {c.note}" for c in columns if c.note]
    lines = [str(line) for line in lines]
    for row, line in enumerate(lines, start=1):
        _put(guide, row, 1, line).alignment = Alignment(wrap_text=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _put(sheet, row: int, column: int, value):
    """Write ``value``; text (lazy text included) is always written as text, never as a
    formula."""
    if isinstance(value, Promise):
        value = str(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
