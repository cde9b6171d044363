"""WeasyPrint with the shipped fonts, a restricted URL fetcher, and pypdf splitting:
the one place of the project that calls WeasyPrint.

One :class:`FontConfiguration` per process, passed to every ``CSS()`` and
``write_pdf()``: without it each render leaks font data.  The stylesheet is
parsed once per process too (its ``@font-face`` rules load four font files).

The URL fetcher reads only files under the given roots (the static folders),
``data:`` URIs, and ``qr:`` URIs: ``<img src="qr:https://…">`` is drawn as the
QR code of the URL after the colon, generated in whichever process lays the
page out.  Anything else (http, other files, the media folder) is refused: a
stored file may be on another host's store, so a document showing one is
given it as a ``data:`` URI (``stylesheet.allowed_roots``).

A document comes back whole, cut into one PDF per page (``split_pages``), or
cut into parts that start where given anchors first appear (``render_parts``),
and the page counts are checked: a page too many or too few raises
:class:`RenderError` rather than filing a page under the wrong recipient.
Needs no Django and no database (the rendering processes import it alone).
"""

import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .qr import qr_png

QR_SCHEME = "qr:"

_font_config: FontConfiguration | None = None
_stylesheets: dict[tuple[str, tuple[str, ...]], CSS] = {}


class RenderError(RuntimeError):
    """The PDF came out different from what was asked (e.g. a page too many)."""


def font_config() -> FontConfiguration:
    """The process's one font configuration."""
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


class RestrictedURLFetcher(URLFetcher):
    """Fetches files under ``roots``, ``data:`` and ``qr:`` URIs; refuses the rest."""

    def __init__(self, roots):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = tuple(Path(root).resolve() for root in roots)

    def fetch(self, url, headers=None):
        scheme = url.partition(":")[0].lower()
        if scheme == "qr":
            body = qr_png(unquote(url[len(QR_SCHEME) :]))
            return URLFetcherResponse(url, body, {"Content-Type": "image/png"})
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"File outside the static folders: {path}")
        elif scheme != "data":
            raise ValueError(f"URL not allowed in a PDF: {url[:80]}")
        return super().fetch(url, headers)


def stylesheet(css: str, roots: tuple[str, ...]) -> CSS:
    """The parsed stylesheet, once per process (fonts are loaded on parsing)."""
    key = (css, roots)
    if key not in _stylesheets:
        if len(_stylesheets) >= 8:  # settings changed (tests): start afresh
            _stylesheets.clear()
        _stylesheets[key] = CSS(
            string=css, font_config=font_config(), url_fetcher=RestrictedURLFetcher(roots)
        )
    return _stylesheets[key]


def _layout(html: str, css: str, roots: tuple[str, ...]):
    """The laid-out WeasyPrint document of ``html`` with the stylesheet ``css``."""
    document = HTML(string=html, url_fetcher=RestrictedURLFetcher(roots))
    return document.render(stylesheets=[stylesheet(css, roots)], font_config=font_config())


def render_pdf(html: str, css: str, roots: tuple[str, ...]) -> bytes:
    """One HTML document (any number of pages) as PDF bytes."""
    return _layout(html, css, roots).write_pdf()


def render_pdf_unshared(html: str, roots: tuple[str, ...]) -> bytes:
    """``html``, carrying its own ``<style>``, rendered as WeasyPrint does by
    default: a font configuration and a stylesheet for this document alone.
    Slower, and it leaks font data on every call: only the benchmark's
    baseline (``bench/certificates.py``) uses it."""
    return HTML(string=html, url_fetcher=RestrictedURLFetcher(roots)).write_pdf()


_XOBJECT_USE = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+Do\b")


def _own_resources(page) -> None:
    """Give ``page`` a resource dictionary with only the images it draws.

    WeasyPrint shares one resource dictionary between all pages: copied as
    it is, every single-page PDF would carry every page's QR code.
    """
    resources = page["/Resources"].get_object()
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return
    used = {
        "/" + name.decode("latin-1")
        for name in _XOBJECT_USE.findall(page.get_contents().get_data())
    }
    own = DictionaryObject({key: value for key, value in resources.items() if key != "/XObject"})
    own[NameObject("/XObject")] = DictionaryObject(
        {key: value for key, value in xobjects.get_object().items() if key in used}
    )
    page[NameObject("/Resources")] = own


def pages_pdf(pages) -> bytes:
    """A PDF of the given pypdf pages, in that order."""
    writer = PdfWriter()
    for page in pages:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def split_pages(pdf: bytes) -> list[bytes]:
    """One PDF per page of ``pdf``."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        _own_resources(page)
        pages.append(pages_pdf([page]))
    return pages


def render_parts(html: str, css: str, roots: tuple[str, ...], anchors) -> list[bytes]:
    """``[document, part 1, …]``: ``html`` as one PDF, and cut into one PDF per
    anchor, each part running from the page where its anchor (an element's
    ``id``) first appears to the page before the next part's.

    Every part must start on a page of its own, in the order of ``anchors``
    (the first on the first page); otherwise, or when an anchor is missing,
    or when the PDF has not the pages laid out, :class:`RenderError`.
    """
    document = _layout(html, css, roots)
    starts: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            starts.setdefault(anchor, index)
    try:
        firsts = [starts[anchor] for anchor in anchors]
    except KeyError as missing:
        raise RenderError(f"Anchor {missing} is missing from the document") from None
    if not firsts or firsts[0] != 0 or firsts != sorted(set(firsts)):
        raise RenderError(f"Parts do not start on pages of their own: {firsts}")
    pdf = document.write_pdf()
    reader = PdfReader(io.BytesIO(pdf))
    page_count = len(document.pages)
    if len(reader.pages) != page_count:
        raise RenderError(f"{len(reader.pages)} PDF pages for {page_count} laid out")
    parts = []
    for first, end in zip(firsts, [*firsts[1:], page_count], strict=True):
        pages = [reader.pages[index] for index in range(first, end)]
        for page in pages:
            _own_resources(page)
        parts.append(pages_pdf(pages))
    return [pdf, *parts]


def run_job(job: dict) -> list[bytes]:
    """Do one rendering job; what the rendering processes (and, for small runs,
    the task's own process) do.

    ``{"kind": "document", "html", "css", "roots"}`` -> ``[pdf]``: a whole document.
    ``{"kind": "pages", …, "expected": n}`` -> ``[pdf, page 1, …, page n]``: the
    document and each page as a PDF of its own.  A page overflowing onto a second
    one would shift every file after it to the wrong recipient, so the page
    count is checked.
    ``{"kind": "parts", …, "anchors": [...]}`` -> ``[pdf, part 1, …]``: see
    :func:`render_parts`.
    """
    roots = tuple(job["roots"])
    if job["kind"] == "parts":
        return render_parts(job["html"], job["css"], roots, job["anchors"])
    pdf = render_pdf(job["html"], job["css"], roots)
    if job["kind"] == "document":
        return [pdf]
    pages = split_pages(pdf)
    if len(pages) != job["expected"]:
        raise RenderError(f"{len(pages)} pages rendered for {job['expected']} certificates")
    return [pdf, *pages]
