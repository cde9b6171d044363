"""Reminder log, rules and send-now pages for provincial staff.

Only staff who manage reminders (:func:`campaign.rules.can_manage_reminders`)
see these pages; anyone else signed in gets a 404, as on the other staff
pages, and anonymous visitors are sent to the login page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import rules
from ..enums import ReminderState
from ..filters import ReminderFilter
from ..selectors import (
    reminder_rules_visible_to,
    reminder_rules_with_counts,
    reminders_visible_to,
)
from ..services.reminder_admin import (
    describe_crontab,
    retry_failed_reminder,
    send_now_preview,
    send_reminders_now,
)
from ..services.reminders import ReminderError

PAGE_SIZE = 50


def _managers_only(request) -> None:
    if not rules.can_manage_reminders(request.user):
        raise Http404


@login_required
def reminder_log(request):
    """What was sent, to whom, when, in which state; newest first, failed rows flagged."""
    _managers_only(request)
    filterset = ReminderFilter(request.GET or None, queryset=reminders_visible_to(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for reminder in page:
        reminder.can_retry = rules.can_retry_reminder(request.user, reminder)
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
    reminder = get_object_or_404(
        reminders_visible_to(request.user).select_related("recipient"), pk=pk
    )
    try:
        retry_failed_reminder(reminder, by=request.user)
    except ReminderError as error:
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
    _managers_only(request)
    reminder_rules = list(reminder_rules_with_counts(request.user))
    for rule in reminder_rules:
        rule.schedule_text = describe_crontab(rule.schedule)
        rule.can_send_now = rules.can_send_reminders_now(request.user, rule)
    return render(
        request,
        "campaign/reminders/rules.html",
        {
            "rules": reminder_rules,
            "can_edit": rules.can_edit_reminder_rules(request.user),
            "states": ReminderState,
        },
    )


@login_required
def rule_send(request, pk):
    """Send now ("Gửi ngay"): preview who would receive what; on confirmation, write it."""
    rule = get_object_or_404(reminder_rules_visible_to(request.user), pk=pk)
    if not rules.can_send_reminders_now(request.user, rule):
        raise Http404
    if request.method == "POST":
        try:
            composed = send_reminders_now(rule, by=request.user)
        except ReminderError as error:
            messages.error(request, str(error))
            return redirect("campaign:reminder_rule_send", rule.pk)
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
    return render(
        request,
        "campaign/reminders/send.html",
        {
            "rule": rule,
            "schedule_text": describe_crontab(rule.schedule),
            **send_now_preview(rule),
        },
    )
