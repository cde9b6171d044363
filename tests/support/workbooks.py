"""Workbooks for the import tests, built in memory: with openpyxl as a user's Excel
would save them, or with a first sheet's XML written by hand (cheap for 100,000 rows)."""

import io
import zipfile

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(*rows, title=None) -> bytes:
    """A workbook whose first sheet holds ``rows`` (lists of cell values), after a title
    row when ``title`` is given."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_first_sheet(xml: bytes, **extra_members) -> bytes:
    """A real workbook whose first sheet's XML is ``xml`` (and more members, by name)."""
    source = zipfile.ZipFile(io.BytesIO(workbook(["x"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
        for name, data in extra_members.items():
            target.writestr(name, data)
    return out.getvalue()


def sheet_xml(rows) -> bytes:
    """The XML of a sheet of inline-string rows (``rows``: lists of texts)."""
    parts = [
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>"
    ]
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
            for i, value in enumerate(row)
        )
        parts.append(f'<row r="{number}">{cells}</row>'.encode())
    parts.append(b"</sheetData></worksheet>")
    return b"".join(parts)


def upload(data: bytes, name="danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)
