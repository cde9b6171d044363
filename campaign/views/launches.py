"""Launching a campaign (staff): the form that picks the units and the letter's signer,
each run's progress page (polled by htmx), its retry, and the letter.

The launch form and the retry are the staff's (:func:`campaign.rules.can_launch_campaign`,
``can_retry_launch``); a run and its letter are seen by whoever sees the campaign
(:func:`campaign.selectors.launch_runs_visible_to`).  Anyone else gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.downloads import serve_field
from common.text import ascii_name
from common.views import resume_job

from .. import rules
from ..forms.launches import LaunchForm
from ..selectors import deliveries_of_run, launch_runs_of, launch_runs_visible_to
from ..services.campaigns import CampaignError
from ..services.launches import can_retry, launch_campaign, retry_launch
from .campaigns import campaign_of


@login_required
def campaign_launch(request, pk):
    campaign = campaign_of(request, pk)
    if not rules.can_launch_campaign(request.user, campaign):
        raise Http404
    form = LaunchForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            run = launch_campaign(campaign, by=request.user, **form.cleaned_data)
        except CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã phát động tới %(count)d đơn vị; công văn và thông báo đang được gửi.")
                % {"count": run.total - 1},
            )
            return redirect("campaign:launch_run", run.pk)
    return render(
        request,
        "campaign/launches/form.html",
        {"campaign": campaign, "form": form, "runs": launch_runs_of(campaign)},
    )


def _run(request, run_pk):
    return get_object_or_404(
        launch_runs_visible_to(request.user).select_related("campaign", "created_by"), pk=run_pk
    )


def run_context(request, run) -> dict:
    return {
        "run": run,
        "deliveries": deliveries_of_run(run),
        **run.progress_context(),
        "can_retry": rules.can_retry_launch(request.user, run) and can_retry(run),
        "can_download": rules.can_download_launch_letter(request.user, run),
    }


@login_required
def launch_run(request, run_pk):
    run = _run(request, run_pk)
    return render(request, "campaign/launches/run.html", run_context(request, run))


@login_required
def launch_run_progress(request, run_pk):
    """The progress partial, polled by htmx while the run is pending or running."""
    run = _run(request, run_pk)
    return render(request, "campaign/launches/_run.html", run_context(request, run))


@login_required
@require_POST
def launch_run_retry(request, run_pk):
    run = _run(request, run_pk)
    if not rules.can_retry_launch(request.user, run):
        raise Http404
    resume_job(
        request,
        retry_launch,
        run,
        refused=CampaignError,
        done=_("Đã bắt đầu chạy lại đợt phát động."),
        refusal_level=messages.WARNING,
    )
    return redirect("campaign:launch_run", run.pk)


@login_required
def launch_letter(request, run_pk):
    run = _run(request, run_pk)
    if not rules.can_download_launch_letter(request.user, run):
        raise Http404
    name = f"Cong-van-phat-dong-{ascii_name(run.campaign.title, 40)}-{run.pk}.pdf"
    return serve_field(run.letter, name, "application/pdf", inline=True)
