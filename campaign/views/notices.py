"""Reminder notices (công văn đôn đốc) for late units: staff pages.

Only provincial emulation staff (:func:`campaign.rules.can_manage_notices`)
see these pages and files; everybody else, signed in or not, gets a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.downloads import serve_field
from common.text import ascii_name
from common.views import resume_job

from .. import rules
from ..forms.notices import NoticeBatchForm
from ..models import Campaign
from ..selectors import (
    notice_batches_of,
    notice_batches_visible_to,
    notices_of_batch,
    notices_visible_to,
)
from ..services.notices import NoticeError, can_retry, create_batch, late_units, retry_batch

#: what a download name falls back to when nothing of the name is left in ASCII
UNNAMED = "don-vi"


def _batch(request, batch_pk):
    return get_object_or_404(notice_batches_visible_to(request.user), pk=batch_pk)


def batch_context(request, batch) -> dict:
    """What the progress partial needs, on the batch page and on each poll."""
    user = request.user
    return {
        "batch": batch,
        "notices": notices_of_batch(batch),
        **batch.progress_context(),
        "can_retry": rules.can_retry_notice_batch(user, batch) and can_retry(batch),
        "can_download": rules.can_download_notice_batch(user, batch),
    }


# --- Pages ------------------------------------------------------------------------------


def notice_list(request, pk):
    """The late units of a campaign with what each owes, the form that makes a batch,
    and the earlier batches."""
    if not rules.can_manage_notices(request.user):
        raise Http404
    campaign = get_object_or_404(Campaign.objects.select_related("issuing_unit"), pk=pk)
    can_create = rules.can_create_notice_batch(request.user, campaign)
    form = NoticeBatchForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and can_create and form.is_valid():
        try:
            batch = create_batch(campaign, by=request.user, **form.cleaned_data)
        except NoticeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã lập %(count)d công văn đôn đốc; tệp PDF đang được tạo.")
                % {"count": batch.total},
            )
            return redirect("campaign:notice_batch", batch.pk)
    return render(
        request,
        "campaign/notices/list.html",
        {
            "campaign": campaign,
            "late": late_units(campaign, timezone.localdate()),
            "form": form,
            "can_create": can_create,
            "batches": notice_batches_of(campaign),
        },
    )


def notice_batch(request, batch_pk):
    batch = _batch(request, batch_pk)
    return render(request, "campaign/notices/batch.html", batch_context(request, batch))


def notice_batch_progress(request, batch_pk):
    """The progress partial, polled by htmx while the batch is pending or running."""
    batch = _batch(request, batch_pk)
    return render(request, "campaign/notices/_batch.html", batch_context(request, batch))


@require_POST
def notice_batch_retry(request, batch_pk):
    """Staff: queue a failed (or silent) batch again; it resumes where it stopped."""
    batch = _batch(request, batch_pk)
    resume_job(
        request,
        retry_batch,
        batch,
        refused=NoticeError,
        done=_("Đã bắt đầu tạo lại các công văn còn thiếu."),
        refusal_level=messages.WARNING,
    )
    return redirect("campaign:notice_batch", batch.pk)


# --- Downloads --------------------------------------------------------------------------


def notice_merged(request, batch_pk):
    """Every notice of a batch in one PDF, for printing."""
    batch = _batch(request, batch_pk)
    if not rules.can_download_notice_batch(request.user, batch):
        raise Http404
    title = ascii_name(batch.campaign.title, 40, fallback=UNNAMED)
    name = f"Cong-van-don-doc-{title}-{batch.pk}.pdf"
    return serve_field(batch.merged_file, name, "application/pdf")


def notice_file(request, notice_pk):
    """One unit's notice."""
    notice = get_object_or_404(notices_visible_to(request.user), pk=notice_pk)
    if not rules.can_download_notice(request.user, notice):
        raise Http404
    name = f"Cong-van-don-doc-{ascii_name(notice.unit.name, fallback=UNNAMED)}.pdf"
    return serve_field(notice.file, name, "application/pdf", inline=True)
