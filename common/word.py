"""Official documents as Word files (python-docx), for the reports an office finishes by hand.

:func:`official_docx` writes one document in the layout of Decree 30/2020/NĐ-CP from a
plain dict, the same kind of dict the PDF builders pass to their templates:

- ``letterhead``: a :func:`common.pdf.letterhead.letterhead` dict (the issuer's two
  lines, the number, the "V/v" summary, the place and date line);
- ``kind`` and ``title``: "BÁO CÁO" and the line under it, centred and bold;
- ``blocks``: the body, in order; each block is one of ``{"heading": text}``,
  ``{"paragraph": text}``, ``{"bullets": [text, …]}`` or ``{"table": {"headers": […],
  "rows": [[…], …], "widths": [cm, …], "total": […]}}`` (``widths`` and ``total``, a
  bold last row, are optional);
- ``signature``: ``{"lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", …], "name": …}``;
- ``recipients``: the "Nơi nhận:" lines;
- ``signatures`` (PDF only, ``common.pdf.report``): signer blocks side by side, each
  ``{"lines": […], "name": …}``, for documents two people sign (minutes).

The page is A4 with the decree's margins (top and bottom 2 cm, left 3 cm, right
1.5 cm), the text Times New Roman 14 pt (tables 12 pt), every string in Unicode NFC.
This module knows no app's models; it returns the file's bytes.
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from common.text import nfc

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
TABLE_SIZE = Pt(12)
SMALL_SIZE = Pt(11)
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def official_docx(document: dict) -> bytes:
    """The Word file of ``document`` (see the module's docstring for its keys)."""
    word = Document()
    _page(word)
    _styles(word)
    if document.get("letterhead"):
        _letterhead(word, document["letterhead"])
    if document.get("kind"):
        _centred(word, document["kind"], bold=True, space_before=Pt(12))
    if document.get("title"):
        _centred(word, document["title"], bold=True, space_after=Pt(12))
    for block in document.get("blocks", ()):
        _block(word, block)
    if document.get("signature") or document.get("recipients"):
        _closing(word, document.get("signature") or {}, document.get("recipients") or ())
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# --- Page and styles -------------------------------------------------------------------


def _page(word) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def _styles(word) -> None:
    for name in ("Normal", "Table Grid"):
        style = word.styles[name]
        style.font.name = FONT
        # Word picks the font by script: name it for every script, not only Latin.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    normal = word.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15


def _run(paragraph, text: str, *, bold=False, italic=False, size=None):
    run = paragraph.add_run(nfc(str(text)))
    run.bold, run.italic = bold, italic
    if size is not None:
        run.font.size = size
    return run


def _centred(container, text, *, bold=False, italic=False, size=None, **spacing):
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = spacing.get("space_after", Pt(0))
    paragraph.paragraph_format.space_before = spacing.get("space_before", Pt(0))
    _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


# --- Letterhead ---------------------------------------------------------------------------


def _letterhead(word, head: dict) -> None:
    """Two columns without borders: the issuer and the number on the left, the national
    title, the motto and the place and date line on the right."""
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    issuer = head.get("issuer") or {}
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    first = left.paragraphs[0]
    if issuer.get("parent"):
        _run(first, issuer["parent"], bold=bool(issuer.get("parent_bold")), size=Pt(13))
        name = _centred(left, issuer.get("name", ""), bold=True, size=Pt(13))
    else:
        _run(first, issuer.get("name", ""), bold=True, size=Pt(13))
        name = first
    name.paragraph_format.space_after = Pt(6)
    if head.get("number"):
        _centred(left, head["number"], size=Pt(13))
    if head.get("summary"):
        _centred(left, head["summary"], size=Pt(12))
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], NATIONAL_TITLE, bold=True, size=Pt(13))
    motto = _centred(right, MOTTO, bold=True, size=Pt(14))
    motto.runs[0].underline = True
    motto.paragraph_format.space_after = Pt(6)
    if head.get("place_date"):
        _centred(right, head["place_date"], italic=True, size=Pt(14))


# --- Body ---------------------------------------------------------------------------------


def _block(word, block: dict) -> None:
    if "heading" in block:
        paragraph = word.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, block["heading"], bold=True)
    elif "paragraph" in block:
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        _run(paragraph, block["paragraph"])
    elif "bullets" in block:
        for item in block["bullets"]:
            paragraph = word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1)
            _run(paragraph, f"- {item}")
    elif "table" in block:
        _table(word, block["table"])
    else:
        raise ValueError(f"Unknown block: {sorted(block)}")


def _table(word, spec: dict) -> None:
    headers = list(spec["headers"])
    rows = [list(row) for row in spec.get("rows", ())]
    total = spec.get("total")
    table = word.add_table(rows=1, cols=len(headers))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], text, bold=True, size=TABLE_SIZE)
    _repeat_as_header(table.rows[0])
    for values in [*rows, *([total] if total else [])]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            if isinstance(value, int | float):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, cell_text(value), bold=values is total, size=TABLE_SIZE)
    for index, width in enumerate(spec.get("widths") or ()):
        for row in table.rows:
            row.cells[index].width = Cm(width)
    word.add_paragraph()


def _repeat_as_header(row) -> None:
    """The header row repeats at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(header)


def cell_text(value) -> str:
    """A table cell as printed: numbers in the Vietnamese format, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:,.1f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        return str(value)
    # Vietnamese writes 1.234,5: swap the separators.
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


# --- Closing: recipients and signature -----------------------------------------------------


def _closing(word, signature: dict, recipients) -> None:
    table = word.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    if recipients:
        _run(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=Pt(12))
        for line in recipients:
            paragraph = left.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            _run(paragraph, line, size=SMALL_SIZE)
    lines = [line for line in signature.get("lines", ()) if line]
    if signature.get("name"):
        lines += ["", "", "", signature["name"]]  # room for the signature and the seal
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(lines):
        if index == 0:
            _run(right.paragraphs[0], line, bold=True)
        else:
            _centred(right, line, bold=True)
