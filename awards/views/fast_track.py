"""The instant-award lane (thưởng nóng), built to be used on a phone.

A leader of a unit that may decide the nomination's form is sent on to award it at
once (``award_at_once``); anyone else sees the nomination sent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import rules
from ..forms.fast_track import FastTrackForm
from ..services.achievements import record_fast_track
from ..services.nominations import WorkflowError
from .award_at_once import award_at_once_offer


@login_required
def fast_track(request):
    if not rules.can_record_fast_track(request.user):
        raise Http404
    form = FastTrackForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = record_fast_track(
                by=request.user,
                nominating_unit=form.acting_unit(),
                campaign=data["campaign"],
                award_type=data["award_type"],
                what=data["what"],
                occurred_at=data["occurred_at"],
                photo=data["photo"],
                individual=data["individual"],
                unit=data["unit"],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            # A leader whose unit may decide the form goes straight on to award it.
            issuers = award_at_once_offer(request.user, nomination)
            if issuers and rules.leads_issuer(request.user, issuers[0].pk):
                messages.success(
                    request,
                    _(
                        "Đã ghi nhận thành tích đột xuất. %(issuer)s có thẩm quyền khen: "
                        "ban hành quyết định ngay dưới đây."
                    )
                    % {"issuer": issuers[0].name},
                )
                return redirect("awards:nomination_award_at_once", pk=nomination.pk)
            messages.success(
                request,
                _("Đã gửi đề nghị khen thưởng đột xuất. Ban Thi đua – Khen thưởng đã được báo."),
            )
            return redirect("awards:nomination_detail", pk=nomination.pk)
    return render(request, "awards/fast_track.html", {"form": form})
