"""The campaign list and the staff's campaign pages: create, edit, launch, close.

The list and the campaign page show the rows of
:func:`campaign.selectors.campaigns_visible_to` (officers: the launched
campaigns their units take part in); the staff's pages ask
:mod:`campaign.rules` and answer 404 to anyone else, and to a campaign whose
state does not allow the action.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.downloads import serve_field
from common.paging import CappedPaginator
from common.text import ascii_name

from .. import rules
from ..filters import CampaignFilter
from ..forms.campaigns import CampaignForm, CloseCampaignForm
from ..selectors import campaign_list as campaign_rows
from ..selectors import campaigns_visible_to
from ..services.campaigns import CampaignError, close_campaign, save_campaign

PAGE_SIZE = 25
#: The list counts and pages at most this many campaigns.
LIST_CAP = 1000


def campaign_of(request, pk):
    return get_object_or_404(
        campaigns_visible_to(request.user).select_related("issuing_unit"), pk=pk
    )


@login_required
def campaign_list(request):
    filterset = CampaignFilter(request.GET or None, queryset=campaign_rows(request.user))
    page = CappedPaginator(filterset.qs, PAGE_SIZE, cap=LIST_CAP).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "campaign/campaigns/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_create": rules.can_manage_campaigns(request.user),
        },
    )


def _edit(request, campaign):
    form = CampaignForm(request.POST or None, request.FILES or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_campaign(form, by=request.user, plan_file=form.cleaned_data["plan_upload"])
        except CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu phong trào thi đua."))
            return redirect("campaign:campaign_detail", pk=saved.pk)
    return render(request, "campaign/campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_create(request):
    if not rules.can_manage_campaigns(request.user):
        raise Http404
    return _edit(request, None)


@login_required
def campaign_edit(request, pk):
    campaign = campaign_of(request, pk)
    if not rules.can_edit_campaign(request.user, campaign):
        raise Http404
    return _edit(request, campaign)


@login_required
def campaign_close(request, pk):
    campaign = campaign_of(request, pk)
    if not rules.can_close_campaign(request.user, campaign):
        raise Http404
    form = CloseCampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            close_campaign(campaign, by=request.user, **form.cleaned_data)
        except CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã kết thúc phong trào."))
            return redirect("campaign:campaign_detail", pk=campaign.pk)
    return render(request, "campaign/campaigns/close.html", {"form": form, "campaign": campaign})


@login_required
def campaign_plan_file(request, pk):
    """The plan's file, to whoever sees the campaign."""
    campaign = campaign_of(request, pk)
    name = f"Ke-hoach-{ascii_name(campaign.plan_reference or campaign.title, 40)}.pdf"
    return serve_field(campaign.plan_file, name, "application/pdf", inline=True)
