"""Reports as PDF: the document dict of :mod:`common.word` (letterhead, kind and
title, body blocks, recipients and signature) laid out in the official format.

One content builder feeds both files, so the PDF an office files and the Word
file it finishes by hand say the same thing.  Numbers in tables are written as
Vietnamese does (1.234,5), as in the Word file.
"""

from django.template.loader import render_to_string

from common.word import MOTTO, NATIONAL_TITLE, cell_text

from . import engine
from .stylesheet import allowed_roots, official_css


def report_html(document: dict) -> str:
    blocks = []
    for block in document.get("blocks", ()):
        if "table" in block:
            spec = block["table"]
            block = {
                "table": {
                    "headers": list(spec["headers"]),
                    "rows": [_cells(row) for row in spec.get("rows", ())],
                    "total": _cells(spec["total"]) if spec.get("total") else None,
                }
            }
        blocks.append(block)
    signature = document.get("signature") or {}
    return render_to_string(
        "common/pdf/report.html",
        {
            "d": document,
            "blocks": blocks,
            "national_title": NATIONAL_TITLE,
            "motto": MOTTO,
            "signer_lines": [line for line in signature.get("lines", ()) if line],
            "signer_name": signature.get("name", ""),
        },
    )


def _cells(row) -> list[dict]:
    return [{"text": cell_text(value), "number": isinstance(value, int | float)} for value in row]


def report_pdf(document: dict) -> bytes:
    return engine.render_pdf(
        report_html(document), official_css("common/pdf/report.css"), allowed_roots()
    )
