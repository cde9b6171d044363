"""Importing a list of nominations (danh sách đề nghị) from Excel: the campaign's
template, the upload, the check's report, the confirmation, the progress.

Officers import for their units (and those below), the provincial staff for any unit
(``rules.can_nominate_for``); an import is seen only through
``selectors.nomination_imports_visible_to``, so anyone else gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.downloads import serve_field
from common.excel.forms import XLSX
from common.excel.jobs import ImportStage
from common.services.imports import can_retry
from common.text import ascii_name
from common.views import resume_job

from .. import rules
from ..forms.imports import NominationImportForm, TemplateCampaignForm
from ..selectors import nomination_imports_visible_to
from ..services.nomination_import import (
    ACTIONS,
    PREVIEW_HEADERS,
    NominationImportError,
    confirm_nomination_import,
    nomination_template,
    retry_nomination_import,
    start_nomination_import,
)

RECENT = 10


def _job(request, pk):
    return get_object_or_404(
        nomination_imports_visible_to(request.user).select_related(
            "nominating_unit", "campaign", "created_by"
        ),
        pk=pk,
    )


@login_required
def nomination_import(request):
    if not rules.can_import_nominations(request.user):
        raise Http404
    chosen = {k: request.GET[k] for k in ("campaign", "nominating_unit") if request.GET.get(k)}
    form = NominationImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial=chosen
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = start_nomination_import(
                data["campaign"], data["nominating_unit"], data["file"], by=request.user
            )
        except NominationImportError as error:
            form.add_error(None, str(error))
        else:
            return redirect("awards:nomination_import_detail", job.pk)
    recent = nomination_imports_visible_to(request.user).select_related(
        "nominating_unit", "campaign"
    )[:RECENT]
    return render(
        request,
        "awards/nomination_import.html",
        {"form": form, "template_form": TemplateCampaignForm(), "recent": recent},
    )


@login_required
def nomination_import_template(request):
    if not rules.can_import_nominations(request.user):
        raise Http404
    form = TemplateCampaignForm(request.GET)
    if not form.is_valid():
        raise Http404
    campaign = form.cleaned_data["campaign"]
    response = HttpResponse(nomination_template(campaign), content_type=XLSX)
    name = f"Mau-danh-sach-de-nghi-{ascii_name(campaign.title, 40, fallback='phong-trao')}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def job_context(request, job) -> dict:
    return {
        "job": job,
        **job.progress_context(),
        "actions": [(str(label), job.summary.get(key, 0)) for key, label in ACTIONS.items()],
        "preview_headers": PREVIEW_HEADERS,
        "can_confirm": rules.can_confirm_nomination_import(request.user, job),
        "can_retry": rules.can_confirm_nomination_import(request.user, job) and can_retry(job),
        "retry_url": "awards:nomination_import_retry",
        "progress_url": "awards:nomination_import_progress",
        "confirm_url": "awards:nomination_import_confirm",
        "file_url": "awards:nomination_import_file",
        "again_url": "awards:nomination_import",
        "again_query": urlencode(
            {"campaign": job.campaign_id, "nominating_unit": job.nominating_unit_id}
        ),
    }


@login_required
def nomination_import_detail(request, pk):
    job = _job(request, pk)
    return render(request, "awards/nomination_import_detail.html", job_context(request, job))


@login_required
def nomination_import_progress(request, pk):
    job = _job(request, pk)
    return render(request, "common/imports/_job.html", job_context(request, job))


@login_required
@require_POST
def nomination_import_confirm(request, pk):
    job = _job(request, pk)
    try:
        job = confirm_nomination_import(job, by=request.user)
    except NominationImportError as error:
        messages.error(request, str(error))
    else:
        if job.stage == ImportStage.WRITTEN:
            messages.success(
                request, _("Đã tạo các hồ sơ dự thảo; hãy xem lại và gửi trong “Hồ sơ đề nghị”.")
            )
        elif job.stage == ImportStage.INVALID:
            messages.error(request, _("Dữ liệu đã thay đổi từ lúc kiểm tra: chưa ghi gì."))
    return redirect("awards:nomination_import_detail", job.pk)


@login_required
@require_POST
def nomination_import_retry(request, pk):
    """Run a failed or stopped check or write again."""
    job = _job(request, pk)
    resume_job(
        request,
        retry_nomination_import,
        job,
        refused=NominationImportError,
        done=_("Đã chạy lại việc nhập tệp."),
        refusal_level=messages.WARNING,
    )
    return redirect("awards:nomination_import_detail", job.pk)


@login_required
def nomination_import_file(request, pk):
    job = _job(request, pk)
    return serve_field(job.file, job.original_name or "danh-sach-de-nghi.xlsx", XLSX)
