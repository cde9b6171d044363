"""Pages of award decisions: the list, the draft, its lines, issue and revocation.

Reading follows ``decisions_visible_to``; composing, issuing and revoking a
decision are for the people who act for its issuer (``rules.acts_for_issuer``:
provincial staff, the unit's members; its leaders issue and revoke), and every
other user gets a 404 there, as for an unknown decision.
The views validate input and call the decisions service; a refusal from the
service (authority, state changed by someone else meanwhile) comes back to
the user as a message, never as a 500.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.activity import history_of
from common.cache import DATA_NAMESPACE, user_page
from common.templatetags.vn import money

from .. import rules
from ..authority import in_branch_q
from ..enums import DecisionState
from ..filters import CandidateFilter, DecisionFilter, search_subjects
from ..forms.decisions import DecisionForm, RevokeForm
from ..forms.picking import PickNominationsForm
from ..models import Recipient
from ..selectors import (
    ceremonies_of,
    decision_lines_for,
    decision_list_for,
    decision_totals,
    decisions_visible_to,
    issuers_acted_for,
    nominations_ready_for_decision,
    sees_only_own_units,
    with_line_totals,
)
from ..services.ceremonies import ceremony_notes
from ..services.decisions import (
    DecisionError,
    add_recipients,
    create_decision,
    decision_warnings,
    estimate_amounts,
    expected_number,
    issue_decision,
    line_rows,
    remove_recipient,
    revoke_decision,
    revoke_recipient,
    update_decision,
)
from .certificates import run_context

PAGE_SIZE = 25
#: A decision's lines shown a page at a time.
LINES_PER_PAGE = 50
ADD_PAGE_SIZE = 50


# --- Helpers ----------------------------------------------------------------------------


def _visible(request, pk):
    return get_object_or_404(
        decisions_visible_to(request.user).select_related(
            "issuer", "award_type", "campaign", "issued_by", "created_by"
        ),
        pk=pk,
    )


def _for_issuer(request, pk):
    """The decision, for those who act for its issuer: anyone else gets a 404, as for
    an unknown one."""
    if not rules.can_manage_decisions(request.user):
        raise Http404
    decision = _visible(request, pk)
    if not rules.acts_for_issuer(request.user, decision.issuer_id):
        raise Http404
    return decision


def _back_to(decision):
    return redirect("awards:decision_detail", pk=decision.pk)


def _not_a_draft(request, decision):
    messages.error(
        request,
        _("Quyết định đã ban hành (trạng thái: “%(state)s”): không thể sửa nữa.")
        % {"state": decision.get_state_display()},
    )
    return _back_to(decision)


# --- Reading ----------------------------------------------------------------------------


@login_required
@user_page(DATA_NAMESPACE)
def decision_list(request):
    issuers = issuers_acted_for(request.user)
    filterset = DecisionFilter(
        request.GET, queryset=decision_list_for(request.user), issuers=issuers
    )
    filterset.is_valid()
    state = filterset.form.cleaned_data.get("state") or ""
    own = bool(issuers) and bool(filterset.form.cleaned_data.get("own"))
    query = {"state": state, "own": "true" if own else ""}
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_line_totals(page.object_list)
    return render(
        request,
        "awards/decision_list.html",
        {
            "page": page,
            "query": urlencode({k: v for k, v in query.items() if v}),
            "state": state,
            "states": DecisionState.choices,
            # A unit's people choose between their units' own decisions and every
            # decision they see (those of other issuers that concern their units).
            "show_own_tabs": bool(issuers),
            "own": own,
            "can_create": rules.can_manage_decisions(request.user),
        },
    )


@login_required
@user_page(DATA_NAMESPACE)
def decision_detail(request, pk):
    decision = _visible(request, pk)
    acting = rules.acts_for_issuer(request.user, decision.issuer_id)
    # A province's decision can hold thousands of lines: they are shown a page at a
    # time, searchable by name, while the totals count every line.
    search = request.GET.get("q", "").strip()
    lines = search_subjects(decision_lines_for(request.user, decision), search)
    page = Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("page"))
    lines = list(page.object_list)
    rows = line_rows(lines)
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "rows": rows,
            "page": page,
            "first_number": page.start_index(),
            "search": search,
            "query": urlencode({"q": search}) if search else "",
            "totals": decision_totals(decision, user=request.user),
            "only_own_units": sees_only_own_units(request.user) and not acting,
            "warnings": decision_warnings(decision) if acting else [],
            # The certificates' progress partial, as the certificate list shows it:
            # polling while the run is unfinished, stopped runs resumable.
            **run_context(request, decision),
            "history": history_of(decision),
            "ceremonies": (
                list(ceremonies_of(decision)) if decision.state != DecisionState.DRAFT else []
            ),
            "ceremony_notes": ceremony_notes(decision, lines),
            "can_record_ceremony": rules.can_record_ceremony(request.user, decision),
            "can_edit": rules.can_edit_decision(request.user, decision),
            "can_issue": rules.can_issue_decision(request.user, decision),
            "can_revoke": rules.can_revoke_decision(request.user, decision),
            "can_revoke_lines": rules.can_revoke_lines(request.user, decision),
        },
    )


# --- Composing (the issuer's people) -------------------------------------------------------------


def _header(cleaned) -> dict:
    """The form's fields as the service's keyword arguments."""
    return {name: cleaned[name] for name in DecisionForm.base_fields}


@login_required
def decision_create(request):
    if not rules.can_manage_decisions(request.user):
        raise Http404
    initial = {}
    if request.GET.get("campaign", "").isdigit():
        initial["campaign"] = request.GET["campaign"]
    form = DecisionForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            decision = create_decision(by=request.user, **_header(form.cleaned_data))
        except DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Đã lập dự thảo quyết định. Tiếp theo: thêm người, tập thể được khen.")
            )
            return redirect("awards:decision_add_recipients", pk=decision.pk)
    return render(request, "awards/decision_form.html", {"form": form, "decision": None})


@login_required
def decision_edit(request, pk):
    decision = _for_issuer(request, pk)
    if not rules.can_edit_decision(request.user, decision):
        return _not_a_draft(request, decision)
    form = DecisionForm(
        request.POST or None,
        initial=DecisionForm.initial_from(decision),
        decision=decision,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_decision(decision, by=request.user, **_header(form.cleaned_data))
        except DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu quyết định; tiền thưởng đã được tính lại."))
            return _back_to(decision)
    return render(request, "awards/decision_form.html", {"form": form, "decision": decision})


@login_required
def decision_add_recipients(request, pk):
    decision = _for_issuer(request, pk)
    if not rules.can_edit_decision(request.user, decision):
        return _not_a_draft(request, decision)
    data = request.POST if request.method == "POST" else request.GET
    # Only subjects in the issuer's branch may go on its decision (the service refuses others).
    ready = nominations_ready_for_decision(request.user).filter(in_branch_q(decision.issuer))
    filterset = CandidateFilter.for_decision(data, decision, ready)
    matching = filterset.qs
    here = reverse("awards:decision_add_recipients", args=[decision.pk])
    query = urlencode(filterset.query())

    if request.method == "POST":
        chosen = PickNominationsForm(request.POST).chosen(request.user, matching)
        if not chosen.exists():
            messages.error(request, _("Chọn ít nhất một hồ sơ để thêm."))
            return redirect(f"{here}?{query}")
        try:
            result = add_recipients(decision, chosen, by=request.user)
        except DecisionError as error:
            messages.error(request, str(error))
            return _back_to(decision)
        totals = decision_totals(decision)
        messages.success(
            request,
            _(
                "Đã thêm %(added)d người, tập thể. Quyết định hiện có %(count)d người, "
                "tập thể; tổng tiền thưởng %(amount)s."
            )
            % {
                "added": result.added,
                "count": totals["count"],
                "amount": money(totals["amount"]),
            },
        )
        if result.skipped:
            messages.warning(
                request,
                _(
                    "Bỏ qua %(skipped)d hồ sơ: %(not_approved)d không còn ở trạng thái “Đã "
                    "duyệt”, %(other)d đề nghị hình thức khác, %(listed)d đã có trong quyết "
                    "định này, %(elsewhere)d đã có trong quyết định khác."
                )
                % {
                    "skipped": result.skipped,
                    "not_approved": result.not_approved,
                    "other": result.other_award_type,
                    "listed": result.already_listed,
                    "elsewhere": result.on_other_decision,
                },
            )
        return redirect(f"{here}?{query}")

    matching = matching.select_related(
        "individual__unit", "unit", "nominating_unit", "award_type", "campaign"
    ).order_by("nominating_unit__path", "id")
    page = Paginator(matching, ADD_PAGE_SIZE).get_page(request.GET.get("page"))
    amounts, estimate_total, problems = estimate_amounts(decision, matching)
    for nomination in page:
        nomination.estimated_amount = (
            amounts.get(nomination.subject_type)
            if nomination.award_type_id == decision.award_type_id
            else None
        )
    current = decision_totals(decision)
    other_forms = matching.exclude(award_type=decision.award_type_id).exists()
    return render(
        request,
        "awards/decision_add.html",
        {
            "decision": decision,
            "filter_form": filterset.form,
            "filter_values": filterset.query(),
            "page": page,
            "query": query,
            "current_count": current["count"],
            "current_total": current["amount"],
            "estimate_total": estimate_total,
            "after_all_total": current["amount"] + estimate_total,
            "problems": problems,
            "other_forms": other_forms,
        },
    )


@login_required
@require_POST
def decision_remove_recipient(request, pk, line_pk):
    decision = _for_issuer(request, pk)
    line = get_object_or_404(
        Recipient.objects.select_related("decision"), pk=line_pk, decision=decision
    )
    try:
        remove_recipient(line, by=request.user)
    except DecisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Đã bỏ %(name)s khỏi quyết định.") % {"name": line.subject_name}
        )
    return _back_to(decision)


# --- Issuing and revoking (the issuer's leaders) -------------------------------------------------


@login_required
def decision_issue(request, pk):
    decision = _for_issuer(request, pk)
    if request.method == "POST":
        try:
            issue_decision(decision, by=request.user)
        except DecisionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Đã ban hành Quyết định số %(reference)s. Bằng, giấy khen đang được tạo.")
                % {"reference": decision.reference},
            )
        return _back_to(decision)
    if not rules.can_issue_decision(request.user, decision):
        if decision.state != DecisionState.DRAFT:
            return _not_a_draft(request, decision)
        messages.error(
            request,
            _("Lãnh đạo %(issuer)s ban hành quyết định này; dự thảo đang chờ lãnh đạo xem.")
            % {"issuer": decision.issuer.name},
        )
        return _back_to(decision)
    totals = decision_totals(decision)
    return render(
        request,
        "awards/decision_issue.html",
        {
            "decision": decision,
            "count": totals["count"],
            "total": totals["amount"],
            "next_number": expected_number(decision),
            "warnings": decision_warnings(decision),
        },
    )


@login_required
def decision_revoke(request, pk):
    decision = _for_issuer(request, pk)
    if not rules.can_revoke_decision(request.user, decision) and request.method != "POST":
        messages.error(request, _("Chỉ thu hồi được quyết định đã ban hành."))
        return _back_to(decision)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke_decision(decision, by=request.user, reason=form.cleaned_data["reason"])
        except DecisionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Đã thu hồi Quyết định số %(reference)s và các bằng, giấy khen của quyết định.")
                % {"reference": decision.reference},
            )
        return _back_to(decision)
    return render(
        request, "awards/decision_revoke.html", {"decision": decision, "line": None, "form": form}
    )


@login_required
def decision_revoke_recipient(request, pk, line_pk):
    decision = _for_issuer(request, pk)
    line = get_object_or_404(
        Recipient.objects.select_related("decision", "individual", "unit"),
        pk=line_pk,
        decision=decision,
    )
    if not rules.can_revoke_recipient(request.user, line) and request.method != "POST":
        messages.error(
            request, _("Dòng này không thể thu hồi (đã thu hồi, hoặc quyết định chưa ban hành).")
        )
        return _back_to(decision)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke_recipient(line, by=request.user, reason=form.cleaned_data["reason"])
        except DecisionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Đã thu hồi khen thưởng của %(name)s và bằng, giấy khen kèm theo.")
                % {"name": line.subject_name},
            )
        return _back_to(decision)
    return render(
        request, "awards/decision_revoke.html", {"decision": decision, "line": line, "form": form}
    )
