"""Writing the workbooks offices download: one or more sheets, each a table.

A sheet is a :class:`Sheet`: its tab title, optional caption lines above the table
("DANH SÁCH …", "Kèm theo Quyết định số …"), its columns (:class:`Column`: the
Vietnamese header, a width in characters, a number format) and its rows, any
iterable of sequences, read once.  The workbook is written in openpyxl's
write-only mode straight to a file, row by row, so 100,000 rows cost the memory of
one row, not of the whole table (``write_workbook``); ``excel_response`` sends that
file as a download.

What reaches a cell, and how:

* a ``bool`` is written "Có"/"Không"; ``None`` an empty cell;
* ``int``, ``float`` and ``Decimal`` are numbers (a column's ``number_format``, e.g.
  :data:`MONEY` "1.410.000", applies to them);
* a ``date`` is a date cell shown ``dd/mm/yyyy``; a ``datetime`` is converted to the
  portal's time zone and shown ``dd/mm/yyyy hh:mm`` (Excel has no time zones);
* anything else is text: normalised to NFC, stripped of the control characters a
  workbook cannot hold, cut at Excel's 32,767 characters, and **neutralised**: a
  text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets an
  apostrophe in front (:func:`neutralise`), so that no spreadsheet ever reads it as a
  formula (CSV/formula injection: a name typed as ``=HYPERLINK(…)`` stays a name).
  The cell is written as a string whatever its content, never as a formula.

This module knows no app: the callers turn their rows into plain values.
"""

import datetime
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from common.text import ascii_name

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Whole đồng with a thousands separator (Vietnamese Excel shows "1.410.000").
MONEY = "#,##0"
#: Whole numbers (counts).
INTEGER = "0"
#: One decimal place (a share in per cent, an average of days).
DECIMAL = "0.0"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"

#: Characters that make a spreadsheet read a text cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What goes in front of such a text: Excel's own "this is text" mark.
TEXT_MARK = "'"
#: Excel's longest cell text.
MAX_TEXT = 32_767
#: Excel's tab names: at most 31 characters, none of these.
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
#: Control characters an .xlsx cannot hold (tab, line feed and carriage return can).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_THIN = Side(style="thin", color="999999")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAPPED = Alignment(vertical="top", wrap_text=True)
_CAPTION_FONT = Font(bold=True, size=13)
_SUBCAPTION_FONT = Font(italic=True)


@dataclass(frozen=True)
class Column:
    """One column: its header (Vietnamese), width in characters, number format, and
    whether its texts wrap within the width (long texts: a summary, a position)."""

    header: str
    width: float = 18
    number_format: str | None = None
    wrap: bool = False


@dataclass
class Sheet:
    """One table of the workbook.  ``rows`` is read once, as the file is written."""

    title: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence] = ()
    caption: Sequence[str] = field(default_factory=tuple)

    def column_list(self) -> list[Column]:
        return [c if isinstance(c, Column) else Column(str(c)) for c in self.columns]


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet will show it and never evaluate it: "=1+1" -> "'=1+1"."""
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def clean_text(value) -> str:
    """Any value as the text of a cell: NFC, no illegal characters, within Excel's limit,
    neutralised."""
    text = unicodedata.normalize("NFC", str(value))
    text = _ILLEGAL.sub("", text)[: MAX_TEXT - len(TEXT_MARK)]
    return neutralise(text)


def sheet_title(title: str, used: set[str]) -> str:
    """A tab name Excel accepts, unique in the workbook."""
    base = _BAD_TITLE.sub(" ", str(title)).strip().strip("'")[:31] or "Trang"
    name, number = base, 2
    while name.lower() in used:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name.lower())
    return name


def _cell(sheet, value, column: Column):
    """What to append for ``value`` (see the module's docstring for the rules): a plain
    value where openpyxl's own typing is right (it is for a neutralised text, which
    can no longer start with "="), a styled cell for dates and formatted numbers."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float, Decimal)):
        if not column.number_format:
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = column.number_format
        return cell
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    text = clean_text(value)
    if column.wrap:
        cell = _text_cell(sheet, text)
        cell.alignment = _WRAPPED
        return cell
    # "#N/A" and the like would be read as error values: those few go as typed cells.
    return _text_cell(sheet, text) if text in ERROR_CODES else text


def _text_cell(sheet, text: str):
    cell = WriteOnlyCell(sheet, value=None)
    cell._value = text  # the text as is: never the formula type openpyxl gives "=…"
    cell.data_type = "s"
    return cell


def _write_sheet(book, sheet: Sheet, used: set[str]) -> int:
    out = book.create_sheet(sheet_title(sheet.title, used))
    columns = sheet.column_list()
    for index, column in enumerate(columns, 1):
        out.column_dimensions[get_column_letter(index)].width = column.width
    header_row = len(sheet.caption) + (2 if sheet.caption else 1)
    out.freeze_panes = f"A{header_row + 1}"
    for number, line in enumerate(sheet.caption):
        cell = _text_cell(out, clean_text(line))
        cell.font = _CAPTION_FONT if number == 0 else _SUBCAPTION_FONT
        out.append([cell])
    if sheet.caption:
        out.append([])
    headers = []
    for column in columns:
        cell = _text_cell(out, clean_text(column.header))
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.border, cell.alignment = _HEADER_BORDER, _HEADER_ALIGNMENT
        headers.append(cell)
    out.append(headers)
    count = 0
    width = len(columns)
    for row in sheet.rows:
        values = list(row)[:width]
        cells = zip(values, columns, strict=False)  # a short row leaves its last cells empty
        out.append([_cell(out, value, column) for value, column in cells])
        count += 1
    return count


def write_workbook(sheets: Sequence[Sheet], target) -> list[int]:
    """Write ``sheets`` as an .xlsx to ``target`` (a path or a binary file); return how
    many data rows each sheet got."""
    book = Workbook(write_only=True)
    used: set[str] = set()
    counts = [_write_sheet(book, sheet, used) for sheet in sheets]
    if not counts:
        book.create_sheet("Trang")
    book.save(target)
    return counts


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook in memory: for small files (tests, a package's list)."""
    with tempfile.TemporaryFile() as handle:
        write_workbook(sheets, handle)
        handle.seek(0)
        return handle.read()


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII name every browser takes and the real name in
    RFC 5987 form: ``attachment; filename="Thong-ke.xlsx"; filename*=UTF-8''Th%E1%BB%91ng…``."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    fallback = ascii_name(stem, limit=120, fallback="tep") + (f".{extension}" if extension else "")
    fallback = re.sub(r"[^A-Za-z0-9._-]", "", fallback) or "tep"
    real = unicodedata.normalize("NFC", filename).replace("\r", "").replace("\n", "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(real, safe='')}"


def excel_response(sheets: Sequence[Sheet], filename: str) -> FileResponse:
    """The workbook of ``sheets`` as a download named ``filename`` (a ``.xlsx`` name).

    The file is written first to a temporary file on disk (row by row: the memory
    does not grow with the rows), then streamed from it; the file goes when the
    response is closed."""
    handle = tempfile.TemporaryFile(prefix="xuat-excel-")  # noqa: SIM115 - the response closes it
    try:
        write_workbook(sheets, handle)
        size = handle.tell()
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    response = FileResponse(handle, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["Content-Length"] = str(size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response
