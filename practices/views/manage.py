"""The officers' and staff's pages of the library: the list (the staff's review
queue), a practice's working page with its actions and history, the form, recording
an adoption, the statistics, and the private files.  Out of scope is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.activity import history_of
from common.downloads import serve_field

from .. import rules, selectors
from ..enums import PracticeState
from ..filters import PracticeFilter
from ..forms.practices import (
    AdoptionForm,
    PracticeForm,
    ReasonForm,
    ResultFormSet,
    result_initial,
    result_rows,
)
from ..services.practices import (
    ACTIONS,
    PracticeError,
    available_actions,
    perform,
    record_adoption,
    save_practice,
)

PAGE_SIZE = 25


@login_required
def practice_list(request):
    if not rules.can_see_practice_list(request.user):
        raise Http404
    data = request.GET.copy()
    data.pop("page", None)
    query = data.urlencode()  # the pages' links: the filters as asked, without the page
    if not data and rules.can_review_practices(request.user):
        data["state"] = PracticeState.SUBMITTED  # the staff's queue: what waits for them
    filterset = PracticeFilter(
        data, queryset=selectors.practice_list_for(request.user), user=request.user
    )
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "practices/practice_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "can_create": rules.can_create_practice(request.user),
            "can_review": rules.can_review_practices(request.user),
        },
    )


def _visible(request, pk):
    return get_object_or_404(
        selectors.practices_visible_to(request.user).select_related(
            "unit", "campaign", "created_by"
        ),
        pk=pk,
    )


@login_required
def practice_detail(request, pk):
    practice = _visible(request, pk)
    history = history_of(practice)
    asked = [e.note for e in history if e.new_state == PracticeState.CHANGES_REQUESTED]
    return render(
        request,
        "practices/practice_detail.html",
        {
            "practice": practice,
            "results": practice.results.all(),
            "files": practice.files.all(),
            "awards": selectors.public_awards_of(practice),
            "achievements": selectors.achievements_of(practice),
            "adoptions": selectors.adoptions_of(practice),
            "actions": available_actions(request.user, practice),
            "reason_form": ReasonForm(),
            "history": history,
            # What the staff asked for, while the officer is to answer it.
            "changes_asked": asked[-1]
            if asked and practice.state == PracticeState.CHANGES_REQUESTED
            else "",
            "can_edit": rules.can_edit_practice(request.user, practice),
        },
    )


@login_required
@require_POST
def practice_action(request, pk):
    practice = _visible(request, pk)
    action = ACTIONS.get(request.POST.get("action", ""))
    form = ReasonForm(request.POST)
    if action is None or not form.is_valid():
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("practices:detail", pk=practice.pk)
    try:
        perform(practice, action.name, by=request.user, reason=form.cleaned_data["reason"])
    except PracticeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Đã chuyển sang “%(state)s”.") % {"state": practice.get_state_display()},
        )
    return redirect("practices:detail", pk=practice.pk)


@login_required
def practice_create(request):
    if not rules.can_create_practice(request.user):
        raise Http404
    return _practice_form(request, None)


@login_required
def practice_edit(request, pk):
    practice = _visible(request, pk)
    if not rules.can_edit_practice(request.user, practice):
        raise Http404
    return _practice_form(request, practice)


def _practice_form(request, practice):
    form = PracticeForm(
        request.POST or None, request.FILES or None, instance=practice, user=request.user
    )
    results = ResultFormSet(
        request.POST or None, prefix="results", initial=result_initial(practice)
    )
    if request.method == "POST" and form.is_valid() and results.is_valid():
        data = form.cleaned_data
        try:
            saved = save_practice(
                form,
                by=request.user,
                results=result_rows(results),
                uploads=data.get("files") or [],
                remove=data.get("remove_files") or [],
            )
        except PracticeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu sáng kiến, mô hình."))
            return redirect("practices:detail", pk=saved.pk)
    return render(
        request,
        "practices/practice_form.html",
        {"form": form, "results": results, "practice": practice},
    )


@login_required
def adoption_create(request, pk):
    practice = get_object_or_404(selectors.published_practices().select_related("unit"), pk=pk)
    if not rules.can_record_adoption(request.user, practice):
        raise Http404
    form = AdoptionForm(request.POST or None, user=request.user, practice=practice)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_adoption(
                practice,
                by=request.user,
                unit=data["unit"],
                adopted_on=data["adopted_on"],
                place=data["place"],
                result=data["result"],
            )
        except PracticeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã ghi nhận đơn vị áp dụng sáng kiến."))
            return redirect("practices:public_detail", pk=practice.pk)
    return render(request, "practices/adoption_form.html", {"form": form, "practice": practice})


@login_required
def practice_statistics(request):
    if not rules.can_review_practices(request.user):
        raise Http404
    return render(
        request,
        "practices/statistics.html",
        {"stats": selectors.practice_statistics()},
    )


#: Uploads never change under their name.
PRIVATE_CACHE = "private, max-age=3600"


@login_required
def practice_file(request, pk):
    row = get_object_or_404(selectors.files_visible_to(request.user), pk=pk)
    return serve_field(
        row.file,
        row.download_name,
        row.content_type or "application/octet-stream",
        inline=True,
        cache=PRIVATE_CACHE,
    )
