"""The home page: one page, each role the user holds adds its own sections.  The staff's
activity log page: every app's log rows, filtered, newest first."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from common.selectors import outbox_waiting_since

from . import rules, selectors
from .filters import ActivityFilter


@login_required
def home(request):
    user = request.user
    context = {
        "show_staff": rules.can_see_staff_desk(user),
        "show_officer": rules.can_see_officer_desk(user),
        "show_council": rules.can_see_council_desk(user),
    }
    if context["show_staff"]:
        context.update(
            launched_campaigns=selectors.launched_campaigns(),
            launched_campaign_count=selectors.launched_campaign_count(),
            awaiting_review=selectors.nominations_awaiting_review(),
            recent_decisions=selectors.recent_decisions(),
            failed_reminder_count=selectors.failed_reminder_count(),
            outbox_waiting_since=outbox_waiting_since(),
        )
    if context["show_officer"]:
        counts = selectors.unit_nomination_counts(user)
        memberships = selectors.officer_memberships(user)
        open_campaigns = selectors.open_campaigns(user)
        context.update(
            memberships=memberships,
            open_campaigns=open_campaigns,
            campaign_todos=selectors.campaign_todos(
                user, open_campaigns, [m.unit for m in memberships]
            ),
            returned_nominations=selectors.returned_nominations(user),
            unit_nomination_counts=counts,
            unit_nomination_total=sum(c.count for c in counts),
            returned_total=next((c.count for c in counts if c.state == "returned"), 0),
        )
    context["has_role"] = any(
        (context["show_staff"], context["show_officer"], context["show_council"])
    )
    return render(request, "portal/home.html", context)


@login_required
def activity_log(request):
    """Who did what to which object, newest first, paged by key (no count of the log).
    Provincial staff only; anyone else gets a 404."""
    if not rules.can_see_activity_log(request.user):
        raise Http404
    filterset = ActivityFilter(
        request.GET or None, queryset=selectors.activity_log_visible_to(request.user)
    )
    page = selectors.activity_page(
        filterset.qs, before=request.GET.get("before", ""), user=request.user
    )
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "portal/activity_log.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )
