"""Pages of forwarding up a level (trình cấp trên): the forwarding page (one nomination
from its page, or the ticked ones of the queue) and the proposal letter's PDF."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from common.downloads import file_response

from .. import rules
from ..forms.forwarding import ForwardForm
from ..selectors import forwardable_nominations, proposal_letters_visible_to
from ..services.forwarding import forward_nominations, forward_plan, proposal_letter_pdf
from ..services.nominations import WorkflowError


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit() and 0 < int(v) < 2**63]


@login_required
def nomination_forward(request):
    """GET ``?ids=…``: the ticked nominations, where they go and the letter's form;
    POST: forward them with one letter.  Only a unit's leaders; rows the user does
    not see are left out (none seen: 404)."""
    if not rules.can_forward_many(request.user):
        raise Http404
    source = request.POST if request.method == "POST" else request.GET
    rows = list(forwardable_nominations(request.user, _ids(source.getlist("ids"))))
    if not rows:
        raise Http404
    plan = forward_plan(rows, by=request.user, day=timezone.localdate())
    form = ForwardForm(request.POST or None, issuer=plan["issuer"], ids=[row.pk for row in rows])
    if request.method == "POST" and not plan["refusal"] and form.is_valid():
        data = form.cleaned_data
        try:
            letter = forward_nominations(
                rows,
                by=request.user,
                signed_date=data["signed_date"],
                signer=data["signer"],
                note=data["note"],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã trình %(count)d hồ sơ lên %(to)s kèm tờ trình số %(reference)s.")
                % {"count": len(rows), "to": plan["addressee_name"], "reference": letter.reference},
            )
            if len(rows) == 1:
                return redirect("awards:nomination_detail", pk=rows[0].pk)
            return redirect("awards:nomination_list")
    return render(
        request, "awards/nomination_forward.html", {"rows": rows, "plan": plan, "form": form}
    )


@login_required
def proposal_letter_document(request, pk):
    """The proposal letter as a PDF, built from its frozen text: whoever sees one of the
    nominations it forwarded, or belongs to its unit (or a unit above)."""
    letter = get_object_or_404(proposal_letters_visible_to(request.user), pk=pk)
    content = proposal_letter_pdf(letter)
    filename = f"To-trinh-{letter.number}-{letter.symbol}-{letter.year}.pdf"
    return file_response(io.BytesIO(content), filename, "application/pdf", inline=True)
