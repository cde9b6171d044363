"""Certificates: a decision's list, its progress bar, downloads, reissue, and the
public verification page.

Who downloads what: staff and council members everything; a unit's members
every certificate of their unit's own decisions, and of other decisions the
certificates of recipient lines in their units (and below), so such a decision's
ZIP and print file hold only those lines for them; anyone else gets a 404.
Rendering runs are started by the issuer's people, reissues by its leaders.
"""

import io
import re
import shutil
import tempfile
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pypdf import PdfReader, PdfWriter

from common.downloads import file_response, serve_field
from common.storage import open_stored
from common.text import ascii_name, fold, nfc
from common.views import resume_job

from .. import rules
from ..enums import CertificateState, DecisionState
from ..forms.certificates import ReissueForm
from ..models import Certificate
from ..selectors import (
    certificate_list_for,
    certificates_visible_to,
    decisions_visible_to,
    latest_print_run,
    latest_run,
    line_numbers,
    publicly_honoured_lines,
    run_is_active,
    valid_certificates_with_files,
)
from ..services.certificates import CertificateError, resume_run, start_run
from ..services.reissue import ReissueError, reissue_certificate
from ..services.rendering import regenerate_certificates

PAGE_SIZE = 100


def _decision(request, pk):
    return get_object_or_404(
        decisions_visible_to(request.user).select_related("issuer", "award_type"), pk=pk
    )


def run_context(request, decision, run=None):
    """What the progress partial needs, on the list page and on each poll."""
    run = run if run is not None else latest_run(decision)
    can_start_runs = rules.can_render_certificates(request.user, decision)
    progress = run.progress_context() if run is not None else {"stuck": False, "polling": False}
    stuck = progress["stuck"]
    return {
        "decision": decision,
        "run": run,
        **progress,
        "can_start_runs": can_start_runs,
        # A stopped run is resumed, not started again beside it.
        "can_render": can_start_runs and not run_is_active(run) and not stuck,
        "can_resume": stuck and rules.can_resume_certificate_run(request.user, run),
    }


# --- Pages ---------------------------------------------------------------------------


@login_required
def certificate_list(request, pk):
    decision = _decision(request, pk)
    certificates = certificate_list_for(request.user, decision)
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    numbers = line_numbers(decision)
    rows = [(numbers.get(c.recipient_id), c) for c in page]
    return render(
        request,
        "awards/certificate_list.html",
        {
            **run_context(request, decision),
            "page": page,
            "rows": rows,
            "can_reissue": rules.can_reissue_certificates(request.user, decision),
        },
    )


@login_required
def certificate_progress(request, pk):
    """The progress partial, polled by htmx while the run is pending or running."""
    decision = _decision(request, pk)
    return render(request, "awards/_certificate_run.html", run_context(request, decision))


@login_required
@require_POST
def certificate_render(request, pk):
    """The issuer's people: render what is missing again (after a failure), or everything."""
    decision = _decision(request, pk)
    if not rules.acts_for_issuer(request.user, decision.issuer_id):
        raise Http404
    if not rules.can_render_certificates(request.user, decision):
        messages.error(request, _("Chỉ tạo bằng, giấy khen cho quyết định đã ban hành."))
    elif run_is_active(latest_run(decision)):
        messages.warning(request, _("Đang tạo bằng, giấy khen: xin chờ lượt này xong."))
    elif latest_run(decision).is_stale():
        messages.warning(
            request,
            _(
                "Lượt tạo bằng, giấy khen trước đang dừng: "
                "bấm “Tiếp tục” để tạo nốt phần còn thiếu."
            ),
        )
    else:
        try:
            if request.POST.get("regenerate"):
                regenerate_certificates(decision, by=request.user)
                done = _("Đã bắt đầu tạo lại toàn bộ bằng, giấy khen.")
            else:
                start_run(decision, by=request.user)
                done = _("Đã bắt đầu tạo lại bằng, giấy khen còn thiếu.")
        except CertificateError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
    return redirect("awards:certificate_list", decision.pk)


@login_required
@require_POST
def certificate_resume(request, pk):
    """The issuer's people: hand the decision's stopped run (its worker gone) to a worker
    again, at once."""
    decision = _decision(request, pk)
    run = latest_run(decision)
    if run is None or not rules.acts_for_issuer(request.user, decision.issuer_id):
        raise Http404
    resume_job(
        request,
        resume_run,
        run,
        refused=CertificateError,
        done=_("Đã cho tiếp tục tạo những bằng, giấy khen còn thiếu."),
    )
    return redirect("awards:certificate_list", decision.pk)


@login_required
def certificate_reissue(request, pk):
    certificate = get_object_or_404(
        certificates_visible_to(request.user).select_related(
            "recipient__decision__award_type", "recipient__individual__unit", "recipient__unit"
        ),
        pk=pk,
    )
    decision = certificate.recipient.decision
    if not rules.leads_issuer(request.user, decision.issuer_id):
        raise Http404
    form = ReissueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = reissue_certificate(
                certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ReissueError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Đã cấp lại: số hiệu mới %(new)s thay cho %(old)s.")
                % {"new": new.serial, "old": certificate.serial},
            )
            return redirect("awards:certificate_list", decision.pk)
    return render(
        request,
        "awards/certificate_reissue.html",
        {"certificate": certificate, "decision": decision, "form": form},
    )


# --- Downloads -----------------------------------------------------------------------


def _serve(field, filename, *, inline=False):
    return serve_field(field, filename, "application/pdf", inline=inline)


def ascii_code(text: str) -> str:
    """ "123/QĐ-UBND" -> "123-QD-UBND"."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text))).upper() or "X"


def _decision_slug(decision) -> str:
    return ascii_code(decision.reference or str(decision.pk))


@login_required
def certificate_pdf(request, pk):
    certificate = get_object_or_404(
        certificates_visible_to(request.user).select_related(
            "recipient__individual", "recipient__unit"
        ),
        pk=pk,
    )
    name = f"{ascii_code(certificate.serial)}-{ascii_name(certificate.recipient.subject_name)}"
    return _serve(certificate.file, f"{name}.pdf", inline=True)


@login_required
def decision_document(request, pk):
    decision = _decision(request, pk)
    return _serve(decision.document, f"Quyet-dinh-{_decision_slug(decision)}.pdf", inline=True)


@login_required
def certificates_pdf(request, pk):
    """All certificates as one PDF for printing: the run's print file for staff
    and council, a file of their own lines put together now for an officer."""
    decision = _decision(request, pk)
    filename = f"Bang-giay-khen-{_decision_slug(decision)}.pdf"
    if rules.can_view_everything(request.user):
        run = latest_print_run(decision)
        return _serve(run.merged_file if run else None, filename)
    certificates = list(valid_certificates_with_files(request.user, decision))
    if not certificates:
        raise Http404
    writer = PdfWriter()
    for certificate in certificates:
        with open_stored(certificate.file) as source:
            writer.add_page(PdfReader(io.BytesIO(source.read())).pages[0])
        writer.set_page_label(
            len(writer.pages) - 1, len(writer.pages) - 1, prefix=certificate.serial
        )
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    writer.write(handle)
    handle.seek(0)
    return file_response(handle, filename, "application/pdf")


@login_required
def certificates_zip(request, pk):
    """One PDF per recipient line, "001-Nguyen-Thi-Ngoc-Hang.pdf", numbered as
    in the decision's list; an officer gets the lines of their units only."""
    decision = _decision(request, pk)
    certificates = list(valid_certificates_with_files(request.user, decision))
    if not certificates:
        raise Http404
    numbers = line_numbers(decision)
    width = max(3, len(str(max(numbers.values()))))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            number = numbers[certificate.recipient_id]
            name = f"{number:0{width}d}-{ascii_name(certificate.recipient.subject_name)}.pdf"
            with open_stored(certificate.file) as source, archive.open(name, "w") as target:
                shutil.copyfileobj(source, target)
    handle.seek(0)
    return file_response(
        handle, f"Bang-giay-khen-{_decision_slug(decision)}.zip", "application/zip"
    )


# --- Public verification ---------------------------------------------------------------


def verify(request, token):
    """What a QR code on a certificate leads to: no login, no personal data
    beyond what the certificate itself shows."""
    certificate = get_object_or_404(
        Certificate.objects.select_related(
            "recipient__decision__issuer",
            "recipient__decision__award_type",
            "recipient__individual__unit",
            "recipient__unit__parent",
            "replaced_by",
        ).exclude(recipient__decision__state=DecisionState.DRAFT),
        token=token,
    )
    recipient = certificate.recipient
    decision = recipient.decision
    if certificate.state == CertificateState.REPLACED:
        status, revoked_at, reason = "replaced", None, ""
    elif (
        certificate.state == CertificateState.REVOKED
        or recipient.revoked_at
        or decision.state == DecisionState.REVOKED
    ):
        status = "revoked"
        revoked_at = certificate.revoked_at or recipient.revoked_at or decision.revoked_at
        reason = certificate.revoked_reason or recipient.revoked_reason or decision.revoked_reason
    else:
        status, revoked_at, reason = "valid", None, ""
    unit = recipient.individual.unit if recipient.individual_id else recipient.unit.parent
    # The public honour board's page of this award, while the board shows it.
    on_board = status != "revoked" and publicly_honoured_lines().filter(pk=recipient.pk).exists()
    response = render(
        request,
        "awards/verify.html",
        {
            "certificate": certificate,
            "decision": decision,
            "award": decision.award_type,
            "name": nfc(recipient.subject_name),
            "unit": unit,
            "status": status,
            "revoked_at": revoked_at,
            "revoked_reason": reason,
            "newer": certificate.replaced_by,
            "honour_url": reverse("honours:entry", kwargs={"key": f"d-{recipient.pk}"})
            if on_board
            else "",
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-cache"
    return response
