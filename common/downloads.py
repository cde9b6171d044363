"""Sending private files: only after a view has checked who may see them."""

from django.http import FileResponse, Http404


def file_response(handle, filename, content_type, *, inline=False, cache="private, no-cache"):
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    return response


def serve_field(field, filename, content_type, *, inline=False, cache="private, no-cache"):
    """A stored file as a response; a missing file is a 404, not a 500."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return file_response(handle, filename, content_type, inline=inline, cache=cache)
