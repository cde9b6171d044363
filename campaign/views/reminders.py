"""Reminder log, rules and send-now pages for provincial staff.

Only emulation staff see these pages; anyone else signed in gets a 404, as on
the other staff pages, and anonymous visitors are sent to the login page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.models import email_modes

from ..enums import ReminderChannel, ReminderState
from ..filters import ReminderFilter
from ..models import Reminder, ReminderRule
from ..services.reminder_admin import NotRetryable, describe_crontab, retry_failed, send_now
from ..services.reminders import channel_for, preview
from . import staff_only

PAGE_SIZE = 50
#: rows of a preview shown on the page (the count is always the full one)
PREVIEW_ROWS = 200


@login_required
def reminder_log(request):
    """What was sent, to whom, when, in which state; newest first, failed rows flagged."""
    staff_only(request)
    queryset = (
        Reminder.objects.select_related("rule", "recipient", "campaign", "unit")
        .defer("body_html")
        .order_by("-created_at", "-id")
    )
    filterset = ReminderFilter(request.GET or None, queryset=queryset)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "campaign/reminders/log.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "failed_state": ReminderState.FAILED,
        },
    )


def _back(request):
    """The log page the retry was asked from (filters and page kept), or the log."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and target.startswith(reverse("campaign:reminder_log")):
        return target
    return reverse("campaign:reminder_log")


@login_required
@require_POST
def reminder_retry(request, pk):
    """Put a failed reminder email back in the outbox."""
    staff_only(request)
    reminder = get_object_or_404(Reminder.objects.select_related("recipient"), pk=pk)
    try:
        retry_failed(reminder, by=request.user)
    except NotRetryable as error:
        messages.warning(request, str(error))
    else:
        messages.success(
            request,
            _("Đã đưa thư “%(subject)s” gửi %(email)s trở lại hàng chờ gửi.")
            % {"subject": reminder.subject, "email": reminder.recipient.email},
        )
    return redirect(_back(request))


@login_required
def rule_list(request):
    """Every rule: what it looks for, when it runs, and what it has produced."""
    staff_only(request)
    rules = list(
        ReminderRule.objects.select_related("schedule")
        .annotate(
            sent_count=Count("reminders", filter=Q(reminders__state=ReminderState.SENT)),
            pending_count=Count(
                "reminders",
                filter=Q(reminders__state__in=[ReminderState.PENDING, ReminderState.SENDING]),
            ),
            failed_count=Count("reminders", filter=Q(reminders__state=ReminderState.FAILED)),
        )
        .order_by("kind", "name")
    )
    for rule in rules:
        rule.schedule_text = describe_crontab(rule.schedule)
    return render(
        request,
        "campaign/reminders/rules.html",
        {
            "rules": rules,
            "can_edit": request.user.is_staff
            and request.user.has_perm("campaign.change_reminderrule"),
            "states": ReminderState,
        },
    )


@login_required
def rule_send(request, pk):
    """Send now ("Gửi ngay"): preview who would receive what; on confirmation, write it."""
    staff_only(request)
    rule = get_object_or_404(ReminderRule.objects.select_related("schedule"), pk=pk)
    if request.method == "POST":
        composed = send_now(rule, by=request.user)
        created = len(composed.created)
        messages.success(
            request,
            ngettext(
                "Đã tạo %(count)d lượt nhắc việc.",
                "Đã tạo %(count)d lượt nhắc việc.",
                created,
            )
            % {"count": created},
        )
        return redirect(f"{reverse('campaign:reminder_log')}?rule={rule.pk}")

    new, already_sent = preview(rule)
    rows = [{"due": due, "subject": subject, "text": text} for due, (subject, text, _h) in new]
    modes = email_modes({row["due"].recipient.pk for row in rows[:PREVIEW_ROWS]})
    for row in rows[:PREVIEW_ROWS]:
        recipient = row["due"].recipient
        row["channel"] = ReminderChannel(channel_for(rule, recipient, modes[recipient.pk]))
    return render(
        request,
        "campaign/reminders/send.html",
        {
            "rule": rule,
            "schedule_text": describe_crontab(rule.schedule),
            "rows": rows[:PREVIEW_ROWS],
            "total": len(rows),
            "hidden": max(len(rows) - PREVIEW_ROWS, 0),
            "already_sent": already_sent,
        },
    )
