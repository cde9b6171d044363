"""Private files, served only to users who may see the object they belong to."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from common.downloads import serve_field

from ..models import DossierFile
from ..selectors import evidence_visible_to, nominations_visible_to

#: Uploads never change under their name: the browser may keep them an hour.
UPLOAD_CACHE = "private, max-age=3600"


def _serve(field, *, filename, content_type, inline, signed=True):
    return serve_field(
        field, filename, content_type, inline=inline, cache=UPLOAD_CACHE, signed=signed
    )


@login_required
def evidence_file(request, pk):
    evidence = get_object_or_404(evidence_visible_to(request.user), pk=pk)
    return _serve(
        evidence.file,
        filename=evidence.download_name,
        content_type=evidence.content_type or "application/octet-stream",
        inline=True,
    )


@login_required
def evidence_thumbnail(request, pk):
    evidence = get_object_or_404(evidence_visible_to(request.user), pk=pk)
    # Shown in pages as <img>: always streamed (see common.downloads).
    return _serve(
        evidence.thumbnail,
        filename="thumb.jpg",
        content_type="image/jpeg",
        inline=True,
        signed=False,
    )


@login_required
def dossier_file(request, pk):
    dossier = get_object_or_404(
        DossierFile.objects.filter(nomination__in=nominations_visible_to(request.user)), pk=pk
    )
    return _serve(
        dossier.file,
        filename=dossier.download_name,
        content_type=dossier.content_type or "application/octet-stream",
        inline=True,
    )
