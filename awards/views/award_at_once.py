"""Award at once (khen thưởng ngay): from a fast-track nomination to an issued decision.

The page is for a user who acts for a unit that may decide the nomination's form
over its subject today (``services.award_at_once.issuers_for``) and whom
``rules.can_award_at_once`` allows; anyone else gets a 404.  It says which
happened: issued at once (the unit's leader), or a draft sent to the leaders.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules
from ..forms.award_at_once import AwardAtOnceForm
from ..selectors import nominations_visible_to
from ..services.award_at_once import award_at_once, issuers_for
from ..services.decisions import DecisionError


def award_at_once_offer(user, nomination) -> list:
    """The units ``user`` may award ``nomination`` at once for today (empty: no button)."""
    if not (nomination.is_fast_track and nomination.state in rules.AWARD_AT_ONCE_STATES):
        return []
    issuers = issuers_for(user, nomination, timezone.localdate())
    return [unit for unit in issuers if rules.can_award_at_once(user, nomination, unit)]


@login_required
def nomination_award_at_once(request, pk):
    nomination = get_object_or_404(
        nominations_visible_to(request.user).select_related(
            "individual__unit", "unit", "award_type", "campaign", "nominating_unit"
        ),
        pk=pk,
    )
    issuers = award_at_once_offer(request.user, nomination)
    if not issuers:
        raise Http404
    form = AwardAtOnceForm(request.POST or None, nomination=nomination, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = award_at_once(
                nomination,
                by=request.user,
                issuer=data["issuer"],
                signed_date=data["signed_date"],
                citation=data["citation"],
                signer=data["signer"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                fixed_amount=data.get("fixed_amount"),
            )
        except DecisionError as error:
            form.add_error(None, str(error))
        else:
            decision = result.decision
            if result.issued:
                messages.success(
                    request,
                    _(
                        "Đã ban hành Quyết định số %(reference)s. Giấy khen đang được tạo; "
                        "đường dẫn tải hiện ở đây khi xong."
                    )
                    % {"reference": decision.reference},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Đã lập dự thảo quyết định và gửi lãnh đạo %(issuer)s ban hành. "
                        "Giấy khen được tạo ngay sau khi ban hành."
                    )
                    % {"issuer": decision.issuer.name},
                )
            return redirect("awards:decision_detail", pk=decision.pk)
    return render(
        request,
        "awards/award_at_once.html",
        {
            "nomination": nomination,
            "form": form,
            "issues_at_once": rules.leads_issuer(request.user, issuers[0].pk),
        },
    )
