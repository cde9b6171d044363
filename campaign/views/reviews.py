"""A campaign's reviews (sơ kết, tổng kết): the list with the staff's form to open one,
each review's page with its progress (polled by htmx), its retry and its three files,
and a reporting round's figures as an Excel file.

The staff open and retry reviews (:func:`campaign.rules.can_open_review`,
``can_retry_review``) and see every one; whoever else sees the campaign sees its
finished reports and downloads them read only
(:func:`campaign.selectors.reviews_visible_to`).  The round's Excel file is the
staff's (``can_export_round``).  Anyone else gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.downloads import serve_field
from common.excel.export import Column, Sheet, excel_response
from common.text import ascii_name
from common.views import resume_job

from .. import rules
from ..enums import ReviewKind
from ..forms.reviews import ReviewForm
from ..selectors import (
    nominations_since_review,
    reviews_of,
    reviews_visible_to,
    round_export_rows,
    rounds_visible_to,
)
from ..services.reviews import ReviewError, can_retry, open_campaign_review, retry_campaign_review
from .campaigns import campaign_of

#: The review's files: the URL's extension -> (the row's field, content type).
REVIEW_FILES = {
    "pdf": ("pdf_file", "application/pdf"),
    "docx": (
        "docx_file",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ("xlsx_file", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@login_required
def review_list(request, pk):
    campaign = campaign_of(request, pk)
    can_open = rules.can_open_review(request.user, campaign)
    form = ReviewForm(request.POST or None, campaign=campaign) if can_open else None
    if request.method == "POST":
        if not can_open:
            raise Http404
        if form.is_valid():
            try:
                review = open_campaign_review(campaign, by=request.user, **form.cleaned_data)
            except ReviewError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Đã lập báo cáo số %(number)s; các tệp đang được tạo.")
                    % {"number": review.reference},
                )
                return redirect("campaign:review_detail", review.pk)
    return render(
        request,
        "campaign/reviews/list.html",
        {"campaign": campaign, "reviews": reviews_of(request.user, campaign), "form": form},
    )


def _review(request, review_pk):
    return get_object_or_404(
        reviews_visible_to(request.user).select_related("campaign", "opened_by"), pk=review_pk
    )


def review_context(request, review) -> dict:
    return {
        "review": review,
        **review.progress_context(),
        "can_retry": rules.can_retry_review(request.user, review) and can_retry(review),
        "can_download": rules.can_download_review(request.user, review),
    }


@login_required
def review_detail(request, review_pk):
    review = _review(request, review_pk)
    context = review_context(request, review)
    if rules.can_manage_campaigns(request.user):
        context["nominations"] = nominations_since_review(review)[:100]
        context["nominate_url"] = (
            reverse("awards:nomination_create") + "?" + urlencode({"campaign": review.campaign_id})
        )
    return render(request, "campaign/reviews/detail.html", context)


@login_required
def review_progress(request, review_pk):
    """The progress partial, polled by htmx while the review is pending or running."""
    review = _review(request, review_pk)
    return render(request, "campaign/reviews/_review.html", review_context(request, review))


@login_required
@require_POST
def review_retry(request, review_pk):
    review = _review(request, review_pk)
    if not rules.can_retry_review(request.user, review):
        raise Http404
    resume_job(
        request,
        retry_campaign_review,
        review,
        refused=ReviewError,
        done=_("Đã bắt đầu tạo lại báo cáo."),
        refusal_level=messages.WARNING,
    )
    return redirect("campaign:review_detail", review.pk)


@login_required
def review_file(request, review_pk, extension):
    review = _review(request, review_pk)
    if extension not in REVIEW_FILES or not rules.can_download_review(request.user, review):
        raise Http404
    field, content_type = REVIEW_FILES[extension]
    word = "Tong-ket" if review.kind == ReviewKind.FINAL else "So-ket"
    suffix = "-phu-luc" if extension == "xlsx" else ""
    name = f"{word}-{ascii_name(review.campaign.title, 40)}-{review.number}-{review.year}{suffix}"
    return serve_field(
        getattr(review, field), f"{name}.{extension}", content_type, inline=extension == "pdf"
    )


@login_required
def round_export(request, round_pk):
    """The round's figures, one row per participating unit, the late ones marked."""
    round_ = get_object_or_404(
        rounds_visible_to(request.user).select_related("campaign"), pk=round_pk
    )
    if not rules.can_export_round(request.user, round_):
        raise Http404
    indicators, rows = round_export_rows(round_, timezone.localdate())
    due = round_.due_date

    def lines():
        for index, (unit, report, figures) in enumerate(rows, 1):
            at = report.submitted_at if report else None
            if report is None:
                status = _("Chưa gửi")
            elif at is not None and timezone.localdate(at) > due:
                status = _("Gửi sau hạn")
            else:
                status = _("Đúng hạn")
            yield [
                index,
                unit.name,
                at,
                status,
                *(figures.get(indicator.pk) for indicator in indicators),
                report.narrative if report else "",
            ]

    columns = [
        Column(_("STT"), 6),
        Column(_("Đơn vị"), 40, wrap=True),
        Column(_("Gửi lúc"), 18),
        Column(_("Tình trạng"), 14),
        *(Column(f"{i.name} ({i.measure})", 18, "#,##0.##", wrap=True) for i in indicators),
        Column(_("Báo cáo tóm tắt"), 60, wrap=True),
    ]
    sheet = Sheet(
        title=round_.title,
        columns=columns,
        rows=lines(),
        caption=[
            _("KẾT QUẢ BÁO CÁO KỲ %(title)s") % {"title": round_.title.upper()},
            round_.campaign.title,
        ],
    )
    name = f"Bao-cao-ky-{ascii_name(round_.title, 30)}-{round_.pk}.xlsx"
    return excel_response([sheet], name)
