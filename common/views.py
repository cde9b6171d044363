from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors
from .forms import EmailPreferenceForm, PasswordResetRequestForm
from .lockout import forget_failures
from .models import EmailMode, Notification, UserPreference

NOTIFICATIONS_PAGE_SIZE = 25


def healthz(request):
    """The process answers HTTP: plain "ok", no database, no session, no template.

    For a container's health check and a load balancer; also the benchmarks'
    baseline of what one request costs.
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


# --- Job rows (common.jobs.Job) -------------------------------------------------------


def resume_job(request, resume, job, *, refused, done, refusal_level=messages.ERROR) -> None:
    """Call the service ``resume(job, by=request.user)`` that hands a stopped or failed
    job to a worker again, and tell the user: ``done`` on success, the service's own
    message (an error of class ``refused``) at ``refusal_level`` when it refuses."""
    try:
        resume(job, by=request.user)
    except refused as error:
        messages.add_message(request, refusal_level, str(error))
    else:
        messages.success(request, done)


# --- Notifications (the bell) ----------------------------------------------------------


@login_required
def notification_list(request):
    only_unread = request.GET.get("unread") == "1"
    queryset = selectors.notifications_of(request.user)
    if only_unread:
        queryset = queryset.filter(read_at__isnull=True)
    page = Paginator(queryset, NOTIFICATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "only_unread": only_unread, "query": "unread=1" if only_unread else ""},
    )


def local_url(url: str) -> str | None:
    """``url`` if it is a path on this site ("/..."), otherwise ``None``.

    A notification's link is followed only within the portal: "//host/x",
    "https://host/x" and "/\\host" are refused, so that a stored value can
    never send the user to another site.
    """
    if not url or not url.startswith("/") or url.startswith(("//", "/\\")):
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=set(), require_https=False):
        return None
    return url


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one of the user's notifications read and follow its link."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return redirect(local_url(notification.url) or "notifications")


@login_required
@require_POST
def notification_read_all(request):
    changed = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if changed:
        message = ngettext(
            "Đã đánh dấu %(count)d thông báo là đã đọc.",
            "Đã đánh dấu %(count)d thông báo là đã đọc.",
            changed,
        )
        messages.success(request, message % {"count": changed})
    return redirect("notifications")


# --- The user's own preferences --------------------------------------------------------


@login_required
def preferences(request):
    """The logged-in user's email preference; the URL names no user, so nobody can
    reach another's."""
    preference = UserPreference.objects.filter(user=request.user).first()
    current = preference.email_mode if preference else EmailMode.IMMEDIATE
    form = EmailPreferenceForm(request.POST or None, initial={"email_mode": current})
    if request.method == "POST" and form.is_valid():
        form.save(request.user)
        messages.success(request, _("Đã lưu cách nhận thư thông báo."))
        return redirect("preferences")
    return render(
        request,
        "common/preferences.html",
        {"form": form, "preference": preference},
    )


# --- Password reset -----------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by email; the link is built on SITE_URL (common/site.py), never on
    the request's host. An unknown address gets the same answer as a known one."""

    form_class = PasswordResetRequestForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        self.extra_email_context = {"site_root": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the emailed link also lifts that account's sign-in lock."""

    def form_valid(self, form):
        response = super().form_valid(form)
        forget_failures(form.user.get_username())
        return response


# --- Error pages ------------------------------------------------------------------------


def bad_request(request, exception):
    """handler400: the portal's page, saying what was wrong when Django knows it.

    A request with more files than ``DATA_UPLOAD_MAX_NUMBER_FILES`` never reaches its
    view (Django refuses it while reading the body), so the form's own, lower limit
    (``UPLOAD_MAX_FILES``) cannot answer: this page does.
    """
    context = {
        "too_many_files": isinstance(exception, TooManyFilesSent),
        "too_many_fields": isinstance(exception, TooManyFieldsSent),
        "too_big": isinstance(exception, RequestDataTooBig),
        "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        "max_files_per_field": settings.UPLOAD_MAX_FILES,
    }
    return render(request, "400.html", context, status=400)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: Django's own page is in English and says nothing a user can do."""
    return render(request, "403_csrf.html", status=403)
