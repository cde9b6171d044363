"""Pages of the central submissions (khen cao): the list, the draft and its nominations,
sending, the package, and recording the central result.

Provincial emulation staff only: ``central_submissions_visible_to`` is empty for
everyone else, so every page here is a 404 for them (officers read what became of
their nomination on its own page).  The views validate input and call
``services.central``; a refusal comes back as a message, never as a 500.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.activity import history_of
from common.downloads import serve_field
from common.views import resume_job

from .. import rules
from ..enums import CentralOutcome, RunState, SubmissionState
from ..filters import CandidateFilter
from ..forms.central import (
    CentralResultForm,
    CentralSendForm,
    CentralSubmissionForm,
)
from ..forms.picking import PickNominationsForm
from ..models import CentralResult, CentralSubmissionLine
from ..selectors import (
    central_lines_of,
    central_package_is_active,
    central_submission_list_for,
    central_submissions_visible_to,
    consultation_comments,
    latest_central_package,
    nominations_ready_for_central,
)
from ..services.central import (
    CentralError,
    add_central_nominations,
    create_central_submission,
    record_central_result,
    remove_central_nomination,
    resume_central_package,
    send_central_submission,
    start_central_package,
    update_central_submission,
)
from ..services.central_package import package_file_name
from ..services.consultation import consultation_of, days_required

PAGE_SIZE = 25
ADD_PAGE_SIZE = 50


def _staff_only(request):
    if not rules.can_manage_central_submissions(request.user):
        raise Http404


def _submission(request, pk):
    _staff_only(request)
    return get_object_or_404(
        central_submissions_visible_to(request.user).select_related(
            "issuer", "created_by", "sent_by"
        ),
        pk=pk,
    )


def _back_to(submission):
    return redirect("awards:central_detail", pk=submission.pk)


def package_context(request, submission, package=None):
    """What the package partial needs, on the detail page and on each poll."""
    package = package if package is not None else latest_central_package(submission)
    progress = (
        package.progress_context() if package is not None else {"stuck": False, "polling": False}
    )
    can_build = rules.can_build_central_package(request.user, submission)
    return {
        "submission": submission,
        "package": package,
        **progress,
        "can_build": can_build and not central_package_is_active(package) and not progress["stuck"],
        "can_resume": progress["stuck"] and rules.can_resume_central_package(request.user, package),
    }


# --- Reading ----------------------------------------------------------------------------


@login_required
def central_list(request):
    _staff_only(request)
    submissions = central_submission_list_for(request.user)
    state = request.GET.get("state", "")
    if state in SubmissionState.values:
        submissions = submissions.filter(state=state)
    else:
        state = ""
    page = Paginator(submissions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/central_list.html",
        {
            "page": page,
            "state": state,
            "states": SubmissionState.choices,
            "query": urlencode({"state": state}) if state else "",
        },
    )


@login_required
def central_detail(request, pk):
    submission = _submission(request, pk)
    lines = list(central_lines_of(submission))
    return render(
        request,
        "awards/central_detail.html",
        {
            **package_context(request, submission),
            "lines": lines,
            "results": list(submission.results.order_by("decision_date", "id")),
            "history": history_of(submission),
            "can_edit": rules.can_edit_central_submission(request.user, submission),
            "can_send": rules.can_send_central_submission(request.user, submission),
            "can_record": rules.can_record_central_result(request.user, submission),
            "send_form": CentralSendForm(),
            **consultation_context(submission),
        },
    )


def consultation_context(submission) -> dict:
    consultation = consultation_of(submission)
    return {
        "consultation": consultation,
        "consultation_days": days_required(submission),
        "consultation_comments": consultation_comments(consultation) if consultation else [],
    }


@login_required
def central_package_progress(request, pk):
    """The package partial, polled by htmx while the build is pending or running."""
    submission = _submission(request, pk)
    return render(request, "awards/_central_package.html", package_context(request, submission))


# --- Drafting ---------------------------------------------------------------------------


@login_required
def central_create(request):
    _staff_only(request)
    form = CentralSubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = create_central_submission(by=request.user, **form.cleaned_data)
        except CentralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Đã lập dự thảo tờ trình. Tiếp theo: chọn hồ sơ trình khen.")
            )
            return redirect("awards:central_add", pk=submission.pk)
    return render(request, "awards/central_form.html", {"form": form, "submission": None})


@login_required
def central_edit(request, pk):
    submission = _submission(request, pk)
    if not rules.can_edit_central_submission(request.user, submission):
        messages.error(request, _("Tờ trình đã được trình: không sửa được nữa."))
        return _back_to(submission)
    form = CentralSubmissionForm(
        request.POST or None, initial=CentralSubmissionForm.initial_from(submission)
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_central_submission(submission, by=request.user, **form.cleaned_data)
        except CentralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu tờ trình."))
            return _back_to(submission)
    return render(request, "awards/central_form.html", {"form": form, "submission": submission})


@login_required
def central_add(request, pk):
    submission = _submission(request, pk)
    if not rules.can_edit_central_submission(request.user, submission):
        messages.error(request, _("Tờ trình đã được trình: không thêm hồ sơ được nữa."))
        return _back_to(submission)
    data = request.POST if request.method == "POST" else request.GET
    ready = nominations_ready_for_central(request.user, timezone.localdate())
    filterset = CandidateFilter(data, queryset=ready)
    matching = filterset.qs
    here = reverse("awards:central_add", args=[submission.pk])
    query = urlencode(filterset.query())
    if request.method == "POST":
        chosen = PickNominationsForm(request.POST).chosen(request.user, matching)
        if not chosen.exists():
            messages.error(request, _("Chọn ít nhất một hồ sơ để thêm."))
            return redirect(f"{here}?{query}")
        try:
            result = add_central_nominations(submission, chosen, by=request.user)
        except CentralError as error:
            messages.error(request, str(error))
            return _back_to(submission)
        messages.success(request, _("Đã thêm %(added)d hồ sơ.") % {"added": result.added})
        if result.skipped:
            messages.warning(
                request,
                _(
                    "Bỏ qua %(skipped)d hồ sơ: %(not_approved)d không còn ở trạng thái “Đã "
                    "duyệt”, %(not_central)d không thuộc hình thức do cấp trung ương quyết "
                    "định, %(elsewhere)d đã có trong tờ trình khác đang chờ kết quả."
                )
                % {
                    "skipped": result.skipped,
                    "not_approved": result.not_approved,
                    "not_central": result.not_central,
                    "elsewhere": result.elsewhere,
                },
            )
        return redirect(f"{here}?{query}")
    matching = matching.select_related(
        "individual__unit", "unit", "nominating_unit", "award_type", "campaign"
    ).order_by("nominating_unit__path", "id")
    page = Paginator(matching, ADD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/central_add.html",
        {
            "submission": submission,
            "filter_form": filterset.form,
            "filter_values": filterset.query(),
            "page": page,
            "query": query,
            "line_count": submission.lines.count(),
        },
    )


@login_required
@require_POST
def central_remove(request, pk, line_pk):
    submission = _submission(request, pk)
    line = get_object_or_404(
        CentralSubmissionLine.objects.select_related("submission", "nomination"),
        pk=line_pk,
        submission=submission,
    )
    try:
        remove_central_nomination(line, by=request.user)
    except CentralError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Đã bỏ %(name)s khỏi tờ trình.") % {"name": line.nomination.subject_name}
        )
    return _back_to(submission)


# --- Sending, the package, the result ---------------------------------------------------


@login_required
@require_POST
def central_send(request, pk):
    submission = _submission(request, pk)
    form = CentralSendForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _back_to(submission)
    try:
        send_central_submission(
            submission, by=request.user, letter_date=form.cleaned_data["letter_date"]
        )
    except CentralError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Đã trình: Tờ trình số %(reference)s. Bộ hồ sơ đang được tạo.")
            % {"reference": submission.reference},
        )
    return _back_to(submission)


@login_required
@require_POST
def central_package_build(request, pk):
    submission = _submission(request, pk)
    try:
        start_central_package(submission, by=request.user)
    except CentralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã bắt đầu tạo bộ hồ sơ."))
    return _back_to(submission)


@login_required
@require_POST
def central_package_resume(request, pk):
    submission = _submission(request, pk)
    package = latest_central_package(submission)
    if package is None:
        raise Http404
    resume_job(
        request,
        resume_central_package,
        package,
        refused=CentralError,
        done=_("Đã cho tiếp tục tạo bộ hồ sơ."),
    )
    return _back_to(submission)


@login_required
def central_package_download(request, pk):
    submission = _submission(request, pk)
    package = latest_central_package(submission)
    if package is None or package.state != RunState.DONE:
        raise Http404
    return serve_field(package.file, package_file_name(submission), "application/zip")


@login_required
def central_result_document(request, pk, result_pk):
    submission = _submission(request, pk)
    result = get_object_or_404(CentralResult, pk=result_pk, submission=submission)
    return serve_field(
        result.document, f"Quyet-dinh-{result.pk}.pdf", "application/pdf", inline=True
    )


@login_required
def central_result(request, pk):
    submission = _submission(request, pk)
    if not rules.can_record_central_result(request.user, submission):
        messages.error(request, _("Chỉ ghi nhận kết quả cho tờ trình đã trình và còn chờ kết quả."))
        return _back_to(submission)
    waiting = central_lines_of(submission).filter(outcome=CentralOutcome.PENDING)
    form = CentralResultForm(
        request.POST or None,
        request.FILES or None,
        lines=waiting,
        initial={"issuer": submission.get_addressee_display()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_central_result(
                submission,
                by=request.user,
                decision_number=form.cleaned_data["decision_number"],
                decision_date=form.cleaned_data["decision_date"],
                issuer=form.cleaned_data["issuer"],
                outcomes=form.outcomes(),
                document=form.cleaned_data["document"] or None,
            )
        except CentralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã ghi nhận kết quả khen cấp nhà nước."))
            return _back_to(submission)
    return render(request, "awards/central_result.html", {"submission": submission, "form": form})
