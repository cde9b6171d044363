"""The statistics page and its Excel files (staff and council: everything; a unit's
people: their own branch).  The figures come from ``awards.statistics``; the same
URL with ``export=<table>`` (or ``export=all``) sends them as an Excel file."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from common.cache import DATA_NAMESPACE, FRAGMENT_TIMEOUT, user_page
from common.excel.export import excel_response

from .. import rules
from ..exports import statistics_sheets
from ..filters import StatisticsFilter
from ..selectors import nominations_visible_to
from ..statistics import TABLES, cached_statistics, parent_in_scope

#: ``export=all``: every table, one sheet each.
EXPORT_ALL = "all"


def _page_timeout() -> int:
    """A kept page may hold figures that lag (``STATISTICS_STALE_SECONDS``): it is kept
    no longer than they may lag, so they show at most twice that late."""
    return settings.STATISTICS_STALE_SECONDS or FRAGMENT_TIMEOUT


@login_required
@user_page(DATA_NAMESPACE, timeout=_page_timeout)
def statistics_page(request):
    if not rules.can_view_statistics(request.user):
        raise Http404
    filterset = StatisticsFilter(
        request.GET or None, queryset=nominations_visible_to(request.user), user=request.user
    )
    chosen = filterset.chosen()
    if request.GET.get("unit") and chosen["root"] is None:
        raise Http404  # a unit outside the user's branch (or no unit at all)
    filters = request.GET.copy()
    filters.pop("export", None)
    stats = cached_statistics(
        filterset.qs,
        user=request.user,
        filters=urlencode(sorted(filters.lists()), doseq=True),
        **{k: v for k, v in chosen.items() if k != "campaign"},
    )
    export = request.GET.get("export")
    if export:
        if export not in (*TABLES, EXPORT_ALL):
            raise Http404
        key = None if export == EXPORT_ALL else export
        sheets = statistics_sheets(stats, key, campaign=chosen["campaign"])
        day = timezone.localdate().strftime("%Y-%m-%d")
        about = "khen thưởng" if key is None else sheets[0].title.lower()
        return excel_response(sheets, f"Thống kê {about} {day}.xlsx")
    query = request.GET.copy()
    query.pop("export", None)
    drill = query.copy()
    drill.pop("unit", None)
    return render(
        request,
        "awards/statistics.html",
        {
            "filter": filterset,
            "stats": stats,
            "query": query.urlencode(),
            "drill_query": drill.urlencode(),
            # "Up one level" when a unit is chosen and its parent is in the user's scope.
            "up_unit": parent_in_scope(request.user, chosen["root"]),
        },
    )
