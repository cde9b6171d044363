"""Reporting rounds and progress reports.

The rounds of a campaign are listed to whoever sees the campaign; the staff open
and lock them and see which units have not reported.  An officer writes the
reports of the units he acts for (his own and those below) that take part, until
the due date or until the staff lock the round, and sees his branch's figures
summed.  A round outside :func:`campaign.selectors.rounds_visible_to`, a unit
the officer does not act for, a report or file he may not read: 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.downloads import serve_field

from .. import rules
from ..forms.reports import ReportForm, RoundForm
from ..selectors import (
    branch_totals,
    indicators_of,
    participants_on,
    report_attachments_visible_to,
    report_of,
    reportable_units,
    round_status,
    rounds_of,
    rounds_visible_to,
)
from ..services.reports import ReportError, lock_round, open_round, save_report
from .campaigns import campaign_of


@login_required
def round_list(request, pk):
    campaign = campaign_of(request, pk)
    can_open = rules.can_open_round(request.user, campaign)
    form = RoundForm(request.POST or None) if can_open else None
    if request.method == "POST":
        if not can_open:
            raise Http404
        if form.is_valid():
            try:
                round_ = open_round(campaign, by=request.user, **form.cleaned_data)
            except ReportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Đã mở kỳ báo cáo."))
                return redirect("campaign:round_detail", round_.pk)
    return render(
        request,
        "campaign/reports/rounds.html",
        {"campaign": campaign, "rounds": rounds_of(campaign), "form": form},
    )


def _round(request, round_pk):
    return get_object_or_404(
        rounds_visible_to(request.user).select_related("campaign__issuing_unit"), pk=round_pk
    )


@login_required
def round_detail(request, round_pk):
    round_ = _round(request, round_pk)
    user, today = request.user, timezone.localdate()
    context = {
        "round": round_,
        "campaign": round_.campaign,
        "is_open": rules.is_round_open(round_, today),
        "can_lock": rules.can_lock_round(user, round_),
        "can_see_status": rules.can_see_round_status(user, round_),
    }
    if context["can_see_status"]:
        context["reported"], context["missing"] = round_status(round_, today)
    units = list(reportable_units(user, round_, today))
    reported = set(round_.reports.filter(unit__in=units).values_list("unit_id", flat=True))
    context["own_units"] = [(unit, unit.pk in reported) for unit in units]
    # The branches the officer heads: his top units (those not under another of his).
    tops = [u for u in units if not any(u.path.startswith(o.path) and u != o for o in units)]
    context["branches"] = [(unit, branch_totals(round_, unit)) for unit in tops]
    return render(request, "campaign/reports/round.html", context)


@login_required
@require_POST
def round_lock(request, round_pk):
    round_ = _round(request, round_pk)
    if not rules.can_lock_round(request.user, round_):
        raise Http404
    try:
        lock_round(round_, by=request.user)
    except ReportError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, _("Đã khóa kỳ báo cáo: các đơn vị không gửi, sửa được nữa."))
    return redirect("campaign:round_detail", round_.pk)


@login_required
def report_edit(request, round_pk, unit_pk):
    """A unit's report: the form while the round is open for one who acts for the unit;
    read only afterwards, and for the staff."""
    round_ = _round(request, round_pk)
    today = timezone.localdate()
    if rules.can_see_round_status(request.user, round_):  # the staff read every report
        units = participants_on(round_.campaign, today)
    else:
        units = reportable_units(request.user, round_, today)
    unit = get_object_or_404(units, pk=unit_pk)
    report = report_of(round_, unit)
    can_write = rules.can_report(request.user, round_, unit, today)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        indicators=indicators_of(round_.campaign),
        report=report,
    )
    if request.method == "POST":
        if not can_write:
            messages.error(
                request, _("Kỳ báo cáo đã khóa hoặc đã quá hạn: báo cáo không được lưu.")
            )
            return redirect("campaign:report_edit", round_.pk, unit.pk)
        if form.is_valid():
            try:
                save_report(
                    round_,
                    unit,
                    by=request.user,
                    narrative=form.cleaned_data["narrative"],
                    figures=form.figures(),
                    attachments=form.cleaned_data["attachments"] or [],
                    today=today,
                )
            except ReportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Đã lưu báo cáo của %(unit)s.") % {"unit": unit.name})
                return redirect("campaign:round_detail", round_.pk)
    return render(
        request,
        "campaign/reports/report_form.html",
        {
            "round": round_,
            "unit": unit,
            "report": report,
            "form": form,
            "can_write": can_write,
            "figures": {f.indicator_id: f.value for f in report.figures.all()} if report else {},
        },
    )


@login_required
def report_attachment(request, pk):
    attachment = get_object_or_404(
        report_attachments_visible_to(request.user).select_related("report__unit"), pk=pk
    )
    if not rules.can_read_report(request.user, attachment.report):
        raise Http404
    return serve_field(
        attachment.file, attachment.download_name, attachment.content_type, inline=True
    )
