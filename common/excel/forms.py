"""The upload field of an Excel import: its value is the checked file, never a path."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from common.uploads import clean_original_name

from .imports import inspect_workbook, read_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class UploadedWorkbook:
    """An upload that passed :func:`common.excel.imports.inspect_workbook`."""

    data: bytes
    original_name: str
    rows: int  # data rows: the rows with a value on its first sheet, header row left out


class WorkbookField(forms.FileField):
    """An .xlsx upload, refused with a Vietnamese message when it is not a safe workbook
    of at most ``IMPORT_MAX_ROWS`` rows; ``cleaned_data`` holds an
    :class:`UploadedWorkbook`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Tệp Excel (.xlsx)"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = f".xlsx,{XLSX}"
        return attrs

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if not value:
            return value
        content = read_upload(value)
        rows = inspect_workbook(content)
        return UploadedWorkbook(
            data=content,
            original_name=clean_original_name(getattr(value, "name", "")),
            rows=max(rows - 1, 0),
        )
