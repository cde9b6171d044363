from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from units.rules import is_council_member, is_emulation_staff, is_unit_officer

from . import selectors


@login_required
def home(request):
    """One home page; each role the user holds adds its own sections."""
    user = request.user
    context = {
        "show_staff": is_emulation_staff(user),
        "show_officer": is_unit_officer(user),
        "show_council": is_council_member(user),
    }
    if context["show_staff"]:
        context.update(
            launched_campaigns=selectors.launched_campaigns(),
            launched_campaign_count=selectors.launched_campaign_count(),
            awaiting_review=selectors.nominations_awaiting_review(),
            recent_decisions=selectors.recent_decisions(),
        )
    if context["show_officer"]:
        counts = selectors.unit_nomination_counts(user)
        context.update(
            memberships=selectors.officer_memberships(user),
            open_campaigns=selectors.open_campaigns(user),
            unit_nomination_counts=counts,
            unit_nomination_total=sum(c.count for c in counts),
        )
    context["has_role"] = any(
        (context["show_staff"], context["show_officer"], context["show_council"])
    )
    return render(request, "home.html", context)
