"""The award ceremony (trao thưởng): recording it from the decision page, and its photo.

The page is for whoever ``rules.can_record_ceremony`` allows on an issued
decision they can see; anyone else gets a 404, as for an unknown decision.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.downloads import serve_field

from .. import rules
from ..forms.ceremonies import CeremonyForm
from ..selectors import ceremonies_visible_to, decisions_visible_to
from ..services.ceremonies import record_ceremony
from ..services.decisions import DecisionError


@login_required
def ceremony_create(request, pk):
    decision = get_object_or_404(
        decisions_visible_to(request.user).select_related("issuer", "award_type"), pk=pk
    )
    if not rules.can_record_ceremony(request.user, decision):
        raise Http404
    form = CeremonyForm(request.POST or None, request.FILES or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_ceremony(
                decision,
                by=request.user,
                lines=data["lines"],
                held_at=data["held_at"],
                place=data["place"],
                presented_by=data["presented_by"],
                photo=data["photo"] or None,
                notes=data["notes"],
            )
        except DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã ghi nhận buổi trao thưởng."))
            return redirect("awards:decision_detail", pk=decision.pk)
    return render(request, "awards/ceremony_form.html", {"decision": decision, "form": form})


@login_required
def ceremony_photo(request, pk):
    ceremony = get_object_or_404(ceremonies_visible_to(request.user), pk=pk)
    return serve_field(
        ceremony.photo,
        ceremony.photo_name or "trao-thuong.jpg",
        ceremony.photo_content_type or "application/octet-stream",
        inline=True,
        cache="private, max-age=3600",
    )
