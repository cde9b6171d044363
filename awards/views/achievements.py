"""Achievements (thành tích) and their evidence, recorded by unit officers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.cache import DATA_NAMESPACE, user_page
from common.paging import CappedPaginator

from .. import rules
from ..forms.achievements import AchievementForm
from ..selectors import achievement_list_for, achievements_visible_to, with_evidence_counts
from ..services.achievements import save_achievement
from ..services.nominations import WorkflowError

PAGE_SIZE = 25
#: Pages reach this many achievements; older ones are found from a person's or unit's page.
LIST_CAP = 1000


@login_required
@user_page(DATA_NAMESPACE)
def achievement_list(request):
    paginator = CappedPaginator(achievement_list_for(request.user), PAGE_SIZE, cap=LIST_CAP)
    # Every page reads its keys first (from the index), then its rows by key: a
    # branch's achievements lie all over the table, so the rows are read for one page.
    paginator.join_after = 0
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = with_evidence_counts(page.object_list)
    return render(
        request,
        "awards/achievement_list.html",
        {"page": page, "query": "", "can_create": rules.can_record_achievement(request.user)},
    )


@login_required
def achievement_detail(request, pk):
    achievement = get_object_or_404(
        achievements_visible_to(request.user).select_related(
            "individual__unit", "unit", "owner_unit", "campaign", "recorded_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "awards/achievement_detail.html",
        {
            "achievement": achievement,
            "evidence": achievement.evidence.all(),
            "nominations": achievement.nominations.select_related("award_type"),
            "can_edit": rules.can_edit_achievement(request.user, achievement),
        },
    )


@login_required
def achievement_create(request):
    if not rules.can_record_achievement(request.user):
        raise Http404
    return _achievement_form(request, None)


@login_required
def achievement_edit(request, pk):
    achievement = get_object_or_404(achievements_visible_to(request.user), pk=pk)
    if not rules.can_edit_achievement(request.user, achievement):
        raise Http404
    return _achievement_form(request, achievement)


def _achievement_form(request, achievement):
    form = AchievementForm(
        request.POST or None, request.FILES or None, instance=achievement, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = save_achievement(
                form,
                by=request.user,
                owner_unit=form.acting_unit(),
                uploads=data.get("evidence_files") or [],
                remove=data.get("remove_evidence") or [],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu thành tích."))
            return redirect("awards:achievement_detail", pk=saved.pk)
    return render(
        request, "awards/achievement_form.html", {"form": form, "achievement": achievement}
    )
