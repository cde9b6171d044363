"""Pages of the nomination workflow: the queue, the dossier, its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.activity import history_of
from common.cache import DATA_NAMESPACE, fragment, prefetch, user_page
from common.paging import CappedPaginator
from common.selectors import NOTIFICATIONS_NAMESPACE
from units.rules import ROLES_NAMESPACE, role_scope

from .. import rules
from ..filters import NominationFilter, queue_rows_for_bulk
from ..forms.forwarding import ForwardForm
from ..forms.nominations import FORWARD, BulkActionForm, NominationForm, ReasonForm
from ..routing import return_target, route_of
from ..selectors import (
    QUEUE_FILTER_NAMESPACE,
    QUEUE_NAMESPACE,
    central_lines_for_nomination,
    nomination_queue,
    nominations_visible_to,
    stages_of,
)
from ..services.checks import nomination_warnings
from ..services.dossiers import save_nomination
from ..services.nominations import ACTIONS, WorkflowError, available_actions, perform, perform_bulk
from .award_at_once import award_at_once_offer

PAGE_SIZE = 25
#: The queue counts and pages at most this many rows (40 pages); past it, the page
#: asks for a filter or the reverse order.
QUEUE_CAP = 1000
#: The most rows one bulk action by the queue's filters may change, in one transaction.
BULK_LIMIT = 2000


@login_required
@user_page(QUEUE_NAMESPACE, QUEUE_FILTER_NAMESPACE, ROLES_NAMESPACE, NOTIFICATIONS_NAMESPACE)
def nomination_list(request):
    """The review queue.  Cached at two levels (``common.cache``), under namespaces that
    every write to the tables they show retires (``AwardsConfig.ready``): the whole
    page per user (its frame shows the user's name, roles and bell; each answer gets
    its own CSRF token), and inside it the rows and the filter form per scope
    (``units.rules.role_scope``: users with the same roles share them), query string,
    day and language, so a page rebuilt after a notification or for a second
    staff member reads its rows from the cache."""
    user = request.user
    filterset = NominationFilter(request.GET or None, queryset=nomination_queue(user), user=user)
    scope = role_scope(user)
    params = sorted((key, tuple(values)) for key, values in request.GET.lists())
    listing = _QueueListing(request, filterset)
    rows_entry = ("queue-rows", [QUEUE_NAMESPACE], [scope, params, timezone.localdate()])
    # The form shown depends on whether the rows fell back to "every row": both read at once.
    prefetch(rows_entry, *(_filter_entry(scope, params, fell) for fell in (False, True)))
    rows = fragment(*rows_entry, listing.render)
    shown = filterset.queue_fallback(0) if rows["fell_back"] else filterset
    filter_html = fragment(
        *_filter_entry(scope, params, rows["fell_back"]),
        lambda: render_to_string("common/_filter_fields.html", {"form": shown.form}),
    )
    # The file lists what the page lists: the "whose rows" choice the page made included.
    export_query = request.GET.copy()
    export_query.pop("page", None)
    if "queue" in shown.data:
        export_query["queue"] = shown.data["queue"]
    return render(
        request,
        "awards/nomination_list.html",
        {
            "filter": shown,
            "filter_html": mark_safe(filter_html),  # noqa: S308 - rendered by our template
            "rows": {key: mark_safe(rows[key]) for key in ("html", "pages")},  # noqa: S308
            # Read only by tests: the template shows the cached rows.
            "page": SimpleLazyObject(listing.page),
            "export_query": export_query.urlencode(),
            "can_import": rules.can_import_nominations(user),
            "can_create": rules.can_create_nomination(user),
        },
    )


def _filter_entry(scope, params, fell_back) -> tuple:
    return ("queue-filter", [QUEUE_FILTER_NAMESPACE], [scope, params, fell_back])


class _QueueListing:
    """One page of the queue, read when the cache does not hold it (or a test asks)."""

    def __init__(self, request, filterset):
        self.request = request
        self.filterset = filterset
        self._page = None

    def page(self):
        if self._page is None:
            filterset = self.filterset
            paginator = CappedPaginator(filterset.qs, PAGE_SIZE, cap=QUEUE_CAP)
            fallback = filterset.queue_fallback(paginator.found)
            if fallback is not None:
                paginator = CappedPaginator(fallback.qs, PAGE_SIZE, cap=QUEUE_CAP)
            self.fell_back = fallback is not None
            self._page = paginator.get_page(self.request.GET.get("page"))
        return self._page

    def render(self) -> dict:
        page = self.page()
        user = self.request.user
        query = self.request.GET.copy()
        query.pop("page", None)
        context = {
            "page": page,
            "query": query.urlencode(),
            "bulk_form": BulkActionForm(),
            "can_bulk": rules.can_review_nominations(user),
            "can_forward": rules.can_forward_many(user),
            "bulk_limit": BULK_LIMIT,
        }
        return {
            "html": render_to_string("awards/_queue_rows.html", context),
            "pages": render_to_string("awards/_pagination.html", context),
            "fell_back": self.fell_back,
        }


def _get_visible(request, pk):
    return get_object_or_404(
        nominations_visible_to(request.user).select_related(
            "individual__unit",
            "unit",
            "award_type",
            "nominating_unit",
            "campaign",
            "created_by",
            "reviewing_unit",
            "deciding_unit",
        ),
        pk=pk,
    )


@login_required
@user_page(DATA_NAMESPACE)
def nomination_detail(request, pk):
    nomination = _get_visible(request, pk)
    staff = rules.can_review_nominations(request.user)
    can_forward = rules.can_forward_nomination(request.user, nomination)
    reviews = rules.can_review_nomination(request.user, nomination)
    return render(
        request,
        "awards/nomination_detail.html",
        {
            "nomination": nomination,
            "achievements": nomination.achievements.prefetch_related("evidence").select_related(
                "individual", "unit"
            ),
            "files": nomination.files.all(),
            "history": history_of(nomination),
            "warnings": nomination_warnings(nomination) if staff else [],
            "actions": available_actions(request.user, nomination),
            "reason_form": ReasonForm(),
            "can_edit": rules.can_edit_nomination(request.user, nomination),
            "central_lines": central_lines_for_nomination(nomination),
            "can_open_central": rules.can_manage_central_submissions(request.user),
            "can_award_at_once": bool(award_at_once_offer(request.user, nomination)),
            "route": route_of(nomination, timezone.localdate()),
            "stages": stages_of(nomination),
            "return_to": return_target(nomination) if reviews else "",
            "forward_form": (
                ForwardForm(issuer=nomination.reviewing_unit, ids=[nomination.pk])
                if can_forward
                else None
            ),
        },
    )


@login_required
def nomination_create(request):
    if not rules.can_create_nomination(request.user):
        raise Http404
    return _nomination_form(request, None)


@login_required
def nomination_edit(request, pk):
    nomination = _get_visible(request, pk)
    if not rules.can_edit_nomination(request.user, nomination):
        raise Http404
    return _nomination_form(request, nomination)


@login_required
def nomination_achievement_choices(request):
    """The achievement checkboxes of the subject chosen on the nomination form (htmx):
    the form asks again whenever the individual or the collective changes."""
    if not rules.can_create_nomination(request.user):
        raise Http404
    subject = {k: request.GET.get(k, "") for k in ("individual", "unit")}
    form = NominationForm(user=request.user, initial={**subject, "campaign": None})
    return render(request, "awards/_nomination_achievements.html", {"form": form})


@login_required
def nomination_deciding_choices(request):
    """The deciding-unit choice of the nomination form (htmx): asked again whenever the
    subject or the form changes."""
    if not rules.can_create_nomination(request.user):
        raise Http404
    chosen = {k: request.GET.get(k, "") for k in ("individual", "unit", "award_type")}
    form = NominationForm(user=request.user, initial={**chosen, "campaign": None})
    return render(request, "awards/_nomination_deciding.html", {"form": form})


def _nomination_form(request, nomination):
    if nomination is not None:
        initial = {
            "campaign": nomination.campaign,
            "individual": nomination.individual,
            "unit": nomination.unit,
            "award_type": nomination.award_type,
            "deciding_unit": nomination.deciding_unit,
            "summary": nomination.summary,
            "achievements": list(nomination.achievements.all()),
        }
    else:
        # Pre-filled from an achievement's "nominate" link.
        initial = {
            k: request.GET[k] for k in ("campaign", "individual", "unit") if k in request.GET
        }
        initial["achievements"] = request.GET.getlist("achievement")
    form = NominationForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        nomination=nomination,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = save_nomination(
                by=request.user,
                nomination=nomination,
                nominating_unit=form.acting_unit(),
                campaign=data["campaign"],
                award_type=data["award_type"],
                summary=data["summary"],
                achievements=data["achievements"],
                individual=data["individual"],
                unit=data["unit"],
                uploads=form.dossier_uploads(),
                remove_files=data.get("remove_files") or (),
                deciding_unit=data.get("deciding_unit"),
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
            return render(
                request, "awards/nomination_form.html", {"form": form, "nomination": nomination}
            )
        if "submit" in request.POST:
            try:
                perform(saved, "submit", by=request.user)
            except WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Đã gửi hồ sơ tới Ban Thi đua – Khen thưởng."))
                return redirect("awards:nomination_detail", pk=saved.pk)
        messages.success(request, _("Đã lưu hồ sơ."))
        return redirect("awards:nomination_detail", pk=saved.pk)
    return render(request, "awards/nomination_form.html", {"form": form, "nomination": nomination})


@login_required
@require_POST
def nomination_action(request, pk, action):
    nomination = _get_visible(request, pk)
    if action not in ACTIONS:
        raise Http404
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        perform(nomination, action, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Hồ sơ đã chuyển sang trạng thái “%(state)s”.")
            % {"state": nomination.get_state_display()},
        )
    return redirect("awards:nomination_detail", pk=nomination.pk)


@login_required
@require_POST
def nomination_bulk(request):
    if not rules.can_review_nominations(request.user):
        raise Http404
    form = BulkActionForm(request.POST)
    back = request.POST.get("next", "")
    target = (
        back
        if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
        else None
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target or "awards:nomination_list")
    data = form.cleaned_data
    if data["action"] == FORWARD:
        # One letter for the ticked rows: its date and signer are chosen on the next page.
        if not rules.can_forward_many(request.user):
            raise Http404
        query = "&".join(f"ids={pk}" for pk in data["ids"])
        return redirect(f"{reverse('awards:nomination_forward')}?{query}")
    try:
        chosen = (
            queue_rows_for_bulk(request.user, data["filters"], limit=BULK_LIMIT)
            if data["everything"]
            else data["ids"]
        )
        changed, skipped = perform_bulk(
            nominations_visible_to(request.user).filter(pk__in=chosen),
            data["action"],
            by=request.user,
            reason=data["reason"],
        )
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã xử lý %(changed)d hồ sơ.") % {"changed": changed})
        if skipped:
            messages.warning(
                request,
                _("%(skipped)d hồ sơ không ở trạng thái cho phép thao tác này nên được bỏ qua.")
                % {"skipped": skipped},
            )
    return redirect(target or "awards:nomination_list")
