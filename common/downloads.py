"""Sending private files: only after a view has checked who may see them.

:func:`serve_field` streams the stored file through Django, from whichever
storage holds it (from object storage as it arrives, see ``common.storage``).
With object storage and ``PRIVATE_FILE_DELIVERY = "signed"`` it answers instead
with a redirect to a link the store serves itself, signed for
``S3_SIGNED_URL_EXPIRE`` seconds (``common.storage.signed_link``): the check has
been made by then, and the link is never cached.  ``signed=False`` keeps a file
streamed whatever the setting (thumbnails shown in pages, whose images the
Content-Security-Policy allows only from the portal itself).
"""

from django.http import FileResponse, Http404, HttpResponseRedirect

from common.storage import signed_link


def file_response(handle, filename, content_type, *, inline=False, cache="private, no-cache"):
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    return response


def serve_field(
    field, filename, content_type, *, inline=False, cache="private, no-cache", signed=True
):
    """A stored file as a response; a missing file is a 404, not a 500."""
    if not field:
        raise Http404
    link = signed and signed_link(
        field, filename=filename, content_type=content_type, inline=inline
    )
    if link:
        if not field.storage.exists(field.name):
            raise Http404
        response = HttpResponseRedirect(link)
        response["Cache-Control"] = "private, no-store"
        return response
    open_stream = getattr(field.storage, "open_stream", None)
    try:
        if open_stream is None:
            return file_response(
                field.open("rb"), filename, content_type, inline=inline, cache=cache
            )
        stream, length = open_stream(field.name)
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = file_response(stream, filename, content_type, inline=inline, cache=cache)
    response["Content-Length"] = str(length)
    return response
