"""The documents of a council session: the minutes of a closed session (progress,
download, retry) and the blank paper ballot (phiếu bầu) to print.

Rows come from ``selectors.sessions_visible_to``; a user who may not read the
document of a session they see is a 404 too.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.downloads import serve_field
from common.views import resume_job

from .. import rules
from ..selectors import minutes_of, sessions_visible_to
from ..services.ballots import ballot_file_name, ballot_pdf
from ..services.errors import CouncilError
from ..services.minutes import can_retry, file_stem, retry_minutes


def _minutes(request, pk):
    session = get_object_or_404(sessions_visible_to(request.user), pk=pk)
    if not rules.can_view_minutes(request.user, session):
        raise Http404
    minutes = minutes_of(session)
    if minutes is None:
        raise Http404
    return session, minutes


def minutes_context(request, session, minutes) -> dict:
    """What the minutes partial needs, on the session's page and on each poll."""
    return {
        "session": session,
        "minutes": minutes,
        **minutes.progress_context(),
        "can_retry": rules.can_retry_minutes(request.user, session) and can_retry(minutes),
    }


@login_required
def minutes_progress(request, pk):
    """The minutes partial, polled by htmx while the PDF is being made."""
    session, minutes = _minutes(request, pk)
    return render(request, "council/_minutes.html", minutes_context(request, session, minutes))


@login_required
def minutes_download(request, pk):
    _session, minutes = _minutes(request, pk)
    return serve_field(minutes.file, f"{file_stem(minutes)}.pdf", "application/pdf", inline=True)


@login_required
@require_POST
def minutes_retry(request, pk):
    """The secretary: render failed (or silent) minutes again."""
    session, minutes = _minutes(request, pk)
    resume_job(
        request,
        retry_minutes,
        minutes,
        refused=CouncilError,
        done=_("Đã bắt đầu tạo lại biên bản."),
        refusal_level=messages.WARNING,
    )
    return redirect("council:session_detail", session.pk)


@login_required
def paper_ballot(request, pk):
    """The session's blank paper ballot (PDF): the agenda with three boxes per item and
    no member's name."""
    session = get_object_or_404(sessions_visible_to(request.user), pk=pk)
    if not rules.can_print_ballot(request.user, session):
        raise Http404
    response = HttpResponse(ballot_pdf(session), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{ballot_file_name(session)}"'
    return response
