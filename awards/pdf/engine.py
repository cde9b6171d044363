"""WeasyPrint with the shipped fonts, a restricted URL fetcher, and pypdf splitting.

One :class:`FontConfiguration` per process, passed to every ``CSS()`` and
``write_pdf()``: without it each render leaks font data.  The stylesheet is
parsed once per process too (its ``@font-face`` rules load four font files).

The URL fetcher reads only files under the given roots (static and media
folders), ``data:`` URIs, and ``qr:`` URIs: ``<img src="qr:https://…">`` is
drawn as the QR code of the URL after the colon, generated in whichever
process lays the page out.  Anything else (http, other files) is refused.
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
                raise ValueError(f"File outside the static and media folders: {path}")
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


def render_pdf(html: str, css: str, roots: tuple[str, ...]) -> bytes:
    """One HTML document (any number of pages) as PDF bytes."""
    document = HTML(string=html, url_fetcher=RestrictedURLFetcher(roots))
    return document.write_pdf(stylesheets=[stylesheet(css, roots)], font_config=font_config())


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


def run_job(job: dict) -> list[bytes]:
    """Do one rendering job; what the rendering processes (and, for small runs,
    the task's own process) do.

    ``{"kind": "document", "html", "css", "roots"}`` -> ``[pdf]``: a whole document.
    ``{"kind": "pages", …, "expected": n}`` -> ``[pdf, page 1, …, page n]``: the
    document and each page as a PDF of its own.  A page overflowing onto a second
    one would shift every file after it to the wrong recipient, so the page
    count is checked.
    """
    pdf = render_pdf(job["html"], job["css"], tuple(job["roots"]))
    if job["kind"] == "document":
        return [pdf]
    pages = split_pages(pdf)
    if len(pages) != job["expected"]:
        raise RenderError(f"{len(pages)} pages rendered for {job['expected']} certificates")
    return [pdf, *pages]
