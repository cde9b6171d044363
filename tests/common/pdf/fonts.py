"""Which shipped font face each font embedded in a PDF is.

The name WeasyPrint gives an embedded font comes from the CSS family and the
style, not from the file, so it cannot tell the shipped Liberation Serif from
an installed one.  Here an embedded (subset) font counts as a shipped face
when it carries that face's identity (PostScript name, revision and creation
date of its ``name`` and ``head`` tables) and every character it maps draws
the same outline with the same advance width as in the shipped file.
"""

import functools
import io
from pathlib import Path

from django.conf import settings
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from common.pdf.stylesheet import FONT_FILES

FONTS = Path(settings.BASE_DIR) / "static"


def identity(font: TTFont) -> tuple:
    head = font["head"]
    return (font["name"].getDebugName(6), head.fontRevision, head.created)


def glyph(font: TTFont, char: int) -> tuple | None:
    """(advance width, outline with components drawn in) of ``char`` in ``font``."""
    name = font.getBestCmap().get(char)
    if name is None:
        return None
    glyph_set = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[name].draw(pen)
    return (font["hmtx"][name][0], tuple(pen.value))


@functools.cache
def shipped() -> dict[str, TTFont]:
    """Face ("regular", "bold", …) -> the shipped file."""
    return {face: TTFont(FONTS / relative) for face, relative in FONT_FILES.items()}


def shipped_face(data: bytes) -> str | None:
    """The shipped face the embedded font file ``data`` is a subset of, or None."""
    font = TTFont(io.BytesIO(data))
    chars = font.getBestCmap()
    for face, reference in shipped().items():
        if identity(font) == identity(reference) and all(
            glyph(font, char) == glyph(reference, char) for char in chars
        ):
            return face
    return None


def embedded_faces(reader) -> list[str | None]:
    """The shipped face of every font embedded in the pages of ``reader`` (a
    pypdf reader), in the order found; None for a font that is not shipped."""
    faces, seen = [], set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            file = descriptor.get("/FontFile2")
            faces.append(shipped_face(file.get_object().get_data()) if file else None)
    return faces
