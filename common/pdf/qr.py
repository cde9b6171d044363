"""QR codes drawn in PDFs (``qr:`` URIs of the engine), e.g. for public verification pages."""

import io

import segno


def qr_png(data: str) -> bytes:
    """``data`` as a QR code: a PNG with one pixel per module and no quiet zone.

    The page scales it up with ``image-rendering: pixelated`` and keeps the
    quiet zone as white margin around it.  A 37 × 37 PNG of a few hundred
    bytes draws much faster in WeasyPrint than the same code as an SVG path.
    """
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=1, border=0)
    return buffer.getvalue()
