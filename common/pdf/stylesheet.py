"""The stylesheet of official documents, and the folders the PDF renderer may read.

:func:`official_css` is the base stylesheet (``common/pdf/base.css``: the
shipped fonts, the A4 page of Decree 30/2020/NĐ-CP, the letterhead and the
closing block of the partials in ``common/pdf/``) followed by each
document's own stylesheet, all rendered as templates with the same context
(``fonts``, the font file URIs, and ``family``), so a document's page rules
can name the font family too.  The engine parses the result once per process.

The fonts are the Liberation Serif files shipped in ``static/fonts``, declared
under :data:`FONT_FAMILY`, a family name no installed font has.  Fontconfig
compares family names ignoring case and spaces: under the name
"LiberationSerif" an installed Liberation Serif (Debian's fonts-liberation2)
matched as well as the shipped files and was the one embedded.  Under a
family of its own only the shipped files match, with or without fonts on
the system.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string

FONT_FILES = {
    "regular": "fonts/LiberationSerif-Regular.ttf",
    "bold": "fonts/LiberationSerif-Bold.ttf",
    "italic": "fonts/LiberationSerif-Italic.ttf",
    "bold_italic": "fonts/LiberationSerif-BoldItalic.ttf",
}
#: The CSS family of the shipped fonts; see the module's docstring.
FONT_FAMILY = "Portal Liberation Serif"
BASE_CSS = "common/pdf/base.css"


def font_path(relative: str) -> Path:
    """The shipped font file ``relative`` (a key's value of :data:`FONT_FILES`)."""
    found = finders.find(relative)
    path = Path(found) if found else Path(settings.STATIC_ROOT) / relative
    if not path.is_file():
        raise ImproperlyConfigured(f"Font file missing: {relative}")
    return path.resolve()


def font_uris() -> dict[str, str]:
    """``{"regular": "file:///…/LiberationSerif-Regular.ttf", …}``."""
    return {face: font_path(relative).as_uri() for face, relative in FONT_FILES.items()}


def allowed_roots() -> tuple[str, ...]:
    """Folders the PDF renderer may read files from: the static ones (fonts, images).

    Never the media folder: a stored file may be in object storage, not on this
    host's disk; a document showing one is given it as a ``data:`` URI."""
    roots = [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    return tuple(str(Path(root).resolve()) for root in roots if root)


def official_css(*templates: str) -> str:
    """The base stylesheet followed by ``templates`` (a document's own rules)."""
    context = {"fonts": font_uris(), "family": FONT_FAMILY}
    return "".join(render_to_string(name, context) for name in (BASE_CSS, *templates))
