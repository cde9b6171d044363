"""The staff-list import (nhập danh sách cán bộ từ Excel): the template, the upload, the
check's report, the confirmation, the progress of a large file.

Officers import into their units (and those below), the provincial staff into any unit
(``rules.can_import_staff``); an import is seen only through
``selectors.staff_imports_visible_to``, so anyone else gets a 404.
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
from common.views import resume_job

from .. import rules
from ..forms.imports import StaffImportForm
from ..selectors import staff_imports_visible_to
from ..services.staff_import import (
    ACTIONS,
    PREVIEW_HEADERS,
    StaffImportError,
    confirm_staff_import,
    retry_staff_import,
    staff_template,
    start_staff_import,
)

#: Earlier imports listed under the upload form.
RECENT = 10


def _job(request, pk):
    return get_object_or_404(
        staff_imports_visible_to(request.user).select_related("unit", "created_by"), pk=pk
    )


@login_required
def staff_import(request):
    if not rules.can_import_staff_lists(request.user):
        raise Http404
    form = StaffImportForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"unit": request.GET.get("unit")} if request.GET.get("unit") else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = start_staff_import(
                form.cleaned_data["unit"], form.cleaned_data["file"], by=request.user
            )
        except StaffImportError as error:
            form.add_error(None, str(error))
        else:
            return redirect("units:staff_import_detail", job.pk)
    recent = staff_imports_visible_to(request.user).select_related("unit")[:RECENT]
    return render(request, "units/staff_import.html", {"form": form, "recent": recent})


@login_required
def staff_import_template(request):
    if not rules.can_import_staff_lists(request.user):
        raise Http404
    response = HttpResponse(staff_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="Mau-danh-sach-can-bo.xlsx"'
    return response


def job_context(request, job) -> dict:
    """What the import's page and its polled partial show."""
    return {
        "job": job,
        **job.progress_context(),
        "actions": [(str(label), job.summary.get(key, 0)) for key, label in ACTIONS.items()],
        "preview_headers": PREVIEW_HEADERS,
        "can_confirm": rules.can_confirm_staff_import(request.user, job),
        "can_retry": rules.can_confirm_staff_import(request.user, job) and can_retry(job),
        "retry_url": "units:staff_import_retry",
        "progress_url": "units:staff_import_progress",
        "confirm_url": "units:staff_import_confirm",
        "file_url": "units:staff_import_file",
        "again_url": "units:staff_import",
        "again_query": urlencode({"unit": job.unit_id}),
    }


@login_required
def staff_import_detail(request, pk):
    job = _job(request, pk)
    return render(request, "units/staff_import_detail.html", job_context(request, job))


@login_required
def staff_import_progress(request, pk):
    job = _job(request, pk)
    return render(request, "common/imports/_job.html", job_context(request, job))


@login_required
@require_POST
def staff_import_confirm(request, pk):
    job = _job(request, pk)
    try:
        job = confirm_staff_import(job, by=request.user)
    except StaffImportError as error:
        messages.error(request, str(error))
    else:
        if job.stage == ImportStage.WRITTEN:
            messages.success(request, _("Đã ghi danh sách cán bộ."))
        elif job.stage == ImportStage.INVALID:
            messages.error(request, _("Dữ liệu đã thay đổi từ lúc kiểm tra: chưa ghi gì."))
    return redirect("units:staff_import_detail", job.pk)


@login_required
@require_POST
def staff_import_retry(request, pk):
    """Run a failed or stopped check or write again."""
    job = _job(request, pk)
    resume_job(
        request,
        retry_staff_import,
        job,
        refused=StaffImportError,
        done=_("Đã chạy lại việc nhập tệp."),
        refusal_level=messages.WARNING,
    )
    return redirect("units:staff_import_detail", job.pk)


@login_required
def staff_import_file(request, pk):
    """The uploaded file as it was, to fix and upload again."""
    job = _job(request, pk)
    return serve_field(job.file, job.original_name or "danh-sach.xlsx", XLSX)
