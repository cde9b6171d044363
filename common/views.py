from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors
from .forms import EmailPreferenceForm
from .models import EmailMode, Notification, UserPreference

NOTIFICATIONS_PAGE_SIZE = 25


def healthz(request):
    """The process answers HTTP: plain "ok", no database, no session, no template.

    For a container's health check and a load balancer; also the benchmarks'
    baseline of what one request costs.
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


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
