"""The engine's cutting of a document into parts at anchors, and its checks."""

import io

import pytest
from pypdf import PdfReader

from common.pdf.engine import RenderError, render_parts

pytestmark = pytest.mark.unit

CSS = "@page { size: A5; margin: 10mm; } .part + .part { break-before: page; }"


def document(*parts: str) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"


def part(anchor: str, text: str, paragraphs: int = 1) -> str:
    body = "".join(f"<p>{text} {index}</p>" for index in range(paragraphs))
    return f'<div class="part" id="{anchor}">{body}</div>'


def texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_each_part_runs_from_its_anchor_to_the_next_one_and_a_long_part_stays_whole():
    html = document(part("a", "Thư một"), part("b", "Thư hai", paragraphs=60), part("c", "Ba"))

    whole, *parts = render_parts(html, CSS, (), ["a", "b", "c"])

    pages = [len(texts(p)) for p in parts]
    assert pages[0] == 1 and pages[1] >= 2 and pages[2] == 1
    assert len(texts(whole)) == sum(pages)
    assert "Thư hai 59" in texts(parts[1])[-1]
    assert texts(parts[2]) == ["Ba 0"]


def test_a_missing_anchor_is_refused():
    html = document(part("a", "Một"), part("b", "Hai"))

    with pytest.raises(RenderError, match=r"Anchor 'x' is missing from the document"):
        render_parts(html, CSS, (), ["a", "x"])


def test_parts_that_share_a_page_are_refused():
    html = "<html><body><p id='a'>Một</p><p id='b'>Hai</p></body></html>"

    with pytest.raises(RenderError, match=r"Parts do not start on pages of their own: \[0, 0\]"):
        render_parts(html, CSS, (), ["a", "b"])
