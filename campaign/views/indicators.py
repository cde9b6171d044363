"""A campaign's indicators (chỉ tiêu), edited by the staff, and the table of the targets
the units registered.  Both pages are the staff's (:mod:`campaign.rules`); anyone else,
and a closed campaign's indicator page, is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import rules
from ..forms.indicators import indicator_formset
from ..selectors import targets_table
from ..services.campaigns import CampaignError
from ..services.indicators import save_indicators
from .campaigns import campaign_of


@login_required
def indicator_edit(request, pk):
    campaign = campaign_of(request, pk)
    if not rules.can_edit_indicators(request.user, campaign):
        raise Http404
    formset = indicator_formset(campaign, request.POST or None)
    error = ""
    if request.method == "POST" and formset.is_valid():
        try:
            save_indicators(campaign, formset, by=request.user)
        except CampaignError as refused:
            error = str(refused)
        else:
            messages.success(request, _("Đã lưu các chỉ tiêu của phong trào."))
            return redirect("campaign:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "campaign/indicators/edit.html",
        {"campaign": campaign, "formset": formset, "error": error},
    )


@login_required
def target_table(request, pk):
    campaign = campaign_of(request, pk)
    if not rules.can_see_targets(request.user, campaign):
        raise Http404
    indicators, rows, totals = targets_table(campaign)
    return render(
        request,
        "campaign/indicators/targets.html",
        {"campaign": campaign, "indicators": indicators, "rows": rows, "totals": totals},
    )
