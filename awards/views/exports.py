"""Excel files of the lists: the review queue with its filters, a decision's list.

Each starts from the selectors (``nominations_visible_to``, ``decisions_visible_to``,
``decision_lines_for``), so a user gets the rows their pages show them, and an
object outside their scope is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.excel.export import excel_response

from ..exports import decision_sheet, queue_sheet
from ..filters import NominationFilter
from ..selectors import decision_lines_for, decisions_visible_to, nomination_queue

#: The queue's export refuses more rows than this: a file of 100,000 rows takes
#: 10–20 s to write on a 2-core server (``make bench``), within a worker's 30 s; past
#: it, staff narrow the filters.
QUEUE_EXPORT_CAP = 100_000


@login_required
def nomination_export(request):
    """Every nomination the queue's filters match (not only one page), in its order."""
    filterset = NominationFilter(
        request.GET or None, queryset=nomination_queue(request.user), user=request.user
    )
    rows = filterset.qs
    if rows[QUEUE_EXPORT_CAP : QUEUE_EXPORT_CAP + 1].exists():
        messages.error(
            request,
            _(
                "Danh sách có hơn %(cap)s hồ sơ, quá lớn để xuất một tệp Excel. Hãy lọc theo "
                "phong trào, đơn vị, trạng thái hoặc ngày gửi rồi xuất lại."
            )
            % {"cap": f"{QUEUE_EXPORT_CAP:,}".replace(",", ".")},
        )
        query = request.GET.urlencode()
        return redirect(reverse("awards:nomination_list") + (f"?{query}" if query else ""))
    day = timezone.localdate().strftime("%Y-%m-%d")
    return excel_response([queue_sheet(rows)], f"Hồ sơ đề nghị khen thưởng {day}.xlsx")


@login_required
def decision_export(request, pk):
    """The decision's list (danh sách kèm theo quyết định), the lines the user sees."""
    decision = get_object_or_404(
        decisions_visible_to(request.user).select_related("issuer", "award_type"), pk=pk
    )
    lines = (
        decision_lines_for(request.user, decision)
        .prefetch_related(None)  # the list needs no certificates or ceremonies
        .select_related("unit__parent", "decision__award_type")
    )
    name = decision.reference.replace("/", "-") if decision.number else f"dự thảo {decision.pk}"
    return excel_response([decision_sheet(decision, lines)], f"Danh sách khen thưởng {name}.xlsx")
