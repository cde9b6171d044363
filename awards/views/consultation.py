"""The public consultation's pages: the public page (no login: the list, the published
comments with their answers, the comment form) and the staff's actions on a draft
tờ trình (publish the list, moderate and answer comments)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.lockout import client_address

from ..forms.consultation import CommentForm, ModerationForm
from ..models import Consultation
from ..selectors import central_submissions_visible_to, consultation_lines, public_comments
from ..services.consultation import (
    ConsultationError,
    moderate_comment,
    open_consultation,
    post_comment,
)


def consultation_public(request, token):
    consultation = get_object_or_404(
        Consultation.objects.select_related("submission__issuer"), token=token
    )
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post_comment(
                consultation,
                name=form.cleaned_data["author_name"],
                body=form.cleaned_data["body"],
                address=client_address(request) or "",
            )
        except ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Cảm ơn bạn đã góp ý. Góp ý sẽ được công khai sau khi cơ quan xem xét.")
            )
            return redirect("awards:consultation_public", token=consultation.token)
    return render(
        request,
        "awards/consultation_public.html",
        {
            "consultation": consultation,
            "is_open": consultation.is_open_on(timezone.localdate()),
            "lines": consultation_lines(consultation.submission),
            "comments": public_comments(consultation),
            "form": form,
        },
    )


def _submission(request, pk):
    return get_object_or_404(central_submissions_visible_to(request.user), pk=pk)


@login_required
@require_POST
def consultation_open(request, pk):
    submission = _submission(request, pk)
    try:
        open_consultation(submission, by=request.user)
    except ConsultationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã công khai danh sách để lấy ý kiến nhân dân."))
    return redirect("awards:central_detail", submission.pk)


@login_required
@require_POST
def consultation_moderate(request, pk, comment_pk):
    submission = _submission(request, pk)
    consultation = get_object_or_404(Consultation, submission=submission)
    comment = get_object_or_404(consultation.comments.all(), pk=comment_pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng chọn công khai hay không và nhập trả lời ngắn hơn."))
    else:
        try:
            moderate_comment(comment, by=request.user, **form.cleaned_data)
        except ConsultationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã lưu góp ý và trả lời."))
    return redirect("awards:central_detail", submission.pk)
